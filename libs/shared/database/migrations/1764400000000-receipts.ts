import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Donation receipts (Zuwendungsbestätigungen): numbered without gaps per organisation
 * and year, one valid receipt per donation, never changed once issued — except that
 * the worker attaches the rendered document once, and voiding marks it once.
 */
export class Receipts1764400000000 implements MigrationInterface {
  name = 'Receipts1764400000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE receipt_counters (
         organisation_id uuid NOT NULL REFERENCES organisations(id),
         year integer NOT NULL CHECK (year BETWEEN 2000 AND 2999),
         last_number integer NOT NULL CHECK (last_number >= 0),
         PRIMARY KEY (organisation_id, year)
       )`,
      `REVOKE DELETE, TRUNCATE ON receipt_counters FROM dachwerk_app`,

      `CREATE TABLE receipts (
         id uuid PRIMARY KEY,
         organisation_id uuid NOT NULL REFERENCES organisations(id),
         year integer NOT NULL,
         seq integer NOT NULL CHECK (seq > 0),
         number text NOT NULL,
         kind text NOT NULL CHECK (kind IN ('money', 'in_kind', 'collective')),
         donor_id uuid NOT NULL REFERENCES donors(id),
         content jsonb NOT NULL,
         total_cents bigint NOT NULL CHECK (total_cents > 0),
         issued_on date NOT NULL,
         replaces_receipt_id uuid UNIQUE REFERENCES receipts(id),
         document_path text,
         document_sha256 bytea CHECK (length(document_sha256) = 32),
         rendered_at timestamptz,
         voided_at timestamptz,
         void_reason text CHECK (length(void_reason) <= 500),
         created_by uuid REFERENCES users(id),
         created_at timestamptz NOT NULL DEFAULT now(),
         UNIQUE (organisation_id, number),
         UNIQUE (organisation_id, year, seq),
         CHECK (number = year || '-' || lpad(seq::text, 6, '0')),
         CHECK ((voided_at IS NULL) = (void_reason IS NULL))
       )`,
      `CREATE INDEX receipts_org_year ON receipts (organisation_id, year, seq)`,
      `CREATE INDEX receipts_unrendered ON receipts (created_at) WHERE rendered_at IS NULL`,

      `CREATE TABLE receipt_items (
         receipt_id uuid NOT NULL REFERENCES receipts(id),
         donation_id uuid NOT NULL REFERENCES donations(id),
         amount_cents bigint NOT NULL CHECK (amount_cents > 0),
         received_on date NOT NULL,
         is_waiver boolean NOT NULL,
         is_void boolean NOT NULL DEFAULT false,
         PRIMARY KEY (receipt_id, donation_id)
       )`,
      // One donation, at most one valid receipt.
      `CREATE UNIQUE INDEX receipt_items_one_valid ON receipt_items (donation_id) WHERE NOT is_void`,

      `CREATE FUNCTION receipts_guard() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF (NEW.id, NEW.organisation_id, NEW.year, NEW.seq, NEW.number, NEW.kind, NEW.donor_id, NEW.content,
             NEW.total_cents, NEW.issued_on, NEW.replaces_receipt_id, NEW.created_by, NEW.created_at)
            IS DISTINCT FROM
            (OLD.id, OLD.organisation_id, OLD.year, OLD.seq, OLD.number, OLD.kind, OLD.donor_id, OLD.content,
             OLD.total_cents, OLD.issued_on, OLD.replaces_receipt_id, OLD.created_by, OLD.created_at)
         OR (OLD.rendered_at IS NOT NULL AND (NEW.document_path, NEW.document_sha256, NEW.rendered_at)
             IS DISTINCT FROM (OLD.document_path, OLD.document_sha256, OLD.rendered_at))
         OR (OLD.voided_at IS NOT NULL AND (NEW.voided_at, NEW.void_reason) IS DISTINCT FROM (OLD.voided_at, OLD.void_reason)) THEN
           RAISE EXCEPTION 'An issued receipt does not change (only its document is attached once and it is voided once)'
             USING ERRCODE = 'insufficient_privilege';
         END IF;
         RETURN NEW;
       END $$`,
      `CREATE TRIGGER receipts_guard BEFORE UPDATE ON receipts FOR EACH ROW EXECUTE FUNCTION receipts_guard()`,
      `CREATE FUNCTION receipt_items_guard() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF (NEW.receipt_id, NEW.donation_id, NEW.amount_cents, NEW.received_on, NEW.is_waiver)
              IS DISTINCT FROM (OLD.receipt_id, OLD.donation_id, OLD.amount_cents, OLD.received_on, OLD.is_waiver)
            OR (OLD.is_void AND NOT NEW.is_void) THEN
           RAISE EXCEPTION 'Receipt items only change by being voided' USING ERRCODE = 'insufficient_privilege';
         END IF;
         RETURN NEW;
       END $$`,
      `CREATE TRIGGER receipt_items_guard BEFORE UPDATE ON receipt_items FOR EACH ROW EXECUTE FUNCTION receipt_items_guard()`,
      `REVOKE DELETE, TRUNCATE ON receipts, receipt_items FROM dachwerk_app`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['receipt_items', 'receipts', 'receipt_counters'])
      await q.query(`DROP TABLE ${table}`);
    await q.query(`DROP FUNCTION receipt_items_guard()`);
    await q.query(`DROP FUNCTION receipts_guard()`);
  }
}
