import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@dachwerk/audit';
import { LedgerService } from '@dachwerk/ledger';
import { administrationFee, InitiativesService } from '@dachwerk/organisations';
import {
  assertOrganisationRole,
  Clock,
  DomainError,
  once,
  pageOf,
  pageWindow,
  Transactions,
  uuidv7,
  type Actor,
  type Page,
} from '@dachwerk/shared';
import { administrationFeeLines, donationLines, MONEY_IN_TRANSIT } from './donation-accounts';
import { Donation, DonationRepository } from './donation.repository';
import { DONATION_READERS } from './donors.service';
import { DonorRepository } from './donor.repository';
import type { CreateDonationDto, DonationQueryDto } from './dto/donation.dto';

export interface InitiativeDonation {
  id: string;
  receivedOn: string;
  amountCents: number;
  kind: string;
  /** Only where the donor consented to name sharing. */
  donorName: string | null;
}

/**
 * Donations and their bookings. Each donation is booked through LedgerService.post in
 * the same transaction; it is never edited — a correction reverses the booking and may
 * record a replacement that points back.
 */
@Injectable()
export class DonationsService {
  constructor(
    private readonly clock: Clock,
    private readonly donations: DonationRepository,
    private readonly donors: DonorRepository,
    private readonly ledger: LedgerService,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly initiatives: InitiativesService,
  ) {}

  async list(
    actor: Actor,
    organisationId: string,
    query: DonationQueryDto,
  ): Promise<Page<Donation>> {
    assertOrganisationRole(actor, organisationId, DONATION_READERS);
    const { skip, take } = pageWindow(query);
    const [items, total] = await this.donations.list(organisationId, query, skip, take);
    return pageOf(items, total, query);
  }

  /**
   * The donations to one initiative, as its own people may see them: amount, date,
   * kind — and the donor's name only where the donor agreed to share it. The caller
   * (funding) has checked that the actor may see the initiative.
   */
  async forInitiative(
    organisationId: string,
    initiativeId: string,
    skip: number,
    take: number,
  ): Promise<[InitiativeDonation[], number]> {
    const db = this.donations.db;
    const where = `d.organisation_id = $1 AND d.initiative_id = $2
      AND NOT EXISTS (SELECT 1 FROM donation_corrections c WHERE c.donation_id = d.id)`;
    const rows = await db.query<InitiativeDonation[]>(
      `SELECT d.id, to_char(d.received_on, 'YYYY-MM-DD') AS "receivedOn", d.amount_cents::float8 AS "amountCents", d.kind,
              CASE WHEN o.consents_to_name_sharing THEN COALESCE(o.organisation_name, concat_ws(' ', o.first_name, o.last_name)) END AS "donorName"
         FROM donations d JOIN donors o ON o.id = d.donor_id WHERE ${where}
        ORDER BY d.received_on DESC, d.id OFFSET $3 LIMIT $4`,
      [organisationId, initiativeId, skip, take],
    );
    const [{ n }] = await db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM donations d WHERE ${where}`,
      [organisationId, initiativeId],
    );
    return [rows, n];
  }

  async get(actor: Actor, organisationId: string, id: string): Promise<Donation> {
    assertOrganisationRole(actor, organisationId, DONATION_READERS);
    return this.donations.get(this.donations.db, organisationId, id);
  }

  async record(
    actor: Actor,
    organisationId: string,
    input: CreateDonationDto,
    idempotencyKey?: string,
  ): Promise<Donation> {
    assertOrganisationRole(actor, organisationId, ['treasurer']);
    return this.transactions.run((m) =>
      once(
        m,
        {
          userId: actor.userId,
          key: idempotencyKey,
          request: ['donation.record', organisationId, input],
        },
        () => this.book(m, actor, organisationId, input, null),
      ),
    );
  }

  /** Books the corrected donation, if given, and reverses the booking of the wrong one. */
  async correct(
    actor: Actor,
    organisationId: string,
    id: string,
    reason: string,
    replacement?: CreateDonationDto,
  ): Promise<{ corrected: Donation; replacement: Donation | null }> {
    assertOrganisationRole(actor, organisationId, ['treasurer']);
    return this.transactions.run(async (m) => {
      const donation = await this.donations.get(m, organisationId, id);
      if (donation.correctedAt) {
        throw new DomainError(
          'DONATION_ALREADY_CORRECTED',
          'This donation was corrected already',
          { donationId: id },
          409,
        );
      }
      // The replacement first: for an initiative's donation the fund must never dip below
      // zero in between (the database checks every booking statement).
      const replaced = replacement
        ? await this.book(m, actor, organisationId, replacement, id)
        : null;
      const reversal = await this.ledger.reverse(
        m,
        organisationId,
        actor.userId,
        donation.journalEntryId,
        {
          bookedOn: this.clock.today(),
          text: `Korrektur Spende ${donation.receivedOn}`,
          by: { source: 'donation', sourceId: id },
        },
      );
      await this.donations.insertCorrection(m, id, reversal.id, reason.trim(), actor.userId);
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId,
        action: 'donation.corrected',
        entityType: 'donation',
        entityId: id,
        data: { reason: reason.trim(), reversalEntryId: reversal.id },
      });
      return {
        corrected: (await this.donations.find(m, organisationId, id))!,
        replacement: replaced,
      };
    });
  }

  /**
   * For banking: a donation a person confirmed from a bank transaction, booked in the
   * caller's transaction to the ledger account of the bank account it arrived on.
   */
  async recordFromBank(
    m: EntityManager,
    actor: Actor,
    organisationId: string,
    input: CreateDonationDto,
    bankLedgerAccount: number,
  ): Promise<Donation> {
    assertOrganisationRole(actor, organisationId, ['treasurer']);
    return this.book(m, actor, organisationId, input, null, bankLedgerAccount);
  }

  private async book(
    m: EntityManager,
    actor: Actor,
    organisationId: string,
    input: CreateDonationDto,
    replacesDonationId: string | null,
    bankLedgerAccount?: number,
  ): Promise<Donation> {
    const field = replacesDonationId ? 'replacement.' : '';
    const donor = await this.donors.get(m, organisationId, input.donorId, {
      field: `${field}donorId`,
    });
    this.checkRules(input);
    if (donor.restrictedAt)
      throw new DomainError(
        'DONOR_RESTRICTED',
        'Processing of this donor is restricted (Art. 18 GDPR); no new donations',
        { field: `${field}donorId` },
        409,
      );
    const donorId = donor.mergedIntoId ?? donor.id;
    const initiative =
      input.earmark === 'initiative'
        ? await this.initiatives.receiving(
            m,
            organisationId,
            input.initiativeId!,
            `${field}initiativeId`,
          )
        : null;
    const costCentre = initiative?.costCentre ?? null;
    // Money for an initiative pays the umbrella's administration fee in the same entry.
    const fee =
      initiative && input.kind === 'money' ? administrationFee(initiative, input.amountCents) : 0;
    const id = uuidv7();
    const entry = await this.ledger.post(m, organisationId, actor.userId, {
      bookedOn: input.receivedOn,
      documentOn: input.receivedOn,
      documentNo: `SP-${input.receivedOn.replace(/-/g, '')}`,
      text: `${input.kind === 'money' ? 'Geldspende' : input.kind === 'in_kind' ? 'Sachspende' : 'Aufwandsspende'} ${
        donor.lastName ?? donor.organisationName ?? ''
      }`.slice(0, 60),
      source: 'donation',
      sourceId: id,
      lines: [
        ...donationLines(input.kind, input.channel, input.amountCents, costCentre).map((line) =>
          bankLedgerAccount && line.account === MONEY_IN_TRANSIT
            ? { ...line, account: bankLedgerAccount }
            : line,
        ),
        ...administrationFeeLines(fee, costCentre ?? ''),
      ],
    });
    await this.donations.insert(m, organisationId, actor.userId, {
      id,
      donorId,
      kind: input.kind,
      channel:
        input.kind === 'money' ? input.channel! : input.kind === 'in_kind' ? 'in_kind' : 'waiver',
      receivedOn: input.receivedOn,
      amountCents: input.amountCents,
      purpose: input.purpose?.trim() || null,
      earmark: input.earmark,
      earmarkPurpose: input.earmark === 'purpose' ? input.earmarkPurpose!.trim() : null,
      costCentre,
      initiativeId: initiative?.id ?? null,
      item: input.inKind?.item ?? null,
      itemAge: input.inKind?.age ?? null,
      itemCondition: input.inKind?.condition ?? null,
      purchasePriceCents: input.inKind?.purchasePriceCents ?? null,
      valueBasis: input.inKind?.valueBasis ?? null,
      isFromBusinessAssets: input.inKind?.isFromBusinessAssets ?? null,
      reimbursementClaimRef: input.waiver?.claimRef ?? null,
      reimbursementAgreedOn: input.waiver?.agreedOn ?? null,
      journalEntryId: entry.id,
      replacesDonationId,
    });
    await this.audit.record(m, {
      actorUserId: actor.userId,
      organisationId,
      action: 'donation.recorded',
      entityType: 'donation',
      entityId: id,
      data: {
        amountCents: input.amountCents,
        kind: input.kind,
        journalEntryId: entry.id,
        replacesDonationId,
      },
    });
    return (await this.donations.find(m, organisationId, id))!;
  }

  /** The rules of docs/DOMAIN.md section 3 that a donation must meet before it is booked. */
  private checkRules(input: CreateDonationDto): void {
    if (!Number.isSafeInteger(input.amountCents) || input.amountCents <= 0) {
      throw new DomainError(
        'AMOUNT_NOT_POSITIVE',
        'The amount must be a positive whole number of cents',
        { field: 'amountCents' },
      );
    }
    if (input.receivedOn > this.clock.today()) {
      throw new DomainError('DATE_IN_FUTURE', 'A donation cannot be received in the future', {
        field: 'receivedOn',
      });
    }
    if (input.kind === 'in_kind' && !input.inKind) {
      throw new DomainError(
        'IN_KIND_DETAILS_REQUIRED',
        'An in-kind donation needs the item and the basis of its value',
        { field: 'inKind' },
      );
    }
    if (input.kind === 'expense_waiver') {
      if (!input.waiver) {
        throw new DomainError(
          'WAIVER_CLAIM_REQUIRED',
          'An expense waiver needs the reimbursement claim agreed beforehand',
          { field: 'waiver' },
        );
      }
      if (input.waiver.agreedOn > input.receivedOn) {
        throw new DomainError(
          'WAIVER_CLAIM_NOT_PRIOR',
          'The reimbursement claim must have been agreed before the waiver',
          {
            field: 'waiver.agreedOn',
          },
        );
      }
    }
    if (input.kind !== 'in_kind' && input.inKind) {
      throw new DomainError(
        'KIND_MISMATCH',
        'In-kind details belong to in-kind donations only',
        { field: 'inKind' },
        400,
      );
    }
    if (input.kind !== 'expense_waiver' && input.waiver) {
      throw new DomainError(
        'KIND_MISMATCH',
        'Waiver details belong to expense waivers only',
        { field: 'waiver' },
        400,
      );
    }
  }
}
