import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Role } from '@dachwerk/shared';

export interface Invitation {
  id: string;
  userId: string;
  organisationId: string;
  organisationName: string;
  roles: Role[];
  initiativeIds: string[];
  invitedByName: string | null;
  createdAt: Date;
  expiresAt: Date;
}

const SELECT = `SELECT i.id, i.user_id AS "userId", i.organisation_id AS "organisationId", o.name AS "organisationName",
    i.roles, i.initiative_ids AS "initiativeIds", u.name AS "invitedByName", i.created_at AS "createdAt", i.expires_at AS "expiresAt"
  FROM invitations i JOIN organisations o ON o.id = i.organisation_id LEFT JOIN users u ON u.id = i.invited_by`;

/** All SQL on invitations: an offer of roles in an organisation that the account holder answers. */
@Injectable()
export class InvitationRepository {
  /** Opens an invitation, or widens the open one of the same account and organisation. */
  async open(
    m: EntityManager,
    invitation: {
      userId: string;
      organisationId: string;
      roles: Role[];
      initiativeIds: string[];
      invitedBy: string;
    },
    ttlDays: number,
  ): Promise<string> {
    const [row] = await m.query<{ id: string }[]>(
      `INSERT INTO invitations AS i (user_id, organisation_id, roles, initiative_ids, invited_by, expires_at)
       VALUES ($1, $2, $3::text[], $4::uuid[], $5, now() + make_interval(days => $6))
       ON CONFLICT (user_id, organisation_id) WHERE answer IS NULL DO UPDATE SET
         roles = ARRAY(SELECT DISTINCT unnest(i.roles || EXCLUDED.roles) ORDER BY 1),
         initiative_ids = ARRAY(SELECT DISTINCT unnest(i.initiative_ids || EXCLUDED.initiative_ids)),
         invited_by = EXCLUDED.invited_by, expires_at = EXCLUDED.expires_at
       RETURNING id`,
      [
        invitation.userId,
        invitation.organisationId,
        invitation.roles,
        invitation.initiativeIds,
        invitation.invitedBy,
        ttlDays,
      ],
    );
    return row.id;
  }

  /** Open, unexpired invitations of one account. */
  async openOf(m: EntityManager, userId: string): Promise<Invitation[]> {
    return m.query<Invitation[]>(
      `${SELECT} WHERE i.user_id = $1 AND i.answer IS NULL AND i.expires_at > now() ORDER BY i.created_at`,
      [userId],
    );
  }

  /** The account's open invitation, locked for answering; undefined when there is none. */
  async lockOpen(m: EntityManager, userId: string, id: string): Promise<Invitation | undefined> {
    const rows = await m.query<Invitation[]>(
      `${SELECT} WHERE i.id = $1 AND i.user_id = $2 AND i.answer IS NULL AND i.expires_at > now() FOR UPDATE OF i`,
      [id, userId],
    );
    return rows[0];
  }

  /** Those of the ids that name no initiative of the organisation. */
  async unknownInitiatives(
    m: EntityManager,
    organisationId: string,
    ids: string[],
  ): Promise<string[]> {
    const rows = await m.query<{ id: string }[]>(
      `SELECT x.id FROM unnest($2::uuid[]) AS x(id)
        WHERE NOT EXISTS (SELECT 1 FROM initiatives i WHERE i.organisation_id = $1 AND i.id = x.id)`,
      [organisationId, ids],
    );
    return rows.map((r) => r.id);
  }

  async answer(m: EntityManager, id: string, answer: 'accepted' | 'declined'): Promise<void> {
    await m.query(`UPDATE invitations SET answer = $2, answered_at = now() WHERE id = $1`, [
      id,
      answer,
    ]);
  }
}
