import { MigrationInterface, QueryRunner } from 'typeorm';

/** The guard of 1764400000000, with `extra` conditions that also refuse the update. */
const guard = (extra: string) =>
  `CREATE OR REPLACE FUNCTION receipts_guard() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF (NEW.id, NEW.organisation_id, NEW.year, NEW.seq, NEW.number, NEW.kind, NEW.donor_id, NEW.content,
             NEW.total_cents, NEW.issued_on, NEW.replaces_receipt_id, NEW.created_by, NEW.created_at)
            IS DISTINCT FROM
            (OLD.id, OLD.organisation_id, OLD.year, OLD.seq, OLD.number, OLD.kind, OLD.donor_id, OLD.content,
             OLD.total_cents, OLD.issued_on, OLD.replaces_receipt_id, OLD.created_by, OLD.created_at)
         OR (OLD.rendered_at IS NOT NULL AND (NEW.document_path, NEW.document_sha256, NEW.rendered_at)
             IS DISTINCT FROM (OLD.document_path, OLD.document_sha256, OLD.rendered_at))
         OR (OLD.voided_at IS NOT NULL AND (NEW.voided_at, NEW.void_reason) IS DISTINCT FROM (OLD.voided_at, OLD.void_reason))
         ${extra} THEN
           RAISE EXCEPTION 'An issued receipt does not change (only its documents are attached once and it is voided once)'
             USING ERRCODE = 'insufficient_privilege';
         END IF;
         RETURN NEW;
       END $$`;

/**
 * A voided receipt gets a second stored document: the same receipt marked "UNGÜLTIG /
 * storniert am … (Grund)". The original stays as it was issued (its hash is evidence);
 * the download of a voided receipt is the marked copy. Like the original, the marked
 * copy is attached once and never changes.
 */
export class ReceiptVoidDocument1765820000000 implements MigrationInterface {
  name = 'ReceiptVoidDocument1765820000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `ALTER TABLE receipts
         ADD COLUMN void_document_path text,
         ADD COLUMN void_document_sha256 bytea CHECK (length(void_document_sha256) = 32),
         ADD CONSTRAINT receipts_void_document_of_void CHECK (void_document_path IS NULL OR voided_at IS NOT NULL),
         ADD CONSTRAINT receipts_void_document_complete CHECK ((void_document_path IS NULL) = (void_document_sha256 IS NULL))`,
      `CREATE INDEX receipts_void_unrendered ON receipts (voided_at)
         WHERE voided_at IS NOT NULL AND void_document_path IS NULL`,
      guard(`OR (OLD.void_document_path IS NOT NULL AND (NEW.void_document_path, NEW.void_document_sha256)
             IS DISTINCT FROM (OLD.void_document_path, OLD.void_document_sha256))`),
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(guard(''));
    await q.query(`DROP INDEX receipts_void_unrendered`);
    await q.query(
      `ALTER TABLE receipts DROP COLUMN void_document_sha256, DROP COLUMN void_document_path`,
    );
  }
}
