import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Donors get what members have under the GDPR: a restricted record (Art. 18), kept only for
 * the retention the books and receipts need, and an erased one (Art. 17): pseudonymised,
 * the row kept because donations and receipts refer to it (and the receipt keeps its own
 * copy of name and address, as § 50 EStDV and § 147 AO require).
 */
export class DonorGdpr1766100000000 implements MigrationInterface {
  name = 'DonorGdpr1766100000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of [
      `ALTER TABLE donors ADD COLUMN restricted_at timestamptz, ADD COLUMN erased_at timestamptz`,
      `ALTER TABLE donors DROP CONSTRAINT donors_check, DROP CONSTRAINT donors_check1`,
      `ALTER TABLE donors ADD CONSTRAINT donors_person_named
         CHECK (erased_at IS NOT NULL OR kind = 'organisation' OR (last_name IS NOT NULL AND organisation_name IS NULL))`,
      `ALTER TABLE donors ADD CONSTRAINT donors_organisation_named
         CHECK (erased_at IS NOT NULL OR kind = 'person' OR organisation_name IS NOT NULL)`,
      `ALTER TABLE donors ADD CONSTRAINT donors_erased_is_empty
         CHECK (erased_at IS NULL OR (first_name IS NULL AND last_name IS NULL AND organisation_name IS NULL
           AND street IS NULL AND postal_code IS NULL AND city IS NULL AND email IS NULL AND iban IS NULL))`,
    ])
      await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE donors DROP CONSTRAINT donors_erased_is_empty,
      DROP CONSTRAINT donors_person_named, DROP CONSTRAINT donors_organisation_named`);
    await q.query(`ALTER TABLE donors
      ADD CONSTRAINT donors_check CHECK (kind = 'organisation' OR (last_name IS NOT NULL AND organisation_name IS NULL)),
      ADD CONSTRAINT donors_check1 CHECK (kind = 'person' OR organisation_name IS NOT NULL)`);
    await q.query(`ALTER TABLE donors DROP COLUMN restricted_at, DROP COLUMN erased_at`);
  }
}
