import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Receipts for membership fees (§10b EStG), where the tier's purpose allows the
 * deduction: a receipt item now covers either a donation or a settled fee receivable,
 * each at most once validly.
 */
export class MembershipFeeReceipts1765100000000 implements MigrationInterface {
  name = 'MembershipFeeReceipts1765100000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      // Not deductible for sport, cultural leisure, Heimatpflege and the like (§10b Abs. 1 Satz 8 EStG).
      `ALTER TABLE membership_tiers ADD COLUMN fees_deductible boolean NOT NULL DEFAULT false`,
      `ALTER TABLE receipt_items DROP CONSTRAINT receipt_items_pkey`,
      `ALTER TABLE receipt_items ALTER COLUMN donation_id DROP NOT NULL`,
      `ALTER TABLE receipt_items ADD COLUMN receivable_id uuid REFERENCES receivables(id)`,
      `ALTER TABLE receipt_items ADD CONSTRAINT receipt_items_one_source CHECK (num_nonnulls(donation_id, receivable_id) = 1)`,
      `ALTER TABLE receipt_items ADD CONSTRAINT receipt_items_donation_once UNIQUE (receipt_id, donation_id)`,
      `ALTER TABLE receipt_items ADD CONSTRAINT receipt_items_receivable_once UNIQUE (receipt_id, receivable_id)`,
      `CREATE UNIQUE INDEX receipt_items_one_valid_fee ON receipt_items (receivable_id) WHERE NOT is_void AND receivable_id IS NOT NULL`,
      `CREATE OR REPLACE FUNCTION receipt_items_guard() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF (NEW.receipt_id, NEW.donation_id, NEW.receivable_id, NEW.amount_cents, NEW.received_on, NEW.is_waiver)
              IS DISTINCT FROM (OLD.receipt_id, OLD.donation_id, OLD.receivable_id, OLD.amount_cents, OLD.received_on, OLD.is_waiver)
            OR (OLD.is_void AND NOT NEW.is_void) THEN
           RAISE EXCEPTION 'Receipt items only change by being voided' USING ERRCODE = 'insufficient_privilege';
         END IF;
         RETURN NEW;
       END $$`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX receipt_items_one_valid_fee`);
    await q.query(`ALTER TABLE receipt_items DROP CONSTRAINT receipt_items_receivable_once`);
    await q.query(`ALTER TABLE receipt_items DROP CONSTRAINT receipt_items_donation_once`);
    await q.query(`ALTER TABLE receipt_items DROP CONSTRAINT receipt_items_one_source`);
    await q.query(`ALTER TABLE receipt_items DROP COLUMN receivable_id`);
    await q.query(`ALTER TABLE receipt_items ALTER COLUMN donation_id SET NOT NULL`);
    await q.query(`ALTER TABLE receipt_items ADD PRIMARY KEY (receipt_id, donation_id)`);
    await q.query(`ALTER TABLE membership_tiers DROP COLUMN fees_deductible`);
  }
}
