import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Role } from '@dachwerk/shared';
import { authChanged } from './session-cache';

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  isActive: boolean;
  isPlatformAdmin: boolean;
  createdAt: Date;
  organisations: { organisationId: string; roles: Role[]; initiativeIds: string[] }[];
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  is_active: boolean;
  is_platform_admin: boolean;
  created_at: Date;
  memberships: [string, Role][];
  initiatives: [string, string][];
}

const SELECT_USERS = `
  SELECT u.id, u.email, u.name, u.is_active, u.is_platform_admin, u.created_at,
         COALESCE((SELECT json_agg(json_build_array(m.organisation_id, m.role) ORDER BY m.organisation_id, m.role)
                     FROM memberships m WHERE m.user_id = u.id), '[]') AS memberships,
         COALESCE((SELECT json_agg(json_build_array(i.organisation_id, i.initiative_id))
                     FROM user_initiatives i WHERE i.user_id = u.id), '[]') AS initiatives
    FROM users u`;

/** Users visible to an admin: members of an organisation they administer (all for platform admins). */
const VISIBLE = `($1::uuid[] IS NULL OR EXISTS (
    SELECT 1 FROM memberships vm WHERE vm.user_id = u.id AND vm.organisation_id = ANY($1::uuid[])))`;

function toRecord(row: UserRow): UserRecord {
  const byOrg = new Map<
    string,
    { organisationId: string; roles: Role[]; initiativeIds: string[] }
  >();
  const entry = (organisationId: string) => {
    let e = byOrg.get(organisationId);
    if (!e) byOrg.set(organisationId, (e = { organisationId, roles: [], initiativeIds: [] }));
    return e;
  };
  for (const [org, role] of row.memberships) entry(org).roles.push(role);
  for (const [org, id] of row.initiatives) entry(org).initiativeIds.push(id);
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    isActive: row.is_active,
    isPlatformAdmin: row.is_platform_admin,
    createdAt: row.created_at,
    organisations: [...byOrg.values()],
  };
}

/** All SQL on users, memberships and user_initiatives. */
@Injectable()
export class UserRepository {
  constructor(private readonly db: DataSource) {}

  /** `visibleIn` undefined = no restriction (platform admin). */
  async list(
    visibleIn: string[] | undefined,
    skip: number,
    take: number,
  ): Promise<[UserRecord[], number]> {
    const rows = await this.db.query<UserRow[]>(
      `${SELECT_USERS} WHERE ${VISIBLE} ORDER BY u.email, u.id OFFSET $2 LIMIT $3`,
      [visibleIn ?? null, skip, take],
    );
    const [{ count }] = await this.db.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM users u WHERE ${VISIBLE}`,
      [visibleIn ?? null],
    );
    return [rows.map(toRecord), count];
  }

  async find(
    id: string,
    visibleIn: string[] | undefined,
    manager: EntityManager | DataSource = this.db,
  ): Promise<UserRecord | undefined> {
    const rows = await manager.query<UserRow[]>(`${SELECT_USERS} WHERE u.id = $2 AND ${VISIBLE}`, [
      visibleIn ?? null,
      id,
    ]);
    return rows[0] && toRecord(rows[0]);
  }

  async emailExists(manager: EntityManager, email: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(`SELECT 1 FROM users WHERE email = $1`, [email]);
    return rows.length > 0;
  }

  async insert(
    manager: EntityManager,
    user: { email: string; name: string; passwordHash: string; isPlatformAdmin?: boolean },
  ): Promise<string> {
    const [row] = await manager.query<{ id: string }[]>(
      `INSERT INTO users (email, name, password_hash, is_platform_admin) VALUES ($1, $2, $3, $4) RETURNING id`,
      [user.email, user.name, user.passwordHash, user.isPlatformAdmin ?? false],
    );
    return row.id;
  }

  async update(
    manager: EntityManager,
    id: string,
    changes: { name?: string; isActive?: boolean },
  ): Promise<void> {
    await manager.query(
      `UPDATE users SET name = COALESCE($2, name), is_active = COALESCE($3, is_active), updated_at = now()
        WHERE id = $1`,
      [id, changes.name ?? null, changes.isActive ?? null],
    );
    authChanged(manager, id);
  }

  async setPasswordHash(manager: EntityManager, id: string, passwordHash: string): Promise<void> {
    await manager.query(`UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1`, [
      id,
      passwordHash,
    ]);
    authChanged(manager, id);
  }

  async setPlatformAdmin(manager: EntityManager, id: string): Promise<void> {
    await manager.query(
      `UPDATE users SET is_platform_admin = true, is_active = true WHERE id = $1`,
      [id],
    );
    authChanged(manager, id);
  }

  async findIdByEmail(manager: EntityManager, email: string): Promise<string | undefined> {
    const rows = await manager.query<{ id: string }[]>(`SELECT id FROM users WHERE email = $1`, [
      email,
    ]);
    return rows[0]?.id;
  }

  /** Adds roles and initiatives in one organisation, keeping those the user has. */
  async addRoles(
    manager: EntityManager,
    userId: string,
    organisationId: string,
    roles: Role[],
    initiativeIds: string[],
  ): Promise<void> {
    await manager.query(
      `INSERT INTO memberships (user_id, organisation_id, role) SELECT $1, $2, unnest($3::text[])
       ON CONFLICT DO NOTHING`,
      [userId, organisationId, roles],
    );
    await manager.query(
      `INSERT INTO user_initiatives (user_id, organisation_id, initiative_id) SELECT $1, $2, unnest($3::uuid[])
       ON CONFLICT DO NOTHING`,
      [userId, organisationId, initiativeIds],
    );
    authChanged(manager, userId);
  }

  /** Password hash for checking the current password; undefined for an unknown or inactive user. */
  async passwordHashOf(manager: EntityManager, id: string): Promise<string | undefined> {
    const rows = await manager.query<{ password_hash: string }[]>(
      `SELECT password_hash FROM users WHERE id = $1 AND is_active`,
      [id],
    );
    return rows[0]?.password_hash;
  }

  /** Replaces the user's roles and initiatives in one organisation. */
  async setRoles(
    manager: EntityManager,
    userId: string,
    organisationId: string,
    roles: Role[],
    initiativeIds: string[],
  ): Promise<void> {
    await manager.query(`DELETE FROM memberships WHERE user_id = $1 AND organisation_id = $2`, [
      userId,
      organisationId,
    ]);
    await manager.query(
      `DELETE FROM user_initiatives WHERE user_id = $1 AND organisation_id = $2`,
      [userId, organisationId],
    );
    if (roles.length) {
      await manager.query(
        `INSERT INTO memberships (user_id, organisation_id, role) SELECT $1, $2, unnest($3::text[])`,
        [userId, organisationId, roles],
      );
    }
    if (initiativeIds.length) {
      await manager.query(
        `INSERT INTO user_initiatives (user_id, organisation_id, initiative_id) SELECT $1, $2, unnest($3::uuid[])`,
        [userId, organisationId, initiativeIds],
      );
    }
    authChanged(manager, userId);
  }
}
