import { MigrationInterface, QueryRunner } from 'typeorm';
import { appendOnly } from './sql';

/**
 * Bank statements (camt.053): the statement, each entry, each transaction inside an
 * entry. What the bank said is kept as it came and never changed; the match of a
 * transaction (status, what it settled, its journal entry) is the only mutable part.
 */
export class Banking1764900000000 implements MigrationInterface {
  name = 'Banking1764900000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE bank_statements (
         id uuid PRIMARY KEY,
         organisation_id uuid NOT NULL REFERENCES organisations(id),
         bank_account_id uuid NOT NULL REFERENCES organisation_bank_accounts(id),
         message_version text NOT NULL CHECK (message_version IN ('camt.053.001.02', 'camt.053.001.04', 'camt.053.001.08')),
         statement_ref text NOT NULL CHECK (length(statement_ref) BETWEEN 1 AND 35),
         electronic_seq bigint,
         from_on date,
         to_on date,
         opening_balance_cents bigint,
         closing_balance_cents bigint,
         entry_count int NOT NULL,
         file_sha256 text NOT NULL CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
         filename text,
         imported_by uuid REFERENCES users(id),
         imported_at timestamptz NOT NULL DEFAULT now(),
         UNIQUE (bank_account_id, statement_ref),
         UNIQUE (organisation_id, file_sha256)
       )`,
      ...appendOnly('bank_statements'),

      `CREATE TABLE bank_entries (
         id uuid PRIMARY KEY,
         statement_id uuid NOT NULL REFERENCES bank_statements(id),
         entry_no int NOT NULL,
         amount_cents bigint NOT NULL,
         currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
         booked_on date NOT NULL,
         value_on date,
         is_reversal boolean NOT NULL DEFAULT false,
         bank_ref text,
         payment_info_id text,
         transaction_count int NOT NULL,
         UNIQUE (statement_id, entry_no)
       )`,
      ...appendOnly('bank_entries'),

      `CREATE TABLE bank_transactions (
         id uuid PRIMARY KEY,
         organisation_id uuid NOT NULL REFERENCES organisations(id),
         entry_id uuid NOT NULL REFERENCES bank_entries(id),
         tx_no int NOT NULL,
         amount_cents bigint NOT NULL,
         booked_on date NOT NULL,
         original_amount_cents bigint,
         original_currency text CHECK (original_currency ~ '^[A-Z]{3}$'),
         charges_cents bigint NOT NULL DEFAULT 0 CHECK (charges_cents >= 0),
         end_to_end_id text,
         mandate_ref text,
         counterparty_name text,
         counterparty_iban text,
         remittance text,
         return_reason text,
         status text NOT NULL DEFAULT 'unmatched' CHECK (status IN ('unmatched', 'matched', 'ignored')),
         matched_as text CHECK (matched_as IN ('receivables', 'direct_debit', 'return', 'donation', 'account', 'payout')),
         journal_entry_id uuid REFERENCES journal_entries(id),
         matched_by uuid REFERENCES users(id),
         matched_at timestamptz,
         note text,
         UNIQUE (entry_id, tx_no),
         CHECK ((status = 'matched') = (matched_as IS NOT NULL))
       )`,
      `CREATE INDEX bank_transactions_unmatched ON bank_transactions (organisation_id, booked_on) WHERE status = 'unmatched'`,
      `CREATE INDEX bank_transactions_e2e ON bank_transactions (organisation_id, end_to_end_id)`,
      // Only the match may change, never what the bank said.
      `CREATE FUNCTION bank_transactions_keep_facts() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF (NEW.amount_cents, NEW.booked_on, NEW.entry_id, NEW.tx_no, NEW.end_to_end_id, NEW.counterparty_iban,
             NEW.remittance, NEW.return_reason)
            IS DISTINCT FROM
            (OLD.amount_cents, OLD.booked_on, OLD.entry_id, OLD.tx_no, OLD.end_to_end_id, OLD.counterparty_iban,
             OLD.remittance, OLD.return_reason) THEN
           RAISE EXCEPTION 'bank transactions keep what the bank said' USING ERRCODE = 'restrict_violation';
         END IF;
         IF OLD.status = 'matched' AND NEW.status <> 'matched' THEN
           RAISE EXCEPTION 'a matched bank transaction stays matched' USING ERRCODE = 'restrict_violation';
         END IF;
         RETURN NEW;
       END $$`,
      `CREATE TRIGGER bank_transactions_keep_facts BEFORE UPDATE ON bank_transactions
         FOR EACH ROW EXECUTE FUNCTION bank_transactions_keep_facts()`,
      `REVOKE DELETE, TRUNCATE ON bank_transactions FROM dachwerk_app`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['bank_transactions', 'bank_entries', 'bank_statements'])
      await q.query(`DROP TABLE ${table}`);
    await q.query(`DROP FUNCTION bank_transactions_keep_facts()`);
  }
}
