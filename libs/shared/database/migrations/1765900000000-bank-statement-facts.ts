import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a statement says, more fully: the status of each entry (only booked money in the
 * account's currency is matched and booked; pending or information-only entries are kept
 * as not booked), structured creditor references, and a hash of the statement's content.
 * Two statements are the same when their content is, not when they share an id: banks
 * reuse ids (FinTS-derived files write one fixed id), so the unique id per account goes.
 */
export class BankStatementFacts1765900000000 implements MigrationInterface {
  name = 'BankStatementFacts1765900000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of [
      `ALTER TABLE bank_statements ADD COLUMN content_sha256 text CHECK (content_sha256 ~ '^[0-9a-f]{64}$')`,
      `ALTER TABLE bank_statements DROP CONSTRAINT bank_statements_bank_account_id_statement_ref_key`,
      `CREATE UNIQUE INDEX bank_statements_same_content ON bank_statements (bank_account_id, content_sha256)`,
      `ALTER TABLE bank_entries ADD COLUMN status text NOT NULL DEFAULT 'BOOK' CHECK (status ~ '^[A-Z]{4}$')`,
      `ALTER TABLE bank_transactions ADD COLUMN creditor_ref text CHECK (length(creditor_ref) <= 35)`,
      `ALTER TABLE bank_transactions DROP CONSTRAINT bank_transactions_status_check`,
      `ALTER TABLE bank_transactions ADD CONSTRAINT bank_transactions_status_check
         CHECK (status IN ('unmatched', 'matched', 'ignored', 'not_booked'))`,
      `CREATE OR REPLACE FUNCTION bank_transactions_keep_facts() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF (NEW.amount_cents, NEW.booked_on, NEW.entry_id, NEW.tx_no, NEW.end_to_end_id, NEW.counterparty_iban,
             NEW.remittance, NEW.creditor_ref, NEW.return_reason)
            IS DISTINCT FROM
            (OLD.amount_cents, OLD.booked_on, OLD.entry_id, OLD.tx_no, OLD.end_to_end_id, OLD.counterparty_iban,
             OLD.remittance, OLD.creditor_ref, OLD.return_reason) THEN
           RAISE EXCEPTION 'bank transactions keep what the bank said' USING ERRCODE = 'restrict_violation';
         END IF;
         IF OLD.status = 'matched' AND NEW.status <> 'matched' THEN
           RAISE EXCEPTION 'a matched bank transaction stays matched' USING ERRCODE = 'restrict_violation';
         END IF;
         IF (OLD.status = 'not_booked') <> (NEW.status = 'not_booked') THEN
           RAISE EXCEPTION 'money the bank has not booked is never matched' USING ERRCODE = 'restrict_violation';
         END IF;
         RETURN NEW;
       END $$`,
    ])
      await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE bank_transactions DROP CONSTRAINT bank_transactions_status_check`);
    await q.query(
      `ALTER TABLE bank_transactions ADD CONSTRAINT bank_transactions_status_check CHECK (status IN ('unmatched', 'matched', 'ignored'))`,
    );
    await q.query(`ALTER TABLE bank_transactions DROP COLUMN creditor_ref`);
    await q.query(`ALTER TABLE bank_entries DROP COLUMN status`);
    await q.query(`DROP INDEX bank_statements_same_content`);
    await q.query(
      `ALTER TABLE bank_statements ADD CONSTRAINT bank_statements_bank_account_id_statement_ref_key UNIQUE (bank_account_id, statement_ref)`,
    );
    await q.query(`ALTER TABLE bank_statements DROP COLUMN content_sha256`);
  }
}
