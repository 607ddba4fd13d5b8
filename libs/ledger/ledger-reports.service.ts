import { readFileSync } from 'node:fs';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertOrganisationRole, notFound, projectPath, type Actor } from '@dachwerk/shared';
import { splitRange } from './date-range';
import { entryHash } from './entry-hash';
import { checkDateRange } from './posting-rules';
import { LedgerRepository } from './ledger.repository';
import type { AccountType, PostedLine, Sphere } from './ledger.types';

export const LEDGER_READERS = ['treasurer', 'board', 'staff', 'admin'] as const;

export interface TrialBalanceRow {
  number: number;
  name: string;
  type: AccountType;
  debitCents: number;
  creditCents: number;
  balanceCents: number;
}

export interface TrialBalance {
  from: string;
  to: string;
  accounts: TrialBalanceRow[];
  totals: { debitCents: number; creditCents: number };
}

export interface AccountLedgerLine {
  entryId: string;
  entryNumber: number;
  bookedOn: string;
  documentNo: string;
  text: string;
  side: 'debit' | 'credit';
  amountCents: number;
  sphere: Sphere;
  costCentre: string | null;
  balanceCents: number;
}

export interface IncomeStatementGroup {
  key: string;
  incomeCents: number;
  expenseCents: number;
  resultCents: number;
  accounts: { number: number; name: string; type: 'income' | 'expense'; amountCents: number }[];
}

export interface VerifyResult {
  ok: boolean;
  entriesChecked: number;
  firstBroken: {
    entryId: string;
    fiscalYearId: string;
    entryNumber: number;
    reason: string;
  } | null;
}

interface Thresholds {
  years: Record<string, { economicBusinessTaxFreeGrossCents: number }>;
}

/** Reads the books: sums from monthly balances plus partial-month edges from the lines. */
@Injectable()
export class LedgerReportsService {
  private thresholds?: Thresholds;

  constructor(
    private readonly db: DataSource,
    private readonly ledger: LedgerRepository,
  ) {}

  async trialBalance(
    actor: Actor,
    organisationId: string,
    from: string,
    to: string,
  ): Promise<TrialBalance> {
    assertOrganisationRole(actor, organisationId, LEDGER_READERS);
    checkDateRange(from, to);
    const { sql, params } = sumsSql(organisationId, from, to, ['account_number']);
    const rows = await this.db.query<
      { number: number; name: string; type: AccountType; d: number; c: number }[]
    >(
      `WITH sums AS (${sql})
       SELECT a.number, a.name, a.type, sum(s.d)::bigint AS d, sum(s.c)::bigint AS c
         FROM sums s JOIN accounts a ON a.organisation_id = $1 AND a.number = s.account_number
        GROUP BY a.number, a.name, a.type HAVING sum(s.d) <> 0 OR sum(s.c) <> 0 ORDER BY a.number`,
      params,
    );
    const accounts = rows.map((r) => ({
      number: r.number,
      name: r.name,
      type: r.type,
      debitCents: r.d,
      creditCents: r.c,
      balanceCents: r.d - r.c,
    }));
    return {
      from,
      to,
      accounts,
      totals: {
        debitCents: accounts.reduce((s, a) => s + a.debitCents, 0),
        creditCents: accounts.reduce((s, a) => s + a.creditCents, 0),
      },
    };
  }

  /** Kontoblatt: opening balance since the start of the fiscal year, then every line with a running balance. */
  async accountLedger(
    actor: Actor,
    organisationId: string,
    account: number,
    from: string,
    to: string,
  ): Promise<{
    account: { number: number; name: string };
    openingBalanceCents: number;
    lines: AccountLedgerLine[];
    closingBalanceCents: number;
  }> {
    assertOrganisationRole(actor, organisationId, LEDGER_READERS);
    checkDateRange(from, to);
    const [acc] = await this.ledger.accounts(this.db, organisationId, [account]);
    if (!acc) throw notFound('Account', String(account));
    const [year] = await this.ledger.fiscalYears(this.db, organisationId, from, from);
    const yearStart = year?.startsOn ?? from;
    const [{ opening }] = await this.db.query<{ opening: number }[]>(
      `SELECT COALESCE(sum(CASE WHEN side = 'D' THEN amount_cents ELSE -amount_cents END), 0)::bigint AS opening
         FROM journal_lines WHERE organisation_id = $1 AND account_number = $2 AND booked_on >= $3 AND booked_on < $4`,
      [organisationId, account, yearStart, from],
    );
    const lines = await this.db.query<
      (Omit<AccountLedgerLine, 'side' | 'balanceCents'> & { side: 'D' | 'C'; running: number })[]
    >(
      `SELECT e.id AS "entryId", e.entry_number AS "entryNumber", to_char(l.booked_on, 'YYYY-MM-DD') AS "bookedOn",
              e.document_no AS "documentNo", e.text, l.side, l.amount_cents AS "amountCents", l.sphere,
              l.cost_centre AS "costCentre",
              sum(CASE WHEN l.side = 'D' THEN l.amount_cents ELSE -l.amount_cents END)
                OVER (ORDER BY l.booked_on, e.entry_number, l.line_no)::bigint AS running
         FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id
        WHERE l.organisation_id = $1 AND l.account_number = $2 AND l.booked_on BETWEEN $3 AND $4
        ORDER BY l.booked_on, e.entry_number, l.line_no`,
      [organisationId, account, from, to],
    );
    const result = lines.map(({ running, side, ...l }) => ({
      ...l,
      side: side === 'D' ? ('debit' as const) : ('credit' as const),
      balanceCents: opening + running,
    }));
    return {
      account: { number: acc.number, name: acc.name },
      openingBalanceCents: opening,
      lines: result,
      closingBalanceCents: result.length ? result[result.length - 1].balanceCents : opening,
    };
  }

  /** EÜR per sphere (KOST1) or per cost centre (KOST2): income and expense accounts only. */
  async incomeStatement(
    actor: Actor,
    organisationId: string,
    from: string,
    to: string,
    by: 'sphere' | 'costCentre',
  ): Promise<{
    from: string;
    to: string;
    by: string;
    groups: IncomeStatementGroup[];
    warnings: string[];
  }> {
    assertOrganisationRole(actor, organisationId, LEDGER_READERS);
    checkDateRange(from, to);
    const column = by === 'sphere' ? 'sphere' : 'cost_centre';
    const { sql, params } = sumsSql(organisationId, from, to, ['account_number', column]);
    const rows = await this.db.query<
      { key: string; number: number; name: string; type: 'income' | 'expense'; amount: number }[]
    >(
      `WITH sums AS (${sql})
       SELECT s.${column}::text AS key, a.number, a.name, a.type,
              (CASE WHEN a.type = 'income' THEN sum(s.c - s.d) ELSE sum(s.d - s.c) END)::bigint AS amount
         FROM sums s JOIN accounts a ON a.organisation_id = $1 AND a.number = s.account_number
        WHERE a.type IN ('income', 'expense')
        GROUP BY s.${column}, a.number, a.name, a.type ORDER BY 1, a.number`,
      params,
    );
    const groups = new Map<string, IncomeStatementGroup>();
    for (const row of rows) {
      const group = groups.get(row.key) ?? {
        key: row.key,
        incomeCents: 0,
        expenseCents: 0,
        resultCents: 0,
        accounts: [],
      };
      group.accounts.push({
        number: row.number,
        name: row.name,
        type: row.type,
        amountCents: row.amount,
      });
      if (row.type === 'income') group.incomeCents += row.amount;
      else group.expenseCents += row.amount;
      group.resultCents = group.incomeCents - group.expenseCents;
      groups.set(row.key, group);
    }
    return { from, to, by, groups: [...groups.values()], warnings: this.warnings(by, groups, to) };
  }

  /** Recomputes every hash chain and the numbering; names the first entry that does not fit. */
  async verify(actor: Actor, organisationId: string): Promise<VerifyResult> {
    assertOrganisationRole(actor, organisationId, LEDGER_READERS);
    let checked = 0;
    for (const year of await this.ledger.fiscalYears(this.db, organisationId)) {
      let previous: Buffer | null = null;
      let expected = 1;
      for (let after = 0; ;) {
        const entries = await this.db.query<
          {
            id: string;
            entryNumber: number;
            bookedOn: string;
            documentOn: string;
            documentNo: string;
            text: string;
            description: string | null;
            source: string;
            sourceId: string | null;
            reversesEntryId: string | null;
            totalCents: number;
            previousHash: Buffer | null;
            hash: Buffer;
          }[]
        >(
          `SELECT id, entry_number AS "entryNumber", to_char(booked_on, 'YYYY-MM-DD') AS "bookedOn",
                  to_char(document_on, 'YYYY-MM-DD') AS "documentOn", document_no AS "documentNo", text, description,
                  source, source_id AS "sourceId", reverses_entry_id AS "reversesEntryId", total_cents AS "totalCents",
                  previous_hash AS "previousHash", hash
             FROM journal_entries WHERE fiscal_year_id = $1 AND entry_number > $2 ORDER BY entry_number LIMIT 2000`,
          [year.id, after],
        );
        if (!entries.length) break;
        const lines = await this.ledger.linesOf(
          this.db,
          entries.map((e) => e.id),
        );
        for (const entry of entries) {
          const broken = (reason: string): VerifyResult => ({
            ok: false,
            entriesChecked: checked,
            firstBroken: {
              entryId: entry.id,
              fiscalYearId: year.id,
              entryNumber: entry.entryNumber,
              reason,
            },
          });
          if (entry.entryNumber !== expected) return broken(`number ${expected} is missing`);
          const own: PostedLine[] = lines.get(entry.id) ?? [];
          const recomputed = entryHash(
            { ...entry, organisationId, fiscalYearId: year.id, lines: own },
            previous,
          );
          if (!equal(entry.previousHash, previous))
            return broken('does not point to the previous entry');
          if (!recomputed.equals(entry.hash)) return broken('content does not match its hash');
          previous = entry.hash;
          expected++;
          checked++;
        }
        after = entries[entries.length - 1].entryNumber;
      }
    }
    return { ok: true, entriesChecked: checked, firstBroken: null };
  }

  private warnings(by: string, groups: Map<string, IncomeStatementGroup>, to: string): string[] {
    if (by !== 'sphere') return [];
    this.thresholds ??= JSON.parse(
      readFileSync(projectPath('config', 'thresholds.json'), 'utf8'),
    ) as Thresholds;
    const limit = this.thresholds.years[to.slice(0, 4)]?.economicBusinessTaxFreeGrossCents;
    const gross = groups.get('4')?.incomeCents ?? 0;
    if (!limit || gross < limit * 0.8) return [];
    const euros = (cents: number) =>
      (cents / 100).toLocaleString('de-DE', { style: 'currency', currency: 'EUR' });
    return [
      gross >= limit
        ? `Die Bruttoeinnahmen des wirtschaftlichen Geschäftsbetriebs (${euros(gross)}) übersteigen die Besteuerungsgrenze von ${euros(limit)}.`
        : `Die Bruttoeinnahmen des wirtschaftlichen Geschäftsbetriebs (${euros(gross)}) erreichen 80 % der Besteuerungsgrenze von ${euros(limit)}.`,
    ];
  }
}

function equal(a: Buffer | null, b: Buffer | null): boolean {
  return a === null || b === null ? a === b : a.equals(b);
}

/**
 * SQL yielding (group columns…, d, c) for [from, to]: whole months from the balances
 * table, partial months from the lines. $1 is the organisation.
 */
export function sumsSql(
  organisationId: string,
  from: string,
  to: string,
  columns: ('account_number' | 'sphere' | 'cost_centre')[],
) {
  const { months, edges } = splitRange(from, to);
  const params: unknown[] = [organisationId];
  const parts: string[] = [];
  const cols = columns.join(', ');
  if (months) {
    params.push(months.from, months.to);
    parts.push(
      `SELECT ${cols}, sum(debit_cents) AS d, sum(credit_cents) AS c FROM account_month_balances
        WHERE organisation_id = $1 AND month BETWEEN $${params.length - 1}::date AND $${params.length}::date GROUP BY ${cols}`,
    );
  }
  const lineCols = columns
    .map((c) => (c === 'cost_centre' ? `COALESCE(cost_centre, '') AS cost_centre` : c))
    .join(', ');
  for (const edge of edges) {
    params.push(edge.from, edge.to);
    parts.push(
      `SELECT ${lineCols}, COALESCE(sum(amount_cents) FILTER (WHERE side = 'D'), 0) AS d,
              COALESCE(sum(amount_cents) FILTER (WHERE side = 'C'), 0) AS c
         FROM journal_lines WHERE organisation_id = $1 AND booked_on BETWEEN $${params.length - 1}::date AND $${params.length}::date
        GROUP BY ${columns.map((_, i) => i + 1).join(', ')}`,
    );
  }
  return { sql: parts.map((p) => `(${p})`).join(' UNION ALL '), params };
}
