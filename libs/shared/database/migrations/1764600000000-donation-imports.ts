import { MigrationInterface, QueryRunner } from 'typeorm';

/** Donation CSV imports: a checked preview first, then one all-or-nothing commit. */
export class DonationImports1764600000000 implements MigrationInterface {
  name = 'DonationImports1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE donation_imports (
      id uuid PRIMARY KEY,
      organisation_id uuid NOT NULL REFERENCES organisations(id),
      file_sha256 bytea NOT NULL CHECK (length(file_sha256) = 32),
      filename text CHECK (length(filename) <= 255),
      rows jsonb NOT NULL,
      errors jsonb NOT NULL,
      status text NOT NULL CHECK (status IN ('preview', 'committed')),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      committed_by uuid REFERENCES users(id),
      committed_at timestamptz,
      CHECK ((status = 'committed') = (committed_at IS NOT NULL))
    )`);
    await q.query(
      `CREATE INDEX donation_imports_hash ON donation_imports (organisation_id, file_sha256)`,
    );
    await q.query(`REVOKE DELETE, TRUNCATE ON donation_imports FROM dachwerk_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE donation_imports`);
  }
}
