import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { resolveIn, retentionEndsSql, type ResolveOptions } from '@dachwerk/shared';

export type MemberForm = 'organisation' | 'initiative' | 'project' | 'individual';
export type MemberStatus = 'active' | 'left' | 'excluded' | 'deceased';

export interface Member {
  id: string;
  memberNo: string;
  kind: 'person' | 'organisation';
  firstName: string | null;
  lastName: string | null;
  organisationName: string | null;
  contactPerson: string | null;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  country: string;
  email: string | null;
  phone: string | null;
  joinedOn: string;
  leftOn: string | null;
  status: MemberStatus;
  consentsToEmail: boolean;
  consentsToPublication: boolean;
  restrictedAt: Date | null;
  erasedAt: Date | null;
  /** The tier in force today (or the first one, for a member who joins later). */
  tierId: string | null;
  tierName: string | null;
  memberForm: MemberForm | null;
  reduced: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type MemberFields = Omit<
  Member,
  | 'id'
  | 'status'
  | 'leftOn'
  | 'restrictedAt'
  | 'erasedAt'
  | 'tierId'
  | 'tierName'
  | 'memberForm'
  | 'reduced'
  | 'createdAt'
  | 'updatedAt'
>;

export interface MemberQuery {
  search?: string;
  status?: MemberStatus;
  tierId?: string;
  memberForm?: MemberForm;
}

export interface TierAssignment {
  startsOn: string;
  tierId: string;
  tierName: string;
  reduced: boolean;
}

type Db = EntityManager | DataSource;

const COLUMNS = `m.id, m.member_no AS "memberNo", m.kind, m.first_name AS "firstName", m.last_name AS "lastName",
  m.organisation_name AS "organisationName", m.contact_person AS "contactPerson", m.street, m.postal_code AS "postalCode",
  m.city, m.country, m.email, m.phone, to_char(m.joined_on, 'YYYY-MM-DD') AS "joinedOn",
  to_char(m.left_on, 'YYYY-MM-DD') AS "leftOn", m.status, m.consents_to_email AS "consentsToEmail",
  m.consents_to_publication AS "consentsToPublication", m.restricted_at AS "restrictedAt", m.erased_at AS "erasedAt",
  a.tier_id AS "tierId", t.name AS "tierName", t.member_form AS "memberForm", COALESCE(a.reduced, false) AS reduced,
  m.created_at AS "createdAt", m.updated_at AS "updatedAt"`;

// The tier in force today, or the earliest one for a member who has not started yet.
const FROM = `members m
  LEFT JOIN LATERAL (SELECT tier_id, reduced FROM member_tier_assignments x WHERE x.member_id = m.id
                     ORDER BY (x.starts_on <= current_date) DESC, CASE WHEN x.starts_on <= current_date THEN x.starts_on END DESC NULLS LAST, x.starts_on
                     LIMIT 1) a ON true
  LEFT JOIN membership_tiers t ON t.id = a.tier_id`;

/** All SQL on members, their tier history and member numbers. */
@Injectable()
export class MemberRepository {
  constructor(readonly db: DataSource) {}

  /** The member of this organisation, or 404; an erased member is found only with `erased`. */
  get(
    db: Db,
    organisationId: string,
    id: string,
    options: ResolveOptions & { erased?: boolean } = {},
  ): Promise<Member> {
    return resolveIn(
      'Member',
      id,
      async () => {
        const member = await this.find(db, organisationId, id, options.lock);
        return member && (options.erased || !member.erasedAt) ? member : undefined;
      },
      options.field,
    );
  }

  async find(
    db: Db,
    organisationId: string,
    id: string,
    lock = false,
  ): Promise<Member | undefined> {
    if (lock)
      await db.query(`SELECT 1 FROM members WHERE organisation_id = $1 AND id = $2 FOR UPDATE`, [
        organisationId,
        id,
      ]);
    const [row] = await db.query<Member[]>(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE m.organisation_id = $1 AND m.id = $2`,
      [organisationId, id],
    );
    return row;
  }

  async list(
    organisationId: string,
    q: MemberQuery,
    skip: number,
    take: number,
    searchContact = true,
  ): Promise<[Member[], number]> {
    const where = `m.organisation_id = $1 AND m.erased_at IS NULL
      AND ($2::text IS NULL OR fold_text(concat_ws(' ', m.member_no, m.first_name, m.last_name, m.organisation_name, m.city${searchContact ? ', m.email' : ''})) LIKE '%' || fold_text($2) || '%')
      AND ($3::text IS NULL OR m.status = $3) AND ($4::uuid IS NULL OR a.tier_id = $4) AND ($5::text IS NULL OR t.member_form = $5)`;
    const params = [
      organisationId,
      q.search ?? null,
      q.status ?? null,
      q.tierId ?? null,
      q.memberForm ?? null,
    ];
    const rows = await this.db.query<Member[]>(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE ${where}
        ORDER BY lower(COALESCE(m.last_name, m.organisation_name)), lower(COALESCE(m.first_name, '')), m.id OFFSET $6 LIMIT $7`,
      [...params, skip, take],
    );
    const [{ count }] = await this.db.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM ${FROM} WHERE ${where}`,
      params,
    );
    return [rows, count];
  }

  /** The next free number of the form M-00001, under a lock on the organisation's members. */
  async nextMemberNo(m: EntityManager, organisationId: string): Promise<string> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('member_no:' || $1))`, [organisationId]);
    const [{ n }] = await m.query<{ n: number }[]>(
      `SELECT COALESCE(max(substring(member_no FROM '^M-([0-9]+)$')::int), 0) + 1 AS n FROM members WHERE organisation_id = $1`,
      [organisationId],
    );
    return `M-${String(n).padStart(5, '0')}`;
  }

  async insertMany(
    m: EntityManager,
    organisationId: string,
    members: (MemberFields & { id: string })[],
  ): Promise<void> {
    const cols: (keyof MemberFields | 'id')[] = [
      'id',
      'memberNo',
      'kind',
      'firstName',
      'lastName',
      'organisationName',
      'contactPerson',
      'street',
      'postalCode',
      'city',
      'country',
      'email',
      'phone',
      'joinedOn',
      'consentsToEmail',
      'consentsToPublication',
    ];
    const types = [
      'uuid',
      'text',
      'text',
      'text',
      'text',
      'text',
      'text',
      'text',
      'text',
      'text',
      'text',
      'text',
      'text',
      'date',
      'boolean',
      'boolean',
    ];
    await m.query(
      `INSERT INTO members (organisation_id, id, member_no, kind, first_name, last_name, organisation_name, contact_person, street,
         postal_code, city, country, email, phone, joined_on, consents_to_email, consents_to_publication)
       SELECT $1, * FROM unnest(${types.map((t, i) => `$${i + 2}::${t}[]`).join(', ')})`,
      [organisationId, ...cols.map((c) => members.map((x) => x[c]))],
    );
  }

  async update(m: EntityManager, id: string, fields: Partial<MemberFields>): Promise<void> {
    const map: Record<string, string> = {
      firstName: 'first_name',
      lastName: 'last_name',
      organisationName: 'organisation_name',
      contactPerson: 'contact_person',
      street: 'street',
      postalCode: 'postal_code',
      city: 'city',
      country: 'country',
      email: 'email',
      phone: 'phone',
      consentsToEmail: 'consents_to_email',
      consentsToPublication: 'consents_to_publication',
    };
    const entries = Object.entries(fields).filter(([k, v]) => map[k] && v !== undefined);
    if (!entries.length) return;
    await m.query(
      `UPDATE members SET ${entries.map(([k], i) => `${map[k]} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`,
      [id, ...entries.map(([, v]) => v)],
    );
  }

  async leave(m: EntityManager, id: string, leftOn: string, status: MemberStatus): Promise<void> {
    await m.query(
      `UPDATE members SET left_on = $2, status = $3, updated_at = now() WHERE id = $1`,
      [id, leftOn, status],
    );
  }

  async restrict(m: EntityManager, id: string): Promise<void> {
    await m.query(`UPDATE members SET restricted_at = now(), updated_at = now() WHERE id = $1`, [
      id,
    ]);
  }

  /** Erasure keeps the member number and dates (the books refer to them) and nothing personal. */
  async erase(m: EntityManager, id: string): Promise<void> {
    await m.query(
      `UPDATE members SET first_name = NULL, last_name = NULL, organisation_name = NULL, contact_person = NULL, street = NULL,
         postal_code = NULL, city = NULL, email = NULL, phone = NULL, erased_at = now(), updated_at = now() WHERE id = $1`,
      [id],
    );
    await m.query(
      `UPDATE sepa_mandates SET debtor_name = 'geloescht', revoked_on = COALESCE(revoked_on, current_date),
      revoke_reason = COALESCE(revoke_reason, 'erased') WHERE member_id = $1`,
      [id],
    );
  }

  async assignTier(
    m: EntityManager,
    memberIds: string[],
    starts: string[],
    tierIds: string[],
    reduced: boolean[],
    userId: string | null,
  ): Promise<void> {
    await m.query(
      `INSERT INTO member_tier_assignments (member_id, starts_on, tier_id, reduced, created_by)
       SELECT *, $5::uuid FROM unnest($1::uuid[], $2::date[], $3::uuid[], $4::boolean[])`,
      [memberIds, starts, tierIds, reduced, userId],
    );
  }

  async tierHistory(db: Db, memberId: string): Promise<TierAssignment[]> {
    return db.query(
      `SELECT to_char(a.starts_on, 'YYYY-MM-DD') AS "startsOn", a.tier_id AS "tierId", t.name AS "tierName", a.reduced
         FROM member_tier_assignments a JOIN membership_tiers t ON t.id = a.tier_id WHERE a.member_id = $1 ORDER BY a.starts_on`,
      [memberId],
    );
  }

  async memberNosTaken(db: Db, organisationId: string, numbers: string[]): Promise<Set<string>> {
    const rows = await db.query<{ n: string }[]>(
      `SELECT member_no AS n FROM members WHERE organisation_id = $1 AND member_no = ANY($2::text[])`,
      [organisationId, numbers],
    );
    return new Set(rows.map((r) => r.n));
  }

  /** Leavers whose retention period (10 years after the year they left, §147 AO) has passed. */
  async erasable(db: Db, organisationId: string, today: string): Promise<string[]> {
    const rows = await db.query<{ id: string }[]>(
      `SELECT id FROM members WHERE organisation_id = $1 AND erased_at IS NULL AND left_on IS NOT NULL
          AND ${retentionEndsSql('left_on')} <= $2::date`,
      [organisationId, today],
    );
    return rows.map((r) => r.id);
  }
}
