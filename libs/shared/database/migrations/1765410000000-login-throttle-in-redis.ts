import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The login throttle counts in Redis now, per e-mail and client
 * (libs/auth/login-throttle.ts, docs/decisions/0009-login-throttle.md): the per-e-mail table goes.
 */
export class LoginThrottleInRedis1765410000000 implements MigrationInterface {
  name = 'LoginThrottleInRedis1765410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_attempts`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE login_attempts (
       email text PRIMARY KEY,
       failed_count integer NOT NULL CHECK (failed_count >= 0),
       window_started_at timestamptz NOT NULL,
       locked_until timestamptz
     )`);
  }
}
