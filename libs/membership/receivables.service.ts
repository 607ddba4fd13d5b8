import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { LedgerService } from '@dachwerk/ledger';
import {
  assertOrganisationRole,
  pageOf,
  pageWindow,
  resolveAllIn,
  uuidv7,
  type Actor,
  type Page,
} from '@dachwerk/shared';
import type { ReceivableQueryDto } from './dto/membership.dto';
import { FEE_ACCOUNTS } from './fee-runs.service';
import { Receivable, ReceivableRepository } from './receivable.repository';
import { MEMBERSHIP_READERS } from './tiers.service';

/** Dunning fees and passed-on return charges: 48350 Sonstige Erträge betrieblich und regelmäßig (sphere 1). */
export const CHARGE_INCOME_ACCOUNT = 48350;

export interface Settlement {
  bankTransactionId: string | null;
  on: string;
  journalEntryId: string;
}

/**
 * The member sub-ledger: what banking may do to receivables. Settling, returning and
 * charging are called inside the caller's transaction, next to the booking that goes
 * with them; every change is also an event row.
 */
@Injectable()
export class ReceivablesService {
  constructor(
    private readonly receivables: ReceivableRepository,
    private readonly ledger: LedgerService,
  ) {}

  async list(
    actor: Actor,
    organisationId: string,
    query: ReceivableQueryDto,
  ): Promise<Page<Receivable>> {
    assertOrganisationRole(actor, organisationId, MEMBERSHIP_READERS);
    const { skip, take } = pageWindow(query);
    const [items, total] = await this.receivables.list(organisationId, query, skip, take);
    return pageOf(items, total, query);
  }

  byEndToEndIds(m: EntityManager, organisationId: string, ids: string[]): Promise<Receivable[]> {
    return this.receivables.byEndToEndIds(m, organisationId, ids);
  }

  byIds(m: EntityManager, organisationId: string, ids: string[]): Promise<Receivable[]> {
    return this.receivables.byIds(m, organisationId, ids, true);
  }

  /** Receivables named in a request, locked: all of this organisation, else 404 naming the field. */
  resolveAll(
    m: EntityManager,
    organisationId: string,
    ids: string[],
    field: string,
  ): Promise<Receivable[]> {
    return resolveAllIn(
      'Receivable',
      ids,
      (unique) => this.receivables.byIds(m, organisationId, unique, true),
      field,
    );
  }

  unpaidOf(m: EntityManager, organisationId: string, memberIds: string[]): Promise<Receivable[]> {
    return this.receivables.unpaidOf(m, organisationId, memberIds);
  }

  /** Settles receivables, each by its own payment; one statement per table however many there are. */
  async settle(
    m: EntityManager,
    settlements: { receivable: Receivable; by: Settlement }[],
  ): Promise<void> {
    await this.receivables.setStatus(
      m,
      settlements.map((x) => x.receivable.id),
      'settled',
    );
    await this.receivables.addEvents(
      m,
      settlements.map(({ receivable, by }) => ({
        receivableId: receivable.id,
        kind: 'settled',
        amountCents: receivable.amountCents,
        occurredOn: by.on,
        ...by,
      })),
    );
  }

  /** A returned debit reopens the receivable; dunning counts from the return. */
  async markReturned(
    m: EntityManager,
    r: Receivable,
    reasonCode: string | null,
    s: Settlement,
  ): Promise<void> {
    await this.receivables.reopen(m, r.id, s.on);
    await this.receivables.addEvents(m, [
      {
        receivableId: r.id,
        kind: 'returned',
        amountCents: r.amountCents,
        occurredOn: s.on,
        reasonCode,
        ...s,
      },
    ]);
  }

  markDunned(m: EntityManager, items: { id: string; level: number }[], on: string): Promise<void> {
    return this.receivables.markDunned(m, items, on);
  }

  /** A new, booked receivable for a charge passed on to the member (return fee, dunning fee). */
  async charge(
    m: EntityManager,
    organisationId: string,
    userId: string | null,
    c: {
      memberId: string;
      memberNo: string;
      kind: 'return_fee' | 'dunning_fee';
      amountCents: number;
      on: string;
      description: string;
    },
  ): Promise<string> {
    const id = uuidv7();
    const entry = await this.ledger.post(m, organisationId, userId, {
      bookedOn: c.on,
      documentOn: c.on,
      documentNo: `${c.kind === 'return_fee' ? 'RL' : 'MG'}-${c.memberNo}`,
      text: c.description.slice(0, 60),
      source: 'membership-fee',
      sourceId: id,
      lines: [
        { account: FEE_ACCOUNTS.receivable, side: 'debit', amountCents: c.amountCents, sphere: 1 },
        { account: CHARGE_INCOME_ACCOUNT, side: 'credit', amountCents: c.amountCents, sphere: 1 },
      ],
    });
    await this.receivables.insertMany(m, organisationId, [
      {
        id,
        memberId: c.memberId,
        kind: c.kind,
        periodStart: null,
        periodEnd: null,
        description: c.description.slice(0, 140),
        amountCents: c.amountCents,
        dueOn: c.on,
        feeRunId: null,
        mandateId: null,
        sepaSequence: null,
        endToEndId: `R${id.replace(/-/g, '')}`,
        status: 'open',
        journalEntryId: entry.id,
      },
    ]);
    await this.receivables.addEvents(m, [
      {
        receivableId: id,
        kind: 'raised',
        amountCents: c.amountCents,
        occurredOn: c.on,
        journalEntryId: entry.id,
      },
    ]);
    return id;
  }
}
