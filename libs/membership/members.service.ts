import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@dachwerk/audit';
import {
  assertOrganisationRole,
  Clock,
  DomainError,
  GDPR_REQUEST_ROLES,
  pageOf,
  pageWindow,
  projectPersonalData,
  seesContactDetails,
  Transactions,
  uuidv7,
  type Actor,
} from '@dachwerk/shared';
import type {
  ChangeTierDto,
  CreateMemberDto,
  LeaveDto,
  MemberQueryDto,
  UpdateMemberDto,
} from './dto/membership.dto';
import { Member, MemberRepository } from './member.repository';
import { TierRepository } from './tier.repository';
import { MEMBERSHIP_READERS } from './tiers.service';

const EDITORS = ['staff'] as const;
/** What the board does not see of a member: how to reach them (see CONTACT_DETAIL_ROLES). */
export const MEMBER_CONTACT_FIELDS = ['street', 'postalCode', 'email', 'phone'] as const;

/**
 * Members and their tier history. Reading a member is personal data and is logged;
 * leaving restricts nothing by itself — erasure waits for the retention period.
 */
@Injectable()
export class MembersService {
  constructor(
    private readonly clock: Clock,
    private readonly members: MemberRepository,
    private readonly tiers: TierRepository,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor, organisationId: string, query: MemberQueryDto) {
    assertOrganisationRole(actor, organisationId, MEMBERSHIP_READERS);
    const { skip, take } = pageWindow(query);
    const full = seesContactDetails(actor, organisationId);
    // Searching hidden fields would reveal them one letter at a time.
    const [items, total] = await this.members.list(organisationId, query, skip, take, full);
    return pageOf(
      items.map((member) => this.visible(actor, organisationId, member)),
      total,
      query,
    );
  }

  async get(actor: Actor, organisationId: string, id: string) {
    assertOrganisationRole(actor, organisationId, MEMBERSHIP_READERS);
    return this.transactions.run(async (m) => {
      const member = await this.members.get(m, organisationId, id, { erased: true });
      await this.audit.record(m, this.event(actor, organisationId, id, 'member.read'));
      return this.visible(actor, organisationId, member);
    });
  }

  /** A member as this actor's role may see it. */
  private visible(actor: Actor, organisationId: string, member: Member) {
    return projectPersonalData(actor, organisationId, member, MEMBER_CONTACT_FIELDS);
  }

  async create(actor: Actor, organisationId: string, input: CreateMemberDto): Promise<Member> {
    assertOrganisationRole(actor, organisationId, EDITORS);
    return this.transactions.run(async (m) => {
      const tier = await this.tiers.get(m, organisationId, input.tierId, { field: 'tierId' });
      const memberNo = input.memberNo ?? (await this.members.nextMemberNo(m, organisationId));
      if ((await this.members.memberNosTaken(m, organisationId, [memberNo])).size)
        throw new DomainError(
          'MEMBER_NO_TAKEN',
          `Member number ${memberNo} is taken`,
          { field: 'memberNo', memberNo },
          409,
        );
      const id = uuidv7();
      await this.members.insertMany(m, organisationId, [
        {
          id,
          memberNo,
          kind: input.kind,
          firstName: input.kind === 'person' ? (input.firstName?.trim() ?? null) : null,
          lastName: input.kind === 'person' ? input.lastName!.trim() : null,
          organisationName: input.kind === 'organisation' ? input.organisationName!.trim() : null,
          contactPerson: input.contactPerson ?? null,
          street: input.street ?? null,
          postalCode: input.postalCode ?? null,
          city: input.city ?? null,
          country: input.country ?? 'DE',
          email: input.email ?? null,
          phone: input.phone ?? null,
          joinedOn: input.joinedOn,
          consentsToEmail: input.consentsToEmail ?? false,
          consentsToPublication: input.consentsToPublication ?? false,
        },
      ]);
      await this.members.assignTier(
        m,
        [id],
        [input.joinedOn],
        [tier.id],
        [input.reduced ?? false],
        actor.userId,
      );
      await this.audit.record(m, {
        ...this.event(actor, organisationId, id, 'member.created'),
        data: { memberNo },
      });
      return (await this.members.find(m, organisationId, id))!;
    });
  }

  async update(
    actor: Actor,
    organisationId: string,
    id: string,
    input: UpdateMemberDto,
  ): Promise<Member> {
    assertOrganisationRole(actor, organisationId, EDITORS);
    return this.transactions.run(async (m) => {
      const before = await this.live(m, organisationId, id);
      if (input.lastName !== undefined && before.kind !== 'person')
        throw new DomainError('FIELD_NOT_FOR_KIND', 'An organisation has no last name', {
          field: 'lastName',
        });
      if (input.organisationName !== undefined && before.kind !== 'organisation')
        throw new DomainError('FIELD_NOT_FOR_KIND', 'A person has no organisation name', {
          field: 'organisationName',
        });
      await this.members.update(m, id, input);
      const after = (await this.members.find(m, organisationId, id))!;
      await this.audit.record(m, {
        ...this.event(actor, organisationId, id, 'member.updated'),
        before: before as unknown as Record<string, unknown>,
        after: after as unknown as Record<string, unknown>,
      });
      return after;
    });
  }

  /** A new tier from a date on; fees already raised keep the tier they were raised under. */
  async changeTier(
    actor: Actor,
    organisationId: string,
    id: string,
    input: ChangeTierDto,
  ): Promise<Member> {
    assertOrganisationRole(actor, organisationId, EDITORS);
    return this.transactions.run(async (m) => {
      const member = await this.live(m, organisationId, id);
      const tier = await this.tiers.get(m, organisationId, input.tierId, { field: 'tierId' });
      if (input.startsOn < member.joinedOn)
        throw new DomainError(
          'TIER_BEFORE_JOINING',
          'A tier cannot start before the member joined',
          { field: 'startsOn' },
        );
      const [raised] = await m.query<{ d: string | null }[]>(
        `SELECT to_char(max(period_start), 'YYYY-MM-DD') AS d FROM receivables WHERE member_id = $1 AND kind = 'fee'`,
        [id],
      );
      if (raised.d && input.startsOn <= raised.d)
        throw new DomainError(
          'TIER_WOULD_REWRITE_FEES',
          `Fees up to the period starting ${raised.d} are raised already`,
          { field: 'startsOn', lastRaisedPeriod: raised.d },
          409,
        );
      const history = await this.members.tierHistory(m, id);
      if (history.some((h) => h.startsOn === input.startsOn))
        throw new DomainError(
          'TIER_CHANGE_EXISTS',
          'A tier change on this day exists already',
          { field: 'startsOn' },
          409,
        );
      await this.members.assignTier(
        m,
        [id],
        [input.startsOn],
        [tier.id],
        [input.reduced ?? false],
        actor.userId,
      );
      await this.audit.record(m, {
        ...this.event(actor, organisationId, id, 'member.tier-changed'),
        data: { ...input },
      });
      return (await this.members.find(m, organisationId, id))!;
    });
  }

  async leave(actor: Actor, organisationId: string, id: string, input: LeaveDto): Promise<Member> {
    assertOrganisationRole(actor, organisationId, EDITORS);
    return this.transactions.run(async (m) => {
      const member = await this.live(m, organisationId, id, true);
      if (member.leftOn)
        throw new DomainError(
          'MEMBER_ALREADY_LEFT',
          `The member left on ${member.leftOn}`,
          { leftOn: member.leftOn },
          409,
        );
      if (input.leftOn < member.joinedOn)
        throw new DomainError('LEAVING_BEFORE_JOINING', 'A member cannot leave before joining', {
          field: 'leftOn',
        });
      await this.members.leave(m, id, input.leftOn, input.status ?? 'left');
      await this.audit.record(m, {
        ...this.event(actor, organisationId, id, 'member.left'),
        data: { ...input },
      });
      return (await this.members.find(m, organisationId, id))!;
    });
  }

  async tierHistory(actor: Actor, organisationId: string, id: string) {
    assertOrganisationRole(actor, organisationId, MEMBERSHIP_READERS);
    await this.live(this.members.db.manager, organisationId, id);
    return this.members.tierHistory(this.members.db, id);
  }

  /** Art. 15 GDPR: everything stored about the member, in one document; the export is logged. */
  async exportData(
    actor: Actor,
    organisationId: string,
    id: string,
  ): Promise<Record<string, unknown>> {
    assertOrganisationRole(actor, organisationId, GDPR_REQUEST_ROLES);
    return this.transactions.run(async (m) => {
      const member = await this.members.get(m, organisationId, id, { erased: true });
      // One connection inside a transaction: the reads go one after another.
      const [tierHistory, mandates, receivables, donors, audit] = await sequential([
        () => this.members.tierHistory(m, id),
        () =>
          m.query<Record<string, unknown>[]>(
            `SELECT reference, to_char(signed_on, 'YYYY-MM-DD') AS "signedOn", debtor_name AS "debtorName", iban, bic,
                        to_char(last_used_on, 'YYYY-MM-DD') AS "lastUsedOn", to_char(revoked_on, 'YYYY-MM-DD') AS "revokedOn"
                   FROM sepa_mandates WHERE member_id = $1 ORDER BY created_at`,
            [id],
          ),
        () =>
          m.query<Record<string, unknown>[]>(
            `SELECT kind, description, amount_cents::int AS "amountCents", to_char(due_on, 'YYYY-MM-DD') AS "dueOn", status,
                        dunning_level AS "dunningLevel" FROM receivables WHERE member_id = $1 ORDER BY due_on`,
            [id],
          ),
        () =>
          m.query<Record<string, unknown>[]>(
            `SELECT id, first_name AS "firstName", last_name AS "lastName", organisation_name AS "organisationName",
                        (SELECT json_agg(json_build_object('receivedOn', to_char(d.received_on, 'YYYY-MM-DD'), 'amountCents', d.amount_cents, 'kind', d.kind))
                           FROM donations d WHERE d.donor_id = donors.id) AS donations
                   FROM donors WHERE member_id = $1`,
            [id],
          ),
        () => this.audit.trail(m, 'member', id),
      ]);
      await this.audit.record(m, this.event(actor, organisationId, id, 'member.exported'));
      return {
        exportedAt: new Date().toISOString(),
        member,
        tierHistory,
        mandates,
        receivables,
        donors,
        accessLog: audit,
      };
    });
  }

  /**
   * Art. 17/18 GDPR: a leaver's record is restricted at once (marked, kept only for the
   * books); the job membership.erase-expired erases it when the retention period has passed.
   */
  async erase(
    actor: Actor,
    organisationId: string,
    id: string,
  ): Promise<Member & { outcome: 'restricted' | 'erased' }> {
    assertOrganisationRole(actor, organisationId, GDPR_REQUEST_ROLES);
    return this.transactions.run(async (m) => {
      const member = await this.live(m, organisationId, id, true);
      if (!member.leftOn || member.leftOn > this.clock.today())
        throw new DomainError(
          'MEMBER_STILL_ACTIVE',
          'Only members who have left can be erased',
          { field: 'leftOn' },
          409,
        );
      const erasable = (
        await this.members.erasable(m, organisationId, this.clock.today())
      ).includes(id);
      if (erasable) await this.members.erase(m, id);
      else await this.members.restrict(m, id);
      const outcome = erasable ? 'erased' : 'restricted';
      await this.audit.record(m, this.event(actor, organisationId, id, `member.${outcome}`));
      return { ...(await this.members.find(m, organisationId, id))!, outcome };
    });
  }

  private async live(
    m: EntityManager,
    organisationId: string,
    id: string,
    lock = false,
  ): Promise<Member> {
    return this.members.get(m, organisationId, id, { lock });
  }

  private event(actor: Actor, organisationId: string, id: string, action: string) {
    return {
      actorUserId: actor.userId,
      organisationId,
      action,
      entityType: 'member',
      entityId: id,
    };
  }
}

async function sequential<T extends unknown[]>(work: {
  [K in keyof T]: () => Promise<T[K]>;
}): Promise<T> {
  const results: unknown[] = [];
  for (const step of work as (() => Promise<unknown>)[]) results.push(await step());
  return results as T;
}
