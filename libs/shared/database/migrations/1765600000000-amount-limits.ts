import { MigrationInterface, QueryRunner } from 'typeorm';

/** 1,000,000,000.00 EUR: MAX_AMOUNT_CENTS in libs/shared/money/amount-limit.ts. */
const LIMIT = 100_000_000_000;

/** Every column that holds one amount as entered, booked or read from a bank file. */
const COLUMNS: [table: string, column: string][] = [
  ['journal_lines', 'amount_cents'],
  ['donations', 'amount_cents'],
  ['donations', 'purchase_price_cents'],
  ['receipt_items', 'amount_cents'],
  ['membership_tier_rates', 'amount_cents'],
  ['membership_tier_rates', 'reduced_amount_cents'],
  ['membership_tier_rates', 'admission_fee_cents'],
  ['receivables', 'amount_cents'],
  ['receivable_events', 'amount_cents'],
  ['dunning_levels', 'fee_cents'],
  ['bank_entries', 'amount_cents'],
  ['bank_transactions', 'amount_cents'],
  ['bank_transactions', 'original_amount_cents'],
  ['bank_transactions', 'charges_cents'],
  ['initiatives', 'fee_yearly_cents'],
  ['programmes', 'budget_cents'],
  ['applications', 'requested_cents'],
  ['applications', 'own_share_cents'],
  ['applications', 'approved_cents'],
  ['application_cost_lines', 'amount_cents'],
  ['decisions', 'amount_cents'],
  ['expense_claims', 'amount_cents'],
];

/**
 * The amount limit in the database too, so that no sum over a year can leave the safe
 * integer range whatever path a row takes. NOT VALID: rows already there are not
 * re-read (posted lines cannot change anyway); every new or changed row is checked.
 * Named `<table>_<column>_check_limit`, which the problem filter reads as the field.
 */
export class AmountLimits1765600000000 implements MigrationInterface {
  name = 'AmountLimits1765600000000';

  async up(q: QueryRunner): Promise<void> {
    for (const [table, column] of COLUMNS) {
      await q.query(
        `ALTER TABLE ${table} ADD CONSTRAINT ${table}_${column}_check_limit
           CHECK (abs(${column}) <= ${LIMIT}) NOT VALID`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, column] of COLUMNS) {
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_${column}_check_limit`);
    }
  }
}
