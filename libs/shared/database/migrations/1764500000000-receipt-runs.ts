import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Annual receipt runs: one item per eligible donor, processed by the worker. Each item
 * is issued and marked done in one transaction, so a crashed worker resumes where it
 * stopped and no donor gets two receipts.
 */
export class ReceiptRuns1764500000000 implements MigrationInterface {
  name = 'ReceiptRuns1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE receipt_runs (
      id uuid PRIMARY KEY,
      organisation_id uuid NOT NULL REFERENCES organisations(id),
      year integer NOT NULL CHECK (year BETWEEN 2000 AND 2999),
      kind text NOT NULL CHECK (kind IN ('collective', 'single')),
      status text NOT NULL CHECK (status IN ('running', 'finished')),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz
    )`);
    await q.query(
      `CREATE UNIQUE INDEX receipt_runs_one_running ON receipt_runs (organisation_id) WHERE status = 'running'`,
    );
    await q.query(`CREATE TABLE receipt_run_items (
      run_id uuid NOT NULL REFERENCES receipt_runs(id),
      donor_id uuid NOT NULL REFERENCES donors(id),
      donation_ids uuid[] NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
      receipt_ids uuid[] NOT NULL DEFAULT '{}',
      error_code text,
      error text,
      PRIMARY KEY (run_id, donor_id)
    )`);
    await q.query(
      `CREATE INDEX receipt_run_items_pending ON receipt_run_items (run_id) WHERE status = 'pending'`,
    );
    await q.query(`REVOKE DELETE, TRUNCATE ON receipt_runs, receipt_run_items FROM dachwerk_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE receipt_run_items`);
    await q.query(`DROP TABLE receipt_runs`);
  }
}
