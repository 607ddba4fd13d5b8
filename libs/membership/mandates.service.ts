import { Injectable } from '@nestjs/common';
import { AuditService } from '@dachwerk/audit';
import {
  addMonths,
  assertOrganisationRole,
  Clock,
  DomainError,
  notFound,
  pageOf,
  pageWindow,
  projectPersonalData,
  Transactions,
  type Actor,
} from '@dachwerk/shared';
import type { CreateMandateDto, MandateQueryDto, RevokeMandateDto } from './dto/membership.dto';
import { MemberRepository } from './member.repository';
import { MEMBERSHIP_READERS } from './tiers.service';

export interface Mandate {
  id: string;
  memberId: string;
  memberNo: string;
  reference: string;
  signedOn: string;
  debtorName: string;
  iban: string;
  bic: string | null;
  lastUsedOn: string | null;
  revokedOn: string | null;
  revokeReason: string | null;
  status: 'active' | 'expired' | 'revoked';
  expiresOn: string;
}

export const MANDATE_BANK_FIELDS = ['debtorName', 'iban', 'bic'] as const;

/** A mandate unused for 36 months expires (SEPA rulebook); the SQL and the rule agree here. */
export const MANDATE_EXPIRY_MONTHS = 36;

export const MANDATE_SELECT = `SELECT s.id, s.member_id AS "memberId", mb.member_no AS "memberNo", s.reference,
    to_char(s.signed_on, 'YYYY-MM-DD') AS "signedOn", s.debtor_name AS "debtorName", s.iban, s.bic,
    to_char(s.last_used_on, 'YYYY-MM-DD') AS "lastUsedOn", to_char(s.revoked_on, 'YYYY-MM-DD') AS "revokedOn",
    s.revoke_reason AS "revokeReason",
    to_char(COALESCE(s.last_used_on, s.signed_on) + interval '${MANDATE_EXPIRY_MONTHS} months', 'YYYY-MM-DD') AS "expiresOn",
    CASE WHEN s.revoked_on IS NOT NULL THEN 'revoked'
         WHEN COALESCE(s.last_used_on, s.signed_on) + interval '${MANDATE_EXPIRY_MONTHS} months' < current_date THEN 'expired'
         ELSE 'active' END AS status
  FROM sepa_mandates s JOIN members mb ON mb.id = s.member_id`;

/** SEPA direct-debit mandates: reference unique per organisation, signing date required, expiry, revocation. */
@Injectable()
export class MandatesService {
  constructor(
    private readonly clock: Clock,
    private readonly members: MemberRepository,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor, organisationId: string, query: MandateQueryDto) {
    assertOrganisationRole(actor, organisationId, MEMBERSHIP_READERS);
    const { skip, take } = pageWindow(query);
    const db = this.members.db;
    const where = `s.organisation_id = $1 AND ($2::uuid IS NULL OR s.member_id = $2)`;
    const items = await db.query<Mandate[]>(
      `${MANDATE_SELECT} WHERE ${where} ORDER BY mb.member_no, s.created_at OFFSET $3 LIMIT $4`,
      [organisationId, query.memberId ?? null, skip, take],
    );
    const [{ n }] = await db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM sepa_mandates s WHERE ${where}`,
      [organisationId, query.memberId ?? null],
    );
    // The board sees that a mandate exists and its state, not the account it debits.
    const visible = items.map((mandate) =>
      projectPersonalData(actor, organisationId, mandate, MANDATE_BANK_FIELDS),
    );
    return pageOf(visible, n, query);
  }

  async create(actor: Actor, organisationId: string, input: CreateMandateDto): Promise<Mandate> {
    assertOrganisationRole(actor, organisationId, ['staff', 'treasurer']);
    if (input.signedOn > this.clock.today())
      throw new DomainError('DATE_IN_FUTURE', 'A mandate cannot be signed in the future', {
        field: 'signedOn',
      });
    return this.transactions.run(async (m) => {
      const member = await this.members.get(m, organisationId, input.memberId, {
        field: 'memberId',
      });
      const reference = input.reference ?? `${member.memberNo}-${input.signedOn.replace(/-/g, '')}`;
      const [row] = await m.query<{ id: string }[]>(
        `INSERT INTO sepa_mandates (organisation_id, member_id, reference, signed_on, debtor_name, iban, bic)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (organisation_id, reference) DO NOTHING RETURNING id`,
        [
          organisationId,
          member.id,
          reference,
          input.signedOn,
          input.debtorName.trim(),
          input.iban,
          input.bic ?? null,
        ],
      );
      if (!row)
        throw new DomainError(
          'MANDATE_REFERENCE_TAKEN',
          `Mandate reference ${reference} is taken`,
          { field: 'reference', reference },
          409,
        );
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId,
        action: 'mandate.created',
        entityType: 'sepa_mandate',
        entityId: row.id,
        data: { memberId: member.id, reference },
      });
      return (await m.query<Mandate[]>(`${MANDATE_SELECT} WHERE s.id = $1`, [row.id]))[0];
    });
  }

  async revoke(
    actor: Actor,
    organisationId: string,
    id: string,
    input: RevokeMandateDto,
  ): Promise<Mandate> {
    assertOrganisationRole(actor, organisationId, ['staff', 'treasurer']);
    return this.transactions.run(async (m) => {
      const [mandate] = await m.query<Mandate[]>(
        `${MANDATE_SELECT} WHERE s.organisation_id = $1 AND s.id = $2 FOR UPDATE OF s`,
        [organisationId, id],
      );
      if (!mandate) throw notFound('Mandate', id);
      if (mandate.revokedOn)
        throw new DomainError('MANDATE_REVOKED', 'The mandate is revoked already', {}, 409);
      await m.query(`UPDATE sepa_mandates SET revoked_on = $2, revoke_reason = $3 WHERE id = $1`, [
        id,
        input.revokedOn ?? this.clock.today(),
        input.reason.trim(),
      ]);
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId,
        action: 'mandate.revoked',
        entityType: 'sepa_mandate',
        entityId: id,
        data: { reason: input.reason.trim() },
      });
      return (await m.query<Mandate[]>(`${MANDATE_SELECT} WHERE s.id = $1`, [id]))[0];
    });
  }
}

/** Whether a mandate may be used on the collection date. */
export function mandateUsableOn(
  m: { revokedOn: string | null; lastUsedOn: string | null; signedOn: string },
  day: string,
): boolean {
  if (m.revokedOn && m.revokedOn <= day) return false;
  return addMonths(m.lastUsedOn ?? m.signedOn, MANDATE_EXPIRY_MONTHS) >= day;
}
