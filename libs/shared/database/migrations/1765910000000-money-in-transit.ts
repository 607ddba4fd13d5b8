import { MigrationInterface, QueryRunner } from 'typeorm';
import { appendOnly } from './sql';

/**
 * Money entered by hand waits on 13720 Geldtransit until a statement line shows it. Which
 * line settled which hand booking is kept here, once each way: a booking is settled by
 * one line, a line settles one booking.
 */
export class MoneyInTransit1765910000000 implements MigrationInterface {
  name = 'MoneyInTransit1765910000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of [
      `CREATE TABLE transit_settlements (
         journal_entry_id uuid PRIMARY KEY REFERENCES journal_entries(id),
         organisation_id uuid NOT NULL REFERENCES organisations(id),
         -- deferred: matching books before the statement's transactions are stored
         bank_transaction_id uuid NOT NULL UNIQUE REFERENCES bank_transactions(id) DEFERRABLE INITIALLY DEFERRED,
         settled_by_entry_id uuid NOT NULL REFERENCES journal_entries(id),
         settled_by uuid REFERENCES users(id),
         settled_at timestamptz NOT NULL DEFAULT now()
       )`,
      ...appendOnly('transit_settlements'),
      `ALTER TABLE bank_transactions DROP CONSTRAINT bank_transactions_matched_as_check`,
      `ALTER TABLE bank_transactions ADD CONSTRAINT bank_transactions_matched_as_check
         CHECK (matched_as IN ('receivables', 'direct_debit', 'return', 'donation', 'account', 'payout', 'transit'))`,
    ])
      await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE transit_settlements`);
    await q.query(
      `ALTER TABLE bank_transactions DROP CONSTRAINT bank_transactions_matched_as_check`,
    );
    await q.query(
      `ALTER TABLE bank_transactions ADD CONSTRAINT bank_transactions_matched_as_check
         CHECK (matched_as IN ('receivables', 'direct_debit', 'return', 'donation', 'account', 'payout'))`,
    );
  }
}
