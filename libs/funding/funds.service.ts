import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@dachwerk/audit';
import { DonationsService, type InitiativeDonation } from '@dachwerk/donations';
import {
  CostCentreLedger,
  LedgerService,
  TRANSIT_ACCOUNT,
  type CostCentreLine,
} from '@dachwerk/ledger';
import { administrationFee, InitiativesService, type Initiative } from '@dachwerk/organisations';
import {
  assertOrganisationRole,
  Clock,
  DomainError,
  germanAmount,
  once,
  pageOf,
  PageQueryDto,
  pageWindow,
  Transactions,
  type Actor,
  type Page,
} from '@dachwerk/shared';
import type { FundInflowDto, FundQueryDto, FundTransferDto } from './dto/funding.dto';
import { FUNDING_ACCOUNTS, transferLines } from './funding-accounts';

export interface FundYear {
  year: number;
  inflowCents: number;
  outflowCents: number;
  /** Zeitnahe Mittelverwendung (§55 Abs. 1 Nr. 5 AO): spend by the end of the second following year. */
  spendBy: string;
  /** What of this year's inflows is still unspent (outflows use the oldest inflows first). */
  unspentCents: number;
  overdue: boolean;
}

export interface FundStatement {
  initiativeId: string;
  costCentre: string;
  from: string;
  to: string;
  openingCents: number;
  inflowCents: number;
  outflowCents: number;
  closingCents: number;
  /** Approved claims not yet paid out: already out of the fund, still in the bank. */
  commitmentsCents: number;
  /** What can still be approved now. */
  availableCents: number;
  years: FundYear[];
  movements: { items: CostCentreLine[]; total: number; page: number; pageSize: number };
}

const BOARD = ['board'] as const;

/**
 * Initiatives' restricted funds. The fund is the cost centre's result in the ledger,
 * read through CostCentreLedger; inflows and transfers are bookings. Everything that
 * takes money out goes through `withdraw`, which locks the initiative, reads the
 * balance and books in one transaction — so concurrent approvals queue and a fund
 * never goes below zero.
 */
@Injectable()
export class FundsService {
  constructor(
    private readonly clock: Clock,
    private readonly initiatives: InitiativesService,
    private readonly ledger: LedgerService,
    private readonly costCentres: CostCentreLedger,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly donationBook: DonationsService,
  ) {}

  async statement(
    actor: Actor,
    organisationId: string,
    initiativeId: string,
    query: FundQueryDto,
  ): Promise<FundStatement> {
    const initiative = await this.initiatives.get(actor, organisationId, initiativeId);
    const year = query.year ?? Number(this.clock.today().slice(0, 4));
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const { skip, take } = pageWindow(query);
    return this.transactions.run(async (m) => {
      const cc = initiative.costCentre;
      // The years hold every booking of the cost centre: opening and balance follow from them.
      const years = await this.costCentres.years(m, organisationId, cc);
      const [items, total] = await this.costCentres.lines(
        m,
        organisationId,
        cc,
        from,
        to,
        skip,
        take,
      );
      const [{ commitments }] = await m.query<{ commitments: number }[]>(
        `SELECT COALESCE(sum(amount_cents), 0)::float8 AS commitments FROM expense_claims
          WHERE initiative_id = $1 AND status IN ('approved', 'in_payout') AND application_id IS NULL`,
        [initiativeId],
      );
      const net = (ys: typeof years) =>
        ys.reduce((sum, y) => sum + y.inflowCents - y.outflowCents, 0);
      const openingCents = net(years.filter((y) => y.year < year));
      const thisYear = years.find((y) => y.year === year);
      const inflowCents = thisYear?.inflowCents ?? 0;
      const outflowCents = thisYear?.outflowCents ?? 0;
      const balance = net(years);
      return {
        initiativeId,
        costCentre: cc,
        from,
        to,
        openingCents,
        inflowCents,
        outflowCents,
        closingCents: openingCents + inflowCents - outflowCents,
        commitmentsCents: commitments,
        availableCents: balance,
        years: spendingDeadlines(years, this.clock.today()),
        movements: { items, total, page: query.page ?? 1, pageSize: take },
      };
    });
  }

  /** Donations to the initiative, for its own people too: donor names only where the donor agreed. */
  async donations(
    actor: Actor,
    organisationId: string,
    initiativeId: string,
    query: PageQueryDto,
  ): Promise<Page<InitiativeDonation>> {
    await this.initiatives.get(actor, organisationId, initiativeId);
    const { skip, take } = pageWindow(query);
    const [items, total] = await this.donationBook.forInitiative(
      organisationId,
      initiativeId,
      skip,
      take,
    );
    return pageOf(items, total, query);
  }

  /** A grant received for an initiative (from an authority or a third party), with the administration fee. */
  async addInflow(
    actor: Actor,
    organisationId: string,
    initiativeId: string,
    input: FundInflowDto,
    key?: string,
  ) {
    assertOrganisationRole(actor, organisationId, ['treasurer']);
    if (input.receivedOn > this.clock.today())
      throw new DomainError('DATE_IN_FUTURE', 'An inflow cannot be received in the future', {
        field: 'receivedOn',
      });
    return this.transactions.run((m) =>
      once(
        m,
        {
          userId: actor.userId,
          key,
          request: ['fund.inflow', organisationId, initiativeId, input],
        },
        async () => {
          const initiative = await this.initiatives.receiving(
            m,
            organisationId,
            initiativeId,
            'initiativeId',
          );
          const fee = administrationFee(initiative, input.amountCents);
          const cc = initiative.costCentre;
          const entry = await this.ledger.post(m, organisationId, actor.userId, {
            bookedOn: input.receivedOn,
            documentOn: input.receivedOn,
            documentNo: `ZU-${cc}`.slice(0, 36),
            text: `Zuschuss ${input.source}`.slice(0, 60),
            source: 'fund-inflow',
            sourceId: initiativeId,
            lines: [
              {
                // Until the statement shows it (banking settles it from there).
                account: TRANSIT_ACCOUNT,
                side: 'debit',
                amountCents: input.amountCents,
                sphere: 1,
              },
              {
                account: input.fromAuthority
                  ? FUNDING_ACCOUNTS.grantFromAuthority
                  : FUNDING_ACCOUNTS.grantFromThirdParty,
                side: 'credit',
                amountCents: input.amountCents,
                sphere: 1,
                costCentre: cc,
              },
              ...(fee > 0
                ? [
                    {
                      account: 63010,
                      side: 'debit' as const,
                      amountCents: fee,
                      sphere: 1 as const,
                      costCentre: cc,
                    },
                    {
                      account: 49920,
                      side: 'credit' as const,
                      amountCents: fee,
                      sphere: 1 as const,
                    },
                  ]
                : []),
            ],
          });
          await this.audit.record(m, {
            actorUserId: actor.userId,
            organisationId,
            action: 'fund.inflow',
            entityType: 'initiative',
            entityId: initiativeId,
            data: { ...input, feeCents: fee, journalEntryId: entry.id },
          });
          return { journalEntryId: entry.id, amountCents: input.amountCents, feeCents: fee };
        },
      ),
    );
  }

  /**
   * The fixed yearly administration fee of an initiative (its fee rule), charged once per
   * year from its fund — never more than the fund holds.
   */
  async chargeYearlyFee(actor: Actor, organisationId: string, initiativeId: string, year: number) {
    assertOrganisationRole(actor, organisationId, ['treasurer']);
    return this.transactions.run(async (m) => {
      const initiative = await this.initiative(m, organisationId, initiativeId);
      if (!initiative.feeYearlyCents)
        throw new DomainError('NO_YEARLY_FEE', `${initiative.name} has no fixed yearly fee`, {
          field: 'initiativeId',
          initiativeName: initiative.name,
        });
      const [charged] = await m.query<unknown[]>(
        `SELECT 1 FROM journal_entries WHERE organisation_id = $1 AND source = 'fund-yearly-fee' AND source_id = $2`,
        [organisationId, `${initiativeId}:${year}`],
      );
      if (charged)
        throw new DomainError(
          'YEARLY_FEE_CHARGED',
          `The fee for ${year} was charged already`,
          { field: 'year', year },
          409,
        );
      const on = `${year}-12-31` < this.clock.today() ? `${year}-12-31` : this.clock.today();
      const entry = await this.withdraw(
        m,
        organisationId,
        actor.userId,
        initiative,
        initiative.feeYearlyCents,
        {
          bookedOn: on,
          documentOn: on,
          documentNo: `VKU-${year}-${initiative.costCentre}`.slice(0, 36),
          text: `Verwaltungskostenumlage ${year} ${initiative.name}`.slice(0, 60),
          source: 'fund-yearly-fee',
          sourceId: `${initiativeId}:${year}`,
          lines: [
            {
              account: 63010,
              side: 'debit',
              amountCents: initiative.feeYearlyCents,
              sphere: 1,
              costCentre: initiative.costCentre,
            },
            { account: 49920, side: 'credit', amountCents: initiative.feeYearlyCents, sphere: 1 },
          ],
        },
      );
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId,
        action: 'fund.yearly-fee',
        entityType: 'initiative',
        entityId: initiativeId,
        data: { year, amountCents: initiative.feeYearlyCents, journalEntryId: entry.id },
      });
      return { journalEntryId: entry.id, amountCents: initiative.feeYearlyCents };
    });
  }

  /** Moving money between two funds, by board decision (its resolution named). */
  async transfer(actor: Actor, organisationId: string, input: FundTransferDto) {
    assertOrganisationRole(actor, organisationId, BOARD);
    if (input.fromInitiativeId === input.toInitiativeId)
      throw new DomainError('TRANSFER_SAME_FUND', 'A transfer needs two different funds', {
        field: 'toInitiativeId',
      });
    return this.transactions.run(async (m) => {
      const from = await this.initiatives.resolve(m, organisationId, input.fromInitiativeId, {
        field: 'fromInitiativeId',
      });
      const to = await this.initiatives.receiving(
        m,
        organisationId,
        input.toInitiativeId,
        'toInitiativeId',
      );
      const entry = await this.withdraw(m, organisationId, actor.userId, from, input.amountCents, {
        bookedOn: this.clock.today(),
        documentOn: this.clock.today(),
        documentNo: input.resolutionRef.slice(0, 36),
        text: `Umbuchung ${from.costCentre} an ${to.costCentre}`.slice(0, 60),
        source: 'fund-transfer',
        sourceId: to.id,
        lines: transferLines(input.amountCents, from.costCentre, to.costCentre),
      });
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId,
        action: 'fund.transferred',
        entityType: 'initiative',
        entityId: from.id,
        data: { ...input, journalEntryId: entry.id },
      });
      return { journalEntryId: entry.id };
    });
  }

  /**
   * The only way money leaves a fund: lock the initiative, read its balance, refuse
   * what it cannot cover (409 FUND_INSUFFICIENT), book — all in the caller's
   * transaction, which holds the lock until it commits.
   */
  async withdraw(
    m: EntityManager,
    organisationId: string,
    userId: string | null,
    initiative: Initiative,
    amountCents: number,
    posting: Parameters<LedgerService['post']>[3],
  ) {
    await m.query(`SELECT 1 FROM initiatives WHERE organisation_id = $1 AND id = $2 FOR UPDATE`, [
      organisationId,
      initiative.id,
    ]);
    const balance = await this.costCentres.result(m, organisationId, initiative.costCentre);
    if (balance < amountCents)
      throw new DomainError(
        'FUND_INSUFFICIENT',
        `The fund of ${initiative.name} holds ${germanAmount(balance)}, less than ${germanAmount(amountCents)}`,
        { availableCents: balance, requestedCents: amountCents },
        409,
      );
    return this.ledger.post(m, organisationId, userId, posting);
  }

  async initiative(m: EntityManager, organisationId: string, id: string): Promise<Initiative> {
    return this.initiatives.resolve(m, organisationId, id);
  }
}

/**
 * Which inflows are still unspent, oldest first (FIFO), and whether their deadline —
 * the end of the second calendar year after the inflow — has passed. Pure.
 */
export function spendingDeadlines(
  years: { year: number; inflowCents: number; outflowCents: number }[],
  today: string,
): FundYear[] {
  let spendable = years.reduce((s, y) => s + y.outflowCents, 0);
  return years.map((y) => {
    const used = Math.min(Math.max(y.inflowCents, 0), Math.max(spendable, 0));
    spendable -= used;
    const unspentCents = Math.max(y.inflowCents, 0) - used;
    const spendBy = `${y.year + 2}-12-31`;
    return { ...y, spendBy, unspentCents, overdue: unspentCents > 0 && spendBy < today };
  });
}
