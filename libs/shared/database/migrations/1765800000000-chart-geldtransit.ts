import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SKR 42 13720 Geldtransit, the clearing account for money booked before the bank
 * statement shows it, in every chart that was installed before the template had it.
 */
export class ChartGeldtransit1765800000000 implements MigrationInterface {
  name = 'ChartGeldtransit1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `INSERT INTO accounts (organisation_id, number, name, type, spheres)
       SELECT DISTINCT organisation_id, 13720, 'Geldtransit', 'asset', '{}'::smallint[] FROM accounts
       ON CONFLICT DO NOTHING`,
    );
  }

  async down(): Promise<void> {
    // Accounts are not deleted (the app role may not, and lines may name it by now).
  }
}
