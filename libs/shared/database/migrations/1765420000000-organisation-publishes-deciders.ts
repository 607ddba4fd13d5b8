import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who decided on a funding application is the board's business: initiative users see it only
 * where the organisation chose to publish it (issue 12). Hidden unless switched on.
 */
export class OrganisationPublishesDeciders1765420000000 implements MigrationInterface {
  name = 'OrganisationPublishesDeciders1765420000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE organisations ADD COLUMN publishes_deciders boolean NOT NULL DEFAULT false`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organisations DROP COLUMN publishes_deciders`);
  }
}
