import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export type PasswordTokenPurpose = 'welcome' | 'reset';

/** All SQL on password_tokens. Like sessions, only the token's SHA-256 is stored. */
@Injectable()
export class PasswordTokenRepository {
  /** Stores a new token; any earlier open token of the user stops working. */
  async issue(
    m: EntityManager,
    token: {
      hash: Buffer;
      userId: string;
      purpose: PasswordTokenPurpose;
      createdBy: string | null;
    },
    ttlMinutes: number,
  ): Promise<Date> {
    await m.query(
      `UPDATE password_tokens SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`,
      [token.userId],
    );
    const [row] = await m.query<{ expires_at: Date }[]>(
      `INSERT INTO password_tokens (token_hash, user_id, purpose, created_by, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(mins => $5)) RETURNING expires_at`,
      [token.hash, token.userId, token.purpose, token.createdBy, ttlMinutes],
    );
    return row.expires_at;
  }

  /**
   * Spends a token: one statement, so two requests with the same token cannot both
   * succeed. Undefined when it is unknown, used, superseded or expired, or the account
   * is inactive.
   */
  async spend(
    m: EntityManager,
    hash: Buffer,
  ): Promise<{ userId: string; purpose: PasswordTokenPurpose } | undefined> {
    const [rows] = await m.query<[{ user_id: string; purpose: PasswordTokenPurpose }[], number]>(
      `UPDATE password_tokens t SET used_at = now()
         FROM users u
        WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > now()
          AND u.id = t.user_id AND u.is_active
       RETURNING t.user_id, t.purpose`,
      [hash],
    );
    const row = rows[0];
    return row && { userId: row.user_id, purpose: row.purpose };
  }

  /** A changed password makes outstanding links pointless. */
  async closeAllOfUser(m: EntityManager, userId: string): Promise<void> {
    await m.query(
      `UPDATE password_tokens SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`,
      [userId],
    );
  }
}
