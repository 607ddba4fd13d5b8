import { MigrationInterface, QueryRunner } from 'typeorm';

/** Idempotency-Key: the first answer to a money-moving POST, replayed for a repeat. */
export class Idempotency1764200000000 implements MigrationInterface {
  name = 'Idempotency1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE idempotency_keys (
      user_id uuid NOT NULL REFERENCES users(id),
      key text NOT NULL CHECK (key ~ '^[\\x21-\\x7e]{1,255}$'),
      fingerprint bytea NOT NULL CHECK (length(fingerprint) = 32),
      response jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, key)
    )`);
    await q.query(`CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys`);
  }
}
