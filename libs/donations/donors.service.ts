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
  type Actor,
} from '@dachwerk/shared';
import type { DonorInputDto, DonorQueryDto } from './dto/donation.dto';
import { Donor, DonorInput, DonorRepository } from './donor.repository';

export const DONATION_READERS = ['treasurer', 'staff', 'board', 'admin'] as const;
const DONOR_WRITERS = ['treasurer', 'staff'] as const;
/** What the board does not see of a donor: how to reach or debit them (see CONTACT_DETAIL_ROLES). */
export const DONOR_CONTACT_FIELDS = ['street', 'postalCode', 'email', 'iban'] as const;

function toInput(dto: DonorInputDto): DonorInput {
  const person = dto.kind === 'person';
  return {
    kind: dto.kind,
    firstName: person ? dto.firstName?.trim() || null : null,
    lastName: person ? dto.lastName?.trim() || null : null,
    organisationName: person ? null : dto.organisationName?.trim() || null,
    street: dto.street?.trim() || null,
    postalCode: dto.postalCode?.trim() || null,
    city: dto.city?.trim() || null,
    country: dto.country ?? 'DE',
    email: dto.email?.trim().toLowerCase() || null,
    iban: dto.iban ?? null,
    memberId: dto.memberId ?? null,
    consentsToContact: dto.consentsToContact ?? false,
    consentsToNameSharing: dto.consentsToNameSharing ?? false,
  };
}

/** Donors: people and organisations who give; duplicates are merged, never deleted. */
@Injectable()
export class DonorsService {
  constructor(
    private readonly clock: Clock,
    private readonly donors: DonorRepository,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor, organisationId: string, query: DonorQueryDto) {
    assertOrganisationRole(actor, organisationId, DONATION_READERS);
    const { skip, take } = pageWindow(query);
    // Searching hidden fields would reveal them one letter at a time.
    const [items, total] = await this.donors.list(
      organisationId,
      query.q?.trim() || undefined,
      skip,
      take,
      seesContactDetails(actor, organisationId),
    );
    return pageOf(
      items.map((donor) => this.visible(actor, organisationId, donor)),
      total,
      query,
    );
  }

  async get(actor: Actor, organisationId: string, id: string) {
    assertOrganisationRole(actor, organisationId, DONATION_READERS);
    const donor = await this.donors.get(this.donors.db, organisationId, id);
    await this.transactions.run((m) =>
      this.audit.record(m, this.readEvent(actor, organisationId, id)),
    );
    return this.visible(actor, organisationId, donor);
  }

  /** A donor as this actor's role may see it. */
  private visible(actor: Actor, organisationId: string, donor: Donor) {
    return projectPersonalData(actor, organisationId, donor, DONOR_CONTACT_FIELDS);
  }

  async create(actor: Actor, organisationId: string, dto: DonorInputDto): Promise<Donor> {
    assertOrganisationRole(actor, organisationId, DONOR_WRITERS);
    return this.transactions.run(async (m) => {
      const input = toInput(dto);
      if (input.memberId) await this.donors.assertMemberIn(m, organisationId, input.memberId);
      const id = await this.donors.insert(m, organisationId, input);
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId,
        action: 'donor.created',
        entityType: 'donor',
        entityId: id,
        after: { ...input },
      });
      return (await this.donors.find(m, organisationId, id))!;
    });
  }

  /**
   * For membership: the donor record of a member (receipts are addressed to donors),
   * found by the link or created from the member's data, in the caller's transaction.
   * The address is refreshed from the member, who is the source of truth for it.
   */
  async forMember(
    m: EntityManager,
    userId: string,
    organisationId: string,
    member: Omit<
      DonorInput,
      'memberId' | 'iban' | 'consentsToContact' | 'consentsToNameSharing'
    > & { id: string },
  ): Promise<string> {
    const [linked] = await m.query<{ id: string }[]>(
      `SELECT id FROM donors WHERE organisation_id = $1 AND member_id = $2 AND merged_into_id IS NULL AND erased_at IS NULL ORDER BY created_at LIMIT 1`,
      [organisationId, member.id],
    );
    const { id: memberId, ...fields } = member;
    if (linked) {
      const before = (await this.donors.find(m, organisationId, linked.id))!;
      await this.donors.update(m, organisationId, linked.id, { ...before, ...fields, memberId });
      return linked.id;
    }
    const input: DonorInput = {
      ...fields,
      memberId,
      iban: null,
      consentsToContact: false,
      consentsToNameSharing: false,
    };
    const id = await this.donors.insert(m, organisationId, input);
    await this.audit.record(m, {
      actorUserId: userId,
      organisationId,
      action: 'donor.created',
      entityType: 'donor',
      entityId: id,
      after: { ...input },
    });
    return id;
  }

  async update(
    actor: Actor,
    organisationId: string,
    id: string,
    dto: DonorInputDto,
  ): Promise<Donor> {
    assertOrganisationRole(actor, organisationId, DONOR_WRITERS);
    return this.transactions.run(async (m) => {
      const before = await this.donors.get(m, organisationId, id, { lock: true });
      const input = toInput(dto);
      if (input.memberId) await this.donors.assertMemberIn(m, organisationId, input.memberId);
      await this.donors.update(m, organisationId, id, input);
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId,
        action: 'donor.updated',
        entityType: 'donor',
        entityId: id,
        before: { ...before },
        after: { ...before, ...input },
      });
      return (await this.donors.find(m, organisationId, id))!;
    });
  }

  async duplicates(actor: Actor, organisationId: string, id: string) {
    assertOrganisationRole(actor, organisationId, DONATION_READERS);
    const donor = await this.donors.get(this.donors.db, organisationId, id);
    const found = await this.donors.duplicatesOf(organisationId, donor);
    return found.map((d) => this.visible(actor, organisationId, d));
  }

  /** The merged donor stays, pointing to the survivor; its donations keep their history. */
  async merge(actor: Actor, organisationId: string, id: string, intoId: string): Promise<Donor> {
    assertOrganisationRole(actor, organisationId, DONOR_WRITERS);
    if (id === intoId)
      throw new DomainError(
        'MERGE_INTO_SELF',
        'A donor cannot be merged into itself',
        { field: 'intoDonorId' },
        400,
      );
    return this.transactions.run(async (m) => {
      // Lock both rows in a fixed order so two merges cannot cross. Each id is resolved in
      // this organisation on its own: one that is not found answers 404 and merges nothing.
      const locked = new Map<string, Donor>();
      for (const donorId of [id, intoId].sort()) {
        const field = donorId === intoId ? 'intoDonorId' : undefined;
        locked.set(
          donorId,
          await this.donors.get(m, organisationId, donorId, { lock: true, field }),
        );
      }
      const source = locked.get(id)!;
      const target = locked.get(intoId)!;
      if (source.mergedIntoId || target.mergedIntoId) {
        throw new DomainError(
          'DONOR_ALREADY_MERGED',
          'One of the donors was merged already',
          { donorId: source.mergedIntoId ? id : intoId },
          409,
        );
      }
      await this.donors.markMerged(m, organisationId, id, intoId);
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId,
        action: 'donor.merged',
        entityType: 'donor',
        entityId: id,
        data: { intoDonorId: intoId },
      });
      return (await this.donors.find(m, organisationId, intoId))!;
    });
  }

  /** Art. 15 GDPR: everything stored about the donor, in one document; the export is logged. */
  async exportData(
    actor: Actor,
    organisationId: string,
    id: string,
  ): Promise<Record<string, unknown>> {
    assertOrganisationRole(actor, organisationId, GDPR_REQUEST_ROLES);
    return this.transactions.run(async (m) => {
      const donor = await this.donors.get(m, organisationId, id);
      // One connection inside a transaction: the reads go one after another.
      const donations = await this.donors.donationsOf(m, id);
      const receipts = await this.donors.receiptsOf(m, id);
      const accessLog = await this.audit.trail(m, 'donor', id);
      await this.audit.record(m, this.event(actor, organisationId, id, 'donor.exported'));
      return { exportedAt: this.clock.now().toISOString(), donor, donations, receipts, accessLog };
    });
  }

  /**
   * Art. 17/18 GDPR, as for members: a donor the books no longer need (no donation within
   * the retention of § 147 AO) is erased — pseudonymised, since donations and receipts point
   * to the row; otherwise the record is restricted now (what no retention needs goes at once)
   * and the job donations.erase-expired erases it when the retention ends. Issued receipts
   * keep their own copy of name and address for that time.
   */
  async erase(actor: Actor, organisationId: string, id: string) {
    assertOrganisationRole(actor, organisationId, GDPR_REQUEST_ROLES);
    return this.transactions.run(async (m) => {
      await this.donors.get(m, organisationId, id, { lock: true });
      const retentionEndsOn = await this.donors.retentionEndsOn(m, id);
      const erasable = !retentionEndsOn || retentionEndsOn <= this.clock.today();
      if (erasable) await this.donors.erase(m, id);
      else await this.donors.restrict(m, id);
      const outcome = erasable ? 'erased' : 'restricted';
      await this.audit.record(m, this.event(actor, organisationId, id, `donor.${outcome}`));
      const donor = (await this.donors.find(m, organisationId, id))!;
      return { ...donor, outcome, retentionEndsOn: erasable ? null : retentionEndsOn };
    });
  }

  /** The nightly job: restricted donors whose retention has ended are erased. */
  async eraseExpired(): Promise<number> {
    const due = await this.donors.dueForErasure(this.clock.today());
    for (const donor of due)
      await this.transactions.run(async (m) => {
        await this.donors.erase(m, donor.id);
        await this.audit.record(m, {
          actorUserId: null,
          organisationId: donor.organisationId,
          action: 'donor.erased',
          entityType: 'donor',
          entityId: donor.id,
        });
      });
    return due.length;
  }

  private event(actor: Actor, organisationId: string, id: string, action: string) {
    return { actorUserId: actor.userId, organisationId, action, entityType: 'donor', entityId: id };
  }

  /** Reading personal data is logged (GDPR), in the audit log with every other access. */
  private readEvent(actor: Actor, organisationId: string, id: string) {
    return {
      actorUserId: actor.userId,
      organisationId,
      action: 'donor.read',
      entityType: 'donor',
      entityId: id,
    };
  }
}
