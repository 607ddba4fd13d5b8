import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from './sql';

/**
 * Cost centres (KOST2) are a master list per organisation: a posting, donation,
 * initiative or programme may name only a cost centre of its own organisation's list, so
 * a typo no longer opens a new cost centre that no report knows. The list is filled from
 * what the books and the records already name (initiatives and programmes with their
 * names, the rest by code). A cost centre is never deleted, only deactivated; a
 * deactivated one takes no new postings (checked by the ledger), what it holds stays.
 */
export class CostCentres1765920000000 implements MigrationInterface {
  name = 'CostCentres1765920000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of [
      `CREATE TABLE cost_centres (
         organisation_id uuid NOT NULL REFERENCES organisations(id),
         code text NOT NULL CHECK (code ~ '^[A-Za-z0-9_-]{1,36}$'),
         name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
         active boolean NOT NULL DEFAULT true,
         created_at timestamptz NOT NULL DEFAULT now(),
         deactivated_at timestamptz,
         PRIMARY KEY (organisation_id, code),
         CHECK (active = (deactivated_at IS NULL))
       )`,
      `REVOKE DELETE, TRUNCATE ON cost_centres FROM ${APP_ROLE}`,
      `INSERT INTO cost_centres (organisation_id, code, name)
         SELECT organisation_id, cost_centre, name FROM initiatives
       ON CONFLICT DO NOTHING`,
      `INSERT INTO cost_centres (organisation_id, code, name)
         SELECT organisation_id, cost_centre, name FROM programmes
       ON CONFLICT DO NOTHING`,
      `INSERT INTO cost_centres (organisation_id, code, name)
         SELECT DISTINCT organisation_id, cost_centre, cost_centre FROM journal_lines WHERE cost_centre IS NOT NULL
       ON CONFLICT DO NOTHING`,
      `INSERT INTO cost_centres (organisation_id, code, name)
         SELECT DISTINCT organisation_id, cost_centre, cost_centre FROM donations WHERE cost_centre IS NOT NULL
       ON CONFLICT DO NOTHING`,
      // Onboarding an initiative or opening a programme opens its cost centre, whichever
      // path writes the row (service, import, demo seed).
      `CREATE FUNCTION open_cost_centre() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         INSERT INTO cost_centres (organisation_id, code, name)
           VALUES (NEW.organisation_id, NEW.cost_centre, NEW.name) ON CONFLICT DO NOTHING;
         RETURN NEW;
       END $$`,
      `CREATE TRIGGER initiatives_open_cost_centre BEFORE INSERT OR UPDATE OF cost_centre ON initiatives
         FOR EACH ROW EXECUTE FUNCTION open_cost_centre()`,
      `CREATE TRIGGER programmes_open_cost_centre BEFORE INSERT OR UPDATE OF cost_centre ON programmes
         FOR EACH ROW EXECUTE FUNCTION open_cost_centre()`,
      `ALTER TABLE journal_lines ADD CONSTRAINT journal_lines_cost_centre_fkey
         FOREIGN KEY (organisation_id, cost_centre) REFERENCES cost_centres (organisation_id, code)`,
      `ALTER TABLE donations ADD CONSTRAINT donations_cost_centre_fkey
         FOREIGN KEY (organisation_id, cost_centre) REFERENCES cost_centres (organisation_id, code)`,
      `ALTER TABLE initiatives ADD CONSTRAINT initiatives_cost_centre_fkey
         FOREIGN KEY (organisation_id, cost_centre) REFERENCES cost_centres (organisation_id, code)`,
      `ALTER TABLE programmes ADD CONSTRAINT programmes_cost_centre_fkey
         FOREIGN KEY (organisation_id, cost_centre) REFERENCES cost_centres (organisation_id, code)`,
    ])
      await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['journal_lines', 'donations', 'initiatives', 'programmes'])
      await q.query(`ALTER TABLE ${t} DROP CONSTRAINT ${t}_cost_centre_fkey`);
    await q.query(`DROP TRIGGER initiatives_open_cost_centre ON initiatives`);
    await q.query(`DROP TRIGGER programmes_open_cost_centre ON programmes`);
    await q.query(`DROP FUNCTION open_cost_centre()`);
    await q.query(`DROP TABLE cost_centres`);
  }
}
