import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@dachwerk/audit';
import {
  assertOrganisationRole,
  Clock,
  DomainError,
  notFound,
  once,
  pageFrom,
  pageOf,
  pageWindow,
  Transactions,
  uuidv7,
  type Actor,
  type Page,
  type PageQueryDto,
} from '@dachwerk/shared';
import { LEDGER_READERS } from './ledger-reports.service';
import { entryHash } from './entry-hash';
import { addDays, addMonths, firstOfMonth, monthlyPeriods } from '@dachwerk/shared';
import { BalanceDelta, FiscalYear, LedgerRepository, LedgerSettings } from './ledger.repository';
import type {
  Account,
  AccountType,
  AutomaticVat,
  PostedEntry,
  PostedLine,
  PostingInput,
  PostingLine,
  Sphere,
} from './ledger.types';
import { assertMayReverse, type ReversingOwner } from './entry-owner';
import { parseOpeningBalancesCsv } from './opening-balances-csv';
import { checkAutomaticVat, checkEntryShape, isCalendarDate, resolveSphere } from './posting-rules';
import { isDatevAutomaticVatAccount, loadChartTemplate } from './chart';
import { checkCostCentres } from './cost-centre-check';

/** Who posts: a user id (null for system bookings such as year-end carry-forward). */
export type PostedBy = string | null;

/**
 * The books. `post` is the only way any library writes to the journal; it runs inside
 * the caller's transaction so a donation and its entry commit together or not at all.
 */
@Injectable()
export class LedgerService {
  constructor(
    private readonly clock: Clock,
    private readonly ledger: LedgerRepository,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {}

  /** Posts one entry in the caller's transaction. */
  async post(
    m: EntityManager,
    organisationId: string,
    postedBy: PostedBy,
    input: PostingInput,
  ): Promise<PostedEntry> {
    const [entry] = await this.postMany(m, organisationId, postedBy, [input]);
    return entry;
  }

  /**
   * Posts entries in order, numbered without gaps per fiscal year. The fiscal year's
   * counter row is locked for the rest of the transaction, so concurrent postings queue
   * there and numbers and the hash chain follow commit order.
   */
  async postMany(
    m: EntityManager,
    organisationId: string,
    postedBy: PostedBy,
    inputs: (PostingInput & { reversesEntryId?: string | null })[],
    options: { allowInactive?: boolean } = {},
  ): Promise<PostedEntry[]> {
    if (!inputs.length) return [];
    const totals = inputs.map((input, i) => checkEntryShape(input, i));
    const accounts = await this.accountsFor(m, organisationId, inputs);
    const resolvedLines = inputs.map((input, i) =>
      this.resolveLines(input, i, accounts, options.allowInactive ?? false),
    );
    await checkCostCentres(m, organisationId, inputs, options.allowInactive ?? false);
    inputs.forEach((input, i) => {
      // A reversal mirrors its entry line by line, whatever the chart says today.
      if (!input.reversesEntryId)
        checkAutomaticVat(input.lines, (n) => accounts.get(n)?.vat ?? null, i);
    });
    const dates = inputs.map((i) => i.bookedOn).sort();
    const years = await this.ledger.fiscalYears(
      m,
      organisationId,
      dates[0],
      dates[dates.length - 1],
    );
    const yearOf = inputs.map((input, i) => this.openYearFor(years, input.bookedOn, i));

    const posted: PostedEntry[] = new Array<PostedEntry>(inputs.length);
    const postedAt = new Date();
    for (const yearId of [...new Set(yearOf.map((y) => y.id))].sort()) {
      const indexes = inputs.map((_, i) => i).filter((i) => yearOf[i].id === yearId);
      let { lastNumber, lastHash } = await this.ledger.lockCounter(m, yearId);
      const rows = indexes.map((i) => {
        const input = inputs[i];
        const entry = {
          id: uuidv7(),
          organisationId,
          fiscalYearId: yearId,
          entryNumber: ++lastNumber,
          bookedOn: input.bookedOn,
          documentOn: input.documentOn,
          documentNo: input.documentNo.trim(),
          text: input.text.trim(),
          description: input.description ?? null,
          source: input.source,
          sourceId: input.sourceId ?? null,
          reversesEntryId: input.reversesEntryId ?? null,
          totalCents: totals[i],
          postedBy,
          lines: resolvedLines[i],
        };
        const hash = entryHash(entry, lastHash);
        const row = { ...entry, previousHash: lastHash, hash };
        lastHash = hash;
        posted[i] = { ...entry, postedAt, hash: hash.toString('hex') };
        return row;
      });
      // Entries, then their lines in one statement: the database checks each entry there.
      await this.ledger.insertEntries(m, rows);
      await this.ledger.insertLines(m, organisationId, rows);
      await this.ledger.advanceCounter(m, yearId, lastNumber, lastHash!);
    }
    await this.ledger.addToBalances(m, organisationId, balanceDeltas(posted));
    return posted;
  }

  /**
   * Storno: a new entry with sides swapped that points to the original. Once per entry.
   * An entry owned by a domain record (a donation, receivable, claim, bank transaction …)
   * is reversed only by that domain, which names the record in `by`; its reversal keeps
   * the owner's source and id, so the record's bookings stay together. Without `by` (the
   * ledger's route) only the ledger's own entries can be reversed.
   */
  async reverse(
    m: EntityManager,
    organisationId: string,
    postedBy: PostedBy,
    entryId: string,
    options: { bookedOn?: string; text?: string; by?: ReversingOwner } = {},
  ): Promise<PostedEntry> {
    const original = await this.ledger.getEntry(m, organisationId, entryId);
    const owner = assertMayReverse(original, options.by);
    if (original.reversesEntryId) {
      throw new DomainError(
        'ENTRY_IS_REVERSAL',
        'A reversal cannot be reversed; post a new entry instead',
        {
          entryId,
        },
      );
    }
    if (original.reversedByEntryId) {
      throw new DomainError(
        'ENTRY_ALREADY_REVERSED',
        'This entry has already been reversed',
        {
          entryId,
          reversedByEntryId: original.reversedByEntryId,
        },
        409,
      );
    }
    const bookedOn = options.bookedOn ?? this.clock.today();
    const text = (options.text ?? `Storno Nr. ${original.entryNumber}: ${original.text}`).slice(
      0,
      60,
    );
    const [reversal] = await this.postMany(
      m,
      organisationId,
      postedBy,
      [
        {
          bookedOn,
          documentOn: original.documentOn,
          documentNo: original.documentNo,
          text,
          description: original.description,
          source: owner ? original.source : 'reversal',
          sourceId: owner ? original.sourceId : original.id,
          reversesEntryId: original.id,
          lines: original.lines.map((l) => ({
            ...l,
            side: l.side === 'debit' ? 'credit' : 'debit',
          })),
        },
      ],
      { allowInactive: true },
    );
    return reversal;
  }

  /**
   * Debit minus credit of an account at the end of a day, within the fiscal year that
   * holds the day (its opening balances included); null when no fiscal year holds it.
   * For other libraries that compare the books with the outside world (bank statements).
   */
  async balanceOn(
    m: EntityManager,
    organisationId: string,
    account: number,
    on: string,
  ): Promise<number | null> {
    const [row] = await m.query<{ cents: string | null; year: string | null }[]>(
      `SELECT y.id AS year, (SELECT sum(CASE l.side WHEN 'D' THEN l.amount_cents ELSE -l.amount_cents END)
                               FROM journal_lines l WHERE l.organisation_id = $1 AND l.account_number = $2
                                AND l.booked_on BETWEEN y.starts_on AND $3) AS cents
         FROM fiscal_years y WHERE y.organisation_id = $1 AND $3::date BETWEEN y.starts_on AND y.ends_on`,
      [organisationId, account, on],
    );
    return row ? Number(row.cents ?? 0) : null;
  }

  // ----- HTTP use cases (role checks, own transaction, audit) -----

  async listAccounts(
    actor: Actor,
    organisationId: string,
    query: PageQueryDto,
  ): Promise<Page<Account>> {
    assertOrganisationRole(actor, organisationId, LEDGER_READERS);
    return pageFrom(await this.ledger.accounts(this.ledger.db, organisationId), query);
  }

  async listFiscalYears(
    actor: Actor,
    organisationId: string,
    query: PageQueryDto,
  ): Promise<Page<FiscalYear>> {
    assertOrganisationRole(actor, organisationId, LEDGER_READERS);
    return pageFrom(await this.ledger.fiscalYears(this.ledger.db, organisationId), query);
  }

  async getEntry(actor: Actor, organisationId: string, id: string): Promise<PostedEntry> {
    assertOrganisationRole(actor, organisationId, LEDGER_READERS);
    return this.ledger.getEntry(this.ledger.db, organisationId, id);
  }

  async listEntries(
    actor: Actor,
    organisationId: string,
    query: PageQueryDto & { from?: string; to?: string; source?: string; sourceId?: string },
  ): Promise<Page<PostedEntry>> {
    assertOrganisationRole(actor, organisationId, LEDGER_READERS);
    const { skip, take } = pageWindow(query);
    const [items, total] = await this.ledger.listEntries(
      this.ledger.db,
      organisationId,
      query,
      skip,
      take,
    );
    return pageOf(items, total, query);
  }

  async getSettings(actor: Actor, organisationId: string): Promise<LedgerSettings> {
    assertOrganisationRole(actor, organisationId, LEDGER_READERS);
    return this.ledger.settings(this.ledger.db, organisationId);
  }

  async updateSettings(
    actor: Actor,
    organisationId: string,
    changes: Partial<LedgerSettings>,
  ): Promise<LedgerSettings> {
    assertOrganisationRole(actor, organisationId, ['admin', 'treasurer']);
    return this.transactions.run(async (m) => {
      const before = await this.ledger.settings(m, organisationId);
      // A setting left out of the request stays as it is (null clears it).
      const given = Object.fromEntries(
        Object.entries(changes).filter(([, value]) => value !== undefined),
      ) as Partial<LedgerSettings>;
      const after = { ...before, ...given };
      await this.ledger.saveSettings(m, organisationId, after);
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId,
        action: 'ledger-settings.updated',
        entityType: 'ledger-settings',
        entityId: organisationId,
        before: { ...before },
        after: { ...after },
      });
      return after;
    });
  }

  async postManual(
    actor: Actor,
    organisationId: string,
    input: Omit<PostingInput, 'source'>,
    idempotencyKey?: string,
  ): Promise<PostedEntry> {
    assertOrganisationRole(actor, organisationId, ['treasurer']);
    const request = ['ledger.post', organisationId, input];
    return this.transactions.run((m) =>
      once(m, { userId: actor.userId, key: idempotencyKey, request }, async () => {
        const entry = await this.post(m, organisationId, actor.userId, {
          ...input,
          source: 'manual',
        });
        await this.recordEntry(m, actor, entry, 'journal-entry.posted');
        return entry;
      }),
    );
  }

  async reverseManual(
    actor: Actor,
    organisationId: string,
    entryId: string,
    options: { bookedOn?: string; text?: string },
    idempotencyKey?: string,
  ): Promise<PostedEntry> {
    assertOrganisationRole(actor, organisationId, ['treasurer']);
    const request = ['ledger.reverse', organisationId, entryId, options];
    return this.transactions.run((m) =>
      once(m, { userId: actor.userId, key: idempotencyKey, request }, async () => {
        // Never a `by`: the ledger's route reverses only the ledger's own entries.
        const entry = await this.reverse(m, organisationId, actor.userId, entryId, {
          bookedOn: options.bookedOn,
          text: options.text,
        });
        await this.recordEntry(m, actor, entry, 'journal-entry.reversed');
        return entry;
      }),
    );
  }

  async installChart(
    actor: Actor,
    organisationId: string,
    template = 'skr42',
  ): Promise<{ installed: number }> {
    assertOrganisationRole(actor, organisationId, ['admin', 'treasurer']);
    const chart = loadChartTemplate(template);
    return this.transactions.run(async (m) => {
      const installed = await this.ledger.insertAccounts(
        m,
        organisationId,
        chart.accounts.map((a) => ({ ...a, spheres: a.spheres ?? [] })),
      );
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId,
        action: 'chart.installed',
        entityType: 'chart',
        entityId: template,
        data: { installed },
      });
      return { installed };
    });
  }

  /** For seeding and other libraries' set-up, in the caller's transaction. */
  async installChartIn(
    m: EntityManager,
    organisationId: string,
    template = 'skr42',
  ): Promise<number> {
    const chart = loadChartTemplate(template);
    return this.ledger.insertAccounts(
      m,
      organisationId,
      chart.accounts.map((a) => ({ ...a, spheres: a.spheres ?? [] })),
    );
  }

  async addAccount(
    actor: Actor,
    organisationId: string,
    input: { number: number; name: string; type: AccountType; spheres?: Sphere[] },
  ): Promise<Account> {
    assertOrganisationRole(actor, organisationId, ['admin', 'treasurer']);
    const vat = automaticVatFor(input.number);
    return this.transactions.run(async (m) => {
      const inserted = await this.ledger.insertAccounts(m, organisationId, [
        { ...input, spheres: input.spheres ?? [], vat },
      ]);
      if (!inserted) {
        throw new DomainError(
          'ACCOUNT_EXISTS',
          `Account ${input.number} exists`,
          { field: 'number' },
          409,
        );
      }
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId,
        action: 'account.created',
        entityType: 'account',
        entityId: String(input.number),
        after: { ...input },
      });
      return (await this.ledger.accounts(m, organisationId, [input.number]))[0];
    });
  }

  async updateAccount(
    actor: Actor,
    organisationId: string,
    number: number,
    changes: { name?: string; isActive?: boolean; spheres?: Sphere[] },
  ): Promise<Account> {
    assertOrganisationRole(actor, organisationId, ['admin', 'treasurer']);
    return this.transactions.run(async (m) => {
      const [before] = await this.ledger.accounts(m, organisationId, [number]);
      if (!before) throw notFound('Account', String(number));
      if (changes.isActive && before.supersededBy) {
        throw new DomainError(
          'ACCOUNT_SUPERSEDED',
          `Account ${number} has another meaning in SKR 42; book on ${before.supersededBy}`,
          { field: 'isActive', account: number, supersededBy: before.supersededBy },
          409,
        );
      }
      await this.ledger.updateAccount(m, organisationId, number, changes);
      const [after] = await this.ledger.accounts(m, organisationId, [number]);
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId,
        action: 'account.updated',
        entityType: 'account',
        entityId: String(number),
        before: { name: before.name, isActive: before.isActive, spheres: before.spheres },
        after: { name: after.name, isActive: after.isActive, spheres: after.spheres },
      });
      return after;
    });
  }

  /**
   * Moves what an account of an old chart holds in the fiscal year (up to the booking day)
   * onto its SKR 42 successor, by a new entry per sphere and cost centre: the books keep
   * every posted line, and DATEV sees the balance on the account that means it.
   */
  async reclassify(
    actor: Actor,
    organisationId: string,
    number: number,
    bookedOn: string,
    idempotencyKey?: string,
  ): Promise<PostedEntry> {
    assertOrganisationRole(actor, organisationId, ['treasurer']);
    if (!isCalendarDate(bookedOn))
      throw new DomainError('INVALID_DATE', 'bookedOn is not a date', { field: 'bookedOn' }, 400);
    const request = ['ledger.reclassify', organisationId, number, bookedOn];
    return this.transactions.run((m) =>
      once(m, { userId: actor.userId, key: idempotencyKey, request }, async () => {
        const [account] = await this.ledger.accounts(m, organisationId, [number]);
        if (!account) throw notFound('Account', String(number));
        const target = account.supersededBy;
        if (!target) {
          throw new DomainError(
            'ACCOUNT_NOT_SUPERSEDED',
            `Account ${number} has no SKR 42 successor to move its balance to`,
            { account: number },
            409,
          );
        }
        const [successor] = await this.ledger.accounts(m, organisationId, [target]);
        if (successor.vat) {
          throw new DomainError(
            'RECLASSIFY_INTO_AUTOMATIC_VAT',
            `Account ${target} books VAT automatically; move the balance by a manual entry with its tax`,
            { account: number, supersededBy: target },
            409,
          );
        }
        const [year] = await this.ledger.fiscalYears(m, organisationId, bookedOn, bookedOn);
        if (!year) {
          throw new DomainError('NO_FISCAL_YEAR', `No fiscal year contains ${bookedOn}`, {
            field: 'bookedOn',
            bookedOn,
          });
        }
        const groups = await this.ledger.balancesBySphereAndCostCentre(
          m,
          organisationId,
          number,
          year.startsOn,
          bookedOn,
        );
        if (!groups.length) {
          throw new DomainError(
            'RECLASSIFY_NOTHING',
            `Account ${number} holds nothing in this fiscal year up to ${bookedOn}`,
            { account: number, field: 'bookedOn' },
            409,
          );
        }
        const lines: PostingLine[] = groups.flatMap((g) => {
          const holds: 'debit' | 'credit' = g.balanceCents > 0 ? 'debit' : 'credit';
          const amountCents = Math.abs(g.balanceCents);
          const line = { amountCents, sphere: g.sphere, costCentre: g.costCentre };
          return [
            { ...line, account: target, side: holds },
            { ...line, account: number, side: holds === 'debit' ? 'credit' : 'debit' },
          ];
        });
        const [entry] = await this.postMany(
          m,
          organisationId,
          actor.userId,
          [
            {
              bookedOn,
              documentOn: bookedOn,
              documentNo: `UB-${number}-${bookedOn.slice(0, 4)}`,
              text: `Umbuchung ${number} auf ${target} (SKR 42)`,
              source: 'reclassification',
              sourceId: null,
              lines,
            },
          ],
          { allowInactive: true },
        );
        await this.recordEntry(m, actor, entry, 'account.reclassified');
        return entry;
      }),
    );
  }

  /** A fiscal year with monthly periods; the calendar year unless another end is given. */
  async createFiscalYear(
    actor: Actor,
    organisationId: string,
    startsOn: string,
    endsOn?: string,
  ): Promise<FiscalYear> {
    assertOrganisationRole(actor, organisationId, ['treasurer']);
    return this.transactions.run(async (m) => {
      const year = await this.createFiscalYearIn(m, organisationId, startsOn, endsOn);
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId,
        action: 'fiscal-year.created',
        entityType: 'fiscal-year',
        entityId: year.id,
        after: { startsOn: year.startsOn, endsOn: year.endsOn },
      });
      return year;
    });
  }

  async createFiscalYearIn(
    m: EntityManager,
    organisationId: string,
    startsOn: string,
    endsOn?: string,
  ): Promise<FiscalYear> {
    if (!isCalendarDate(startsOn))
      throw new DomainError('INVALID_DATE', 'startsOn is not a date', { field: 'startsOn' }, 400);
    const end = endsOn ?? addDays(addMonths(startsOn, 12), -1);
    if (!isCalendarDate(end) || end <= startsOn || end > addDays(addMonths(startsOn, 18), -1)) {
      throw new DomainError(
        'FISCAL_YEAR_INVALID',
        'endsOn must follow startsOn by at most 18 months',
        { field: 'endsOn' },
        400,
      );
    }
    const overlapping = await this.ledger.fiscalYears(m, organisationId, startsOn, end);
    if (overlapping.length) {
      throw new DomainError(
        'FISCAL_YEAR_OVERLAPS',
        'The dates overlap an existing fiscal year',
        {
          field: 'startsOn',
          fiscalYearId: overlapping[0].id,
        },
        409,
      );
    }
    const id = await this.ledger.insertFiscalYear(
      m,
      organisationId,
      startsOn,
      end,
      monthlyPeriods(startsOn, end),
    );
    return (await this.ledger.fiscalYears(m, organisationId, startsOn, end)).find(
      (y) => y.id === id,
    )!;
  }

  async closePeriod(
    actor: Actor,
    organisationId: string,
    fiscalYearId: string,
    periodNo: number,
  ): Promise<FiscalYear> {
    assertOrganisationRole(actor, organisationId, ['treasurer']);
    return this.transactions.run(async (m) => {
      const year = await this.yearOf(m, organisationId, fiscalYearId);
      if (!year.periods.some((p) => p.periodNo === periodNo))
        notFoundPeriod(fiscalYearId, periodNo);
      // Periods close in order (GoBD: a month is written down only after every month before it).
      const earlier = year.periods.filter((p) => p.periodNo < periodNo && !p.closedAt);
      if (earlier.length)
        throw new DomainError(
          'PERIOD_EARLIER_OPEN',
          `Period ${periodNo} can be closed only after every earlier period of the year; still open: ${earlier.map((p) => p.startsOn.slice(0, 7)).join(', ')}`,
          { fiscalYearId, periodNo, openPeriods: earlier.map((p) => p.periodNo) },
          409,
        );
      await this.ledger.closePeriods(m, fiscalYearId, [periodNo], actor.userId);
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId,
        action: 'fiscal-period.closed',
        entityType: 'fiscal-year',
        entityId: fiscalYearId,
        data: { periodNo },
      });
      return this.yearOf(m, organisationId, fiscalYearId);
    });
  }

  /**
   * Festschreibung of a year: every period closed, and the balance-sheet accounts carried
   * into the next fiscal year (created if missing) as an opening entry; the year's result
   * goes to 29700 Ergebnisvortrag.
   */
  async closeYear(
    actor: Actor,
    organisationId: string,
    fiscalYearId: string,
  ): Promise<{ year: FiscalYear; openingEntry: PostedEntry | null }> {
    assertOrganisationRole(actor, organisationId, ['treasurer']);
    return this.transactions.run(async (m) => {
      const year = await this.yearOf(m, organisationId, fiscalYearId);
      if (year.closedAt)
        throw new DomainError(
          'FISCAL_YEAR_CLOSED',
          'The fiscal year is already closed',
          { fiscalYearId },
          409,
        );
      // Lock the counter first: no posting may slip in between the sums and the close.
      await this.ledger.lockCounter(m, fiscalYearId);
      // From the lines, not the monthly sums: a fiscal year need not start on the 1st.
      const balances = await m.query<{ account_number: number; balance: number }[]>(
        `SELECT l.account_number,
                sum(CASE WHEN l.side = 'D' THEN l.amount_cents ELSE -l.amount_cents END)::bigint AS balance
           FROM journal_lines l JOIN accounts a ON a.organisation_id = l.organisation_id AND a.number = l.account_number
          WHERE l.organisation_id = $1 AND l.booked_on BETWEEN $2::date AND $3::date
            AND a.type IN ('asset', 'liability', 'equity')
          GROUP BY l.account_number HAVING sum(CASE WHEN l.side = 'D' THEN l.amount_cents ELSE -l.amount_cents END) <> 0
          ORDER BY l.account_number`,
        [organisationId, year.startsOn, year.endsOn],
      );
      await this.ledger.closePeriods(m, fiscalYearId, 'all', actor.userId);
      await this.ledger.closeYear(m, fiscalYearId, actor.userId);

      const nextStart = addDays(year.endsOn, 1);
      const next =
        (await this.ledger.fiscalYears(m, organisationId, nextStart, nextStart))[0] ??
        (await this.createFiscalYearIn(m, organisationId, nextStart));
      // An account SKR 42 gives another meaning carries its balance onto its successor:
      // the year end is where an old chart's balance-sheet accounts are reclassified.
      const carried = await this.ledger.accounts(
        m,
        organisationId,
        balances.map((b) => b.account_number),
      );
      const successor = new Map(carried.map((a) => [a.number, a.supersededBy ?? a.number]));
      const lines: PostingLine[] = balances.map((b) => ({
        account: successor.get(b.account_number) ?? b.account_number,
        side: b.balance > 0 ? 'debit' : 'credit',
        amountCents: Math.abs(b.balance),
        sphere: 1,
      }));
      // The balance-sheet balances differ by the year's result; it balances the entry.
      const result = -balances.reduce((sum, b) => sum + b.balance, 0);
      if (result !== 0) {
        lines.push({
          account: 29700,
          side: result > 0 ? 'debit' : 'credit',
          amountCents: Math.abs(result),
          sphere: 1,
        });
      }
      const openingEntry =
        lines.length >= 2
          ? (
              await this.postMany(
                m,
                organisationId,
                actor.userId,
                [
                  {
                    bookedOn: next.startsOn,
                    documentOn: year.endsOn,
                    documentNo: `EB-${next.startsOn.slice(0, 4)}`,
                    text: `Eröffnungsbilanz aus Jahresabschluss ${year.startsOn.slice(0, 4)}`,
                    source: 'opening-balance',
                    sourceId: fiscalYearId,
                    lines,
                  },
                ],
                // An inactive account without successor still carries what it holds.
                { allowInactive: true },
              )
            )[0]
          : null;
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId,
        action: 'fiscal-year.closed',
        entityType: 'fiscal-year',
        entityId: fiscalYearId,
        data: { openingEntryId: openingEntry?.id ?? null, nextFiscalYearId: next.id },
      });
      return { year: await this.yearOf(m, organisationId, fiscalYearId), openingEntry };
    });
  }

  /** Opening balances of a fiscal year (e.g. when the books move to Dachwerk), as one entry. */
  async postOpeningBalances(
    actor: Actor,
    organisationId: string,
    fiscalYearId: string,
    lines: { account: number; side: 'debit' | 'credit'; amountCents: number }[],
  ): Promise<PostedEntry> {
    assertOrganisationRole(actor, organisationId, ['treasurer']);
    return this.transactions.run(async (m) => {
      const year = await this.yearOf(m, organisationId, fiscalYearId);
      const accounts = await this.ledger.accounts(
        m,
        organisationId,
        lines.map((l) => l.account),
      );
      for (const [i, line] of lines.entries()) {
        const account = accounts.find((a) => a.number === line.account);
        if (account && !['asset', 'liability', 'equity'].includes(account.type)) {
          throw new DomainError(
            'OPENING_BALANCE_ACCOUNT',
            'Opening balances go to balance-sheet accounts only',
            {
              field: `lines.${i}.account`,
              account: line.account,
            },
          );
        }
      }
      const entry = await this.post(m, organisationId, actor.userId, {
        bookedOn: year.startsOn,
        documentOn: year.startsOn,
        documentNo: `EB-${year.startsOn.slice(0, 4)}`,
        text: `Eröffnungsbilanzwerte ${year.startsOn.slice(0, 4)}`,
        source: 'opening-balance',
        sourceId: fiscalYearId,
        lines: lines.map((l) => ({ ...l, sphere: 1 })),
      });
      await this.recordEntry(m, actor, entry, 'opening-balances.posted');
      return entry;
    });
  }

  /** Opening balances from a CSV file (Konto;Soll;Haben), all or nothing. */
  async importOpeningBalancesCsv(
    actor: Actor,
    organisationId: string,
    fiscalYearId: string,
    file: Buffer | undefined,
  ): Promise<PostedEntry> {
    assertOrganisationRole(actor, organisationId, ['treasurer']);
    if (!file?.length) {
      throw new DomainError(
        'FILE_REQUIRED',
        'Upload the CSV as multipart field "file"',
        { field: 'file' },
        400,
      );
    }
    const { lines, errors } = parseOpeningBalancesCsv(file);
    if (errors.length) {
      throw new DomainError(
        'CSV_INVALID',
        'The file has errors; nothing was imported',
        { errors },
        400,
      );
    }
    return this.postOpeningBalances(actor, organisationId, fiscalYearId, lines);
  }

  private async yearOf(
    m: EntityManager,
    organisationId: string,
    fiscalYearId: string,
  ): Promise<FiscalYear> {
    const year = (await this.ledger.fiscalYears(m, organisationId)).find(
      (y) => y.id === fiscalYearId,
    );
    if (!year) throw notFound('Fiscal year', fiscalYearId);
    return year;
  }

  private async recordEntry(
    m: EntityManager,
    actor: Actor,
    entry: PostedEntry,
    action: string,
  ): Promise<void> {
    await this.audit.record(m, {
      actorUserId: actor.userId,
      organisationId: entry.organisationId,
      action,
      entityType: 'journal-entry',
      entityId: entry.id,
      data: {
        entryNumber: entry.entryNumber,
        totalCents: entry.totalCents,
        reversesEntryId: entry.reversesEntryId,
      },
    });
  }

  private async accountsFor(
    m: EntityManager,
    organisationId: string,
    inputs: PostingInput[],
  ): Promise<Map<number, Account>> {
    const numbers = [...new Set(inputs.flatMap((i) => i.lines.map((l) => l.account)))];
    const accounts = await this.ledger.accounts(m, organisationId, numbers);
    return new Map(accounts.map((a) => [a.number, a]));
  }

  /** Account checks and spheres; a line without sphere takes the one its entry's other lines agree on. */
  private resolveLines(
    input: PostingInput,
    index: number,
    accounts: Map<number, Account>,
    allowInactive: boolean,
  ): PostedLine[] {
    const explicit = input.lines.map((line, i) => {
      const field = `lines.${i}`;
      const account = accounts.get(line.account);
      if (!account) {
        // Not in this organisation's chart: like any id outside the organisation, 404.
        throw new DomainError(
          'ACCOUNT_UNKNOWN',
          `Account ${line.account} is not in the chart`,
          { entryIndex: index, field: `${field}.account`, account: line.account },
          404,
        );
      }
      if (!account.isActive && !allowInactive) {
        throw new DomainError(
          'ACCOUNT_INACTIVE',
          account.supersededBy
            ? `Account ${line.account} is inactive; SKR 42 books this on ${account.supersededBy}`
            : `Account ${line.account} is inactive`,
          {
            entryIndex: index,
            field: `${field}.account`,
            account: line.account,
            supersededBy: account.supersededBy,
          },
        );
      }
      if (line.sphere === undefined && account.spheres.length !== 1) return undefined;
      return resolveSphere(account, line.sphere, `${field}.sphere`);
    });
    const known = [...new Set(explicit.filter((s): s is Sphere => s !== undefined))];
    return input.lines.map((line, i) => ({
      lineNo: i + 1,
      account: line.account,
      side: line.side,
      amountCents: line.amountCents,
      sphere:
        explicit[i] ??
        (known.length === 1
          ? known[0]
          : resolveSphere(accounts.get(line.account)!, undefined, `lines.${i}.sphere`)),
      costCentre: line.costCentre?.trim() || null,
    }));
  }

  private openYearFor(years: FiscalYear[], bookedOn: string, index: number): FiscalYear {
    const year = years.find((y) => y.startsOn <= bookedOn && bookedOn <= y.endsOn);
    if (!year) {
      throw new DomainError('NO_FISCAL_YEAR', `No fiscal year contains ${bookedOn}`, {
        entryIndex: index,
        field: 'bookedOn',
        bookedOn,
      });
    }
    const period = year.periods.find((p) => p.startsOn <= bookedOn && bookedOn <= p.endsOn);
    if (!period || period.closedAt || year.closedAt) {
      throw new DomainError(
        'PERIOD_CLOSED',
        `The period containing ${bookedOn} is closed (festgeschrieben)`,
        {
          entryIndex: index,
          field: 'bookedOn',
          bookedOn,
          fiscalYearId: year.id,
        },
      );
    }
    return year;
  }
}

/**
 * DATEV books VAT itself on its automatic accounts; Dachwerk adds one only as the template
 * defines it (rate and tax account), so that every line on it carries its tax.
 */
function automaticVatFor(number: number): AutomaticVat | null {
  const template = loadChartTemplate('skr42').accounts.find((a) => a.number === number);
  if (template?.vat) return template.vat;
  if (isDatevAutomaticVatAccount(number)) {
    throw new DomainError(
      'ACCOUNT_AUTOMATIC_VAT_UNSUPPORTED',
      `DATEV books VAT automatically on ${number}; use one of the template's automatic accounts`,
      { field: 'number', account: number },
      400,
    );
  }
  return null;
}

function notFoundPeriod(fiscalYearId: string, periodNo: number): never {
  throw new DomainError('NOT_FOUND', 'Period not found', { fiscalYearId, periodNo });
}

/** Sums the posted lines per month, account, sphere and cost centre, sorted for lock order. */
export function balanceDeltas(entries: PostedEntry[]): BalanceDelta[] {
  const deltas = new Map<string, BalanceDelta>();
  for (const entry of entries) {
    const month = firstOfMonth(entry.bookedOn);
    for (const line of entry.lines) {
      const costCentre = line.costCentre ?? '';
      const key = `${month}|${String(line.account).padStart(8, '0')}|${line.sphere}|${costCentre}`;
      const delta = deltas.get(key) ?? {
        month,
        account: line.account,
        sphere: line.sphere,
        costCentre,
        debitCents: 0,
        creditCents: 0,
      };
      if (line.side === 'debit') delta.debitCents += line.amountCents;
      else delta.creditCents += line.amountCents;
      deltas.set(key, delta);
    }
  }
  return [...deltas.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, d]) => d);
}
