import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

/**
 * Failed logins per e-mail (known or not), counted in a 15-minute window. One
 * statement per failure, so concurrent guesses cannot slip past the limit.
 */
@Injectable()
export class LoginAttemptRepository {
  constructor(private readonly db: DataSource) {}

  /** Seconds until the lock ends, or 0 when the e-mail is not locked. */
  async lockedForSeconds(email: string): Promise<number> {
    const rows = await this.db.query<{ seconds: number }[]>(
      `SELECT ceil(extract(epoch FROM locked_until - now()))::int AS seconds
         FROM login_attempts WHERE email = $1 AND locked_until > now()`,
      [email],
    );
    return rows[0]?.seconds ?? 0;
  }

  /** Counts a failure; returns true when this failure locked the account. */
  async recordFailure(email: string): Promise<boolean> {
    const [row] = await this.db.query<{ failed_count: number }[]>(
      `INSERT INTO login_attempts AS a (email, failed_count, window_started_at)
       VALUES ($1, 1, now())
       ON CONFLICT (email) DO UPDATE SET
         failed_count = CASE WHEN a.window_started_at < now() - make_interval(mins => $2)
                             THEN 1 ELSE a.failed_count + 1 END,
         window_started_at = CASE WHEN a.window_started_at < now() - make_interval(mins => $2)
                                  THEN now() ELSE a.window_started_at END
       RETURNING failed_count`,
      [email, LOCKOUT_MINUTES],
    );
    if (row.failed_count < MAX_FAILED_LOGINS) return false;
    await this.db.query(
      `UPDATE login_attempts SET locked_until = now() + make_interval(mins => $2), failed_count = 0,
              window_started_at = now()
        WHERE email = $1`,
      [email, LOCKOUT_MINUTES],
    );
    return true;
  }

  async clear(email: string): Promise<void> {
    await this.db.query(`DELETE FROM login_attempts WHERE email = $1`, [email]);
  }
}
