import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transactional outbox: a job is recorded in the business transaction and delivered
 * to BullMQ afterwards (OutboxRelay), so a request never waits for Redis and a lost Redis
 * loses no work. A row stays open until a worker has run the job (done_at); the outbox
 * reconciler re-enqueues open rows whose job Redis no longer has or BullMQ gave up on.
 */
export class JobOutbox1765700000000 implements MigrationInterface {
  name = 'JobOutbox1765700000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of [
      `CREATE TABLE job_outbox (
         id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
         job_name text NOT NULL,
         -- Deterministic (BullMQ forbids ':'), so a repeated delivery is a no-op.
         job_id text NOT NULL CHECK (job_id <> '' AND strpos(job_id, ':') = 0),
         payload jsonb NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         delivered_at timestamptz,
         done_at timestamptz,
         -- When the reconciler next looks whether the job still exists or has failed.
         check_after timestamptz,
         reconciled int NOT NULL DEFAULT 0
       )`,
      `CREATE INDEX job_outbox_undelivered ON job_outbox (id) WHERE delivered_at IS NULL`,
      `CREATE INDEX job_outbox_open ON job_outbox (job_id) WHERE done_at IS NULL`,
      `CREATE INDEX job_outbox_to_check ON job_outbox (check_after) WHERE done_at IS NULL AND delivered_at IS NOT NULL`,
    ])
      await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE job_outbox`);
  }
}
