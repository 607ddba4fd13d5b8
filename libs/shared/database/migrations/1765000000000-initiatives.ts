import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Initiatives: groups without legal form that the umbrella runs as its own projects
 * (docs/DOMAIN.md §2). Each has a cost centre (KOST2) in the umbrella's books, which is its
 * restricted fund, and an administration fee rule. Donations earmarked for an
 * initiative now name it.
 */
export class Initiatives1765000000000 implements MigrationInterface {
  name = 'Initiatives1765000000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE initiatives (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         organisation_id uuid NOT NULL REFERENCES organisations(id),
         name text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
         purpose text NOT NULL CHECK (length(purpose) BETWEEN 3 AND 1000),
         tax_purpose text NOT NULL CHECK (length(tax_purpose) BETWEEN 3 AND 300),
         cost_centre text NOT NULL CHECK (cost_centre ~ '^[A-Za-z0-9_-]{1,36}$'),
         status text NOT NULL DEFAULT 'applied' CHECK (status IN ('applied', 'active', 'paused', 'ended')),
         agreement_signed_on date,
         agreement_ends_on date CHECK (agreement_ends_on >= agreement_signed_on),
         fee_basis_points int NOT NULL DEFAULT 0 CHECK (fee_basis_points BETWEEN 0 AND 10000),
         fee_yearly_cents bigint NOT NULL DEFAULT 0 CHECK (fee_yearly_cents >= 0),
         created_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now(),
         UNIQUE (organisation_id, cost_centre),
         UNIQUE (organisation_id, name),
         UNIQUE (organisation_id, id),
         CHECK (status = 'applied' OR agreement_signed_on IS NOT NULL)
       )`,
      // Rows written before initiatives existed are left alone; new ones must name a real initiative.
      `ALTER TABLE user_initiatives ADD CONSTRAINT user_initiatives_initiative_fk
         FOREIGN KEY (organisation_id, initiative_id) REFERENCES initiatives(organisation_id, id) NOT VALID`,
      `ALTER TABLE donations ADD COLUMN initiative_id uuid REFERENCES initiatives(id)`,
      `CREATE INDEX donations_initiative ON donations (initiative_id, received_on) WHERE initiative_id IS NOT NULL`,
      `ALTER TABLE donations ADD CONSTRAINT donations_initiative_named
         CHECK (earmark <> 'initiative' OR initiative_id IS NOT NULL) NOT VALID`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE donations DROP CONSTRAINT donations_initiative_named`);
    await q.query(`ALTER TABLE donations DROP COLUMN initiative_id`);
    await q.query(`ALTER TABLE user_initiatives DROP CONSTRAINT user_initiatives_initiative_fk`);
    await q.query(`DROP TABLE initiatives`);
  }
}
