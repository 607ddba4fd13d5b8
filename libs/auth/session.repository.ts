import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { preparedQuery, type Actor, type Role } from '@dachwerk/shared';
import { authChanged } from './session-cache';

interface SessionRow {
  user_id: string;
  email: string;
  name: string;
  is_platform_admin: boolean;
  last_seen_at: Date;
  expires_at: Date;
  roles: [string, Role][];
  initiatives: [string, string][];
}

export interface ResolvedSession {
  actor: Actor;
  lastSeenAt: Date;
  expiresAt: Date;
}

/** All SQL on sessions. The token itself is never stored, only its SHA-256. */
@Injectable()
export class SessionRepository {
  constructor(private readonly db: DataSource) {}

  async create(
    manager: EntityManager,
    tokenHash: Buffer,
    userId: string,
    ttlMinutes: number,
  ): Promise<Date> {
    const [row] = await manager.query<{ expires_at: Date }[]>(
      `INSERT INTO sessions (token_hash, user_id, expires_at)
       VALUES ($1, $2, now() + make_interval(mins => $3)) RETURNING expires_at`,
      [tokenHash, userId, ttlMinutes],
    );
    return row.expires_at;
  }

  /**
   * The hot path of every request: one indexed lookup by primary key that also
   * brings the user's roles, so no second query is needed. Prepared, because
   * planning the json_agg subqueries costs more than running them.
   */
  async resolve(tokenHash: Buffer, idleMinutes: number): Promise<ResolvedSession | undefined> {
    const rows = await preparedQuery<SessionRow>(
      this.db,
      'auth.resolve-session',
      `SELECT s.user_id, s.last_seen_at, s.expires_at, u.email, u.name, u.is_platform_admin,
              COALESCE((SELECT json_agg(json_build_array(m.organisation_id, m.role))
                          FROM memberships m WHERE m.user_id = u.id), '[]') AS roles,
              COALESCE((SELECT json_agg(json_build_array(i.organisation_id, i.initiative_id))
                          FROM user_initiatives i WHERE i.user_id = u.id), '[]') AS initiatives
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()
          AND s.last_seen_at > now() - make_interval(mins => $2) AND u.is_active`,
      [tokenHash, idleMinutes],
    );
    const row = rows[0];
    if (!row) return undefined;
    const roles: Record<string, Role[]> = {};
    for (const [organisationId, role] of row.roles) (roles[organisationId] ??= []).push(role);
    const initiativeIds: Record<string, string[]> = {};
    for (const [organisationId, id] of row.initiatives)
      (initiativeIds[organisationId] ??= []).push(id);
    return {
      lastSeenAt: row.last_seen_at,
      expiresAt: row.expires_at,
      actor: {
        userId: row.user_id,
        email: row.email,
        name: row.name,
        isPlatformAdmin: row.is_platform_admin,
        roles,
        initiativeIds,
      },
    };
  }

  async touch(tokenHash: Buffer): Promise<void> {
    await this.db.query(`UPDATE sessions SET last_seen_at = now() WHERE token_hash = $1`, [
      tokenHash,
    ]);
  }

  async revoke(manager: EntityManager, tokenHash: Buffer): Promise<void> {
    const [rows] = await manager.query<[{ user_id: string }[], number]>(
      `UPDATE sessions SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL RETURNING user_id`,
      [tokenHash],
    );
    for (const row of rows) authChanged(manager, row.user_id);
  }

  async revokeAllOfUser(manager: EntityManager, userId: string): Promise<number> {
    const [, count] = await manager.query<[unknown, number]>(
      `UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`,
      [userId],
    );
    authChanged(manager, userId);
    return count;
  }

  async revokeAllOfUserExcept(
    manager: EntityManager,
    userId: string,
    keepTokenHash: Buffer,
  ): Promise<number> {
    const [, count] = await manager.query<[unknown, number]>(
      `UPDATE sessions SET revoked_at = now()
        WHERE user_id = $1 AND revoked_at IS NULL AND token_hash <> $2`,
      [userId, keepTokenHash],
    );
    authChanged(manager, userId);
    return count;
  }

  /** Sessions that ended more than a day ago carry no information worth keeping. */
  async purgeEnded(): Promise<number> {
    const [, count] = await this.db.query<[unknown, number]>(
      `DELETE FROM sessions
        WHERE (revoked_at IS NOT NULL AND revoked_at < now() - interval '1 day')
           OR expires_at < now() - interval '1 day'`,
    );
    return count;
  }
}
