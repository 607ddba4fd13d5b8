import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface CostCentreLine {
  entryId: string;
  entryNumber: number;
  bookedOn: string;
  documentNo: string;
  text: string;
  source: string;
  sourceId: string | null;
  account: number;
  accountType: 'income' | 'expense';
  /** Positive: money in (income, or an expense credited back); negative: money out. */
  amountCents: number;
}

export interface CostCentreYear {
  year: number;
  inflowCents: number;
  outflowCents: number;
}

const SIGNED = `CASE l.side WHEN 'C' THEN l.amount_cents ELSE -l.amount_cents END`;

/**
 * The ledger seen through one cost centre (KOST2): its result over income and expense
 * accounts, year by year and line by line. Funding reads an initiative's restricted
 * fund from here, so the fund is always exactly what the books say.
 */
@Injectable()
export class CostCentreLedger {
  /** Income minus expenses on the cost centre, everything booked so far. */
  async result(m: EntityManager, organisationId: string, costCentre: string): Promise<number> {
    const [row] = await m.query<{ cents: string | null }[]>(
      `SELECT sum(b.credit_cents - b.debit_cents) AS cents
         FROM account_month_balances b JOIN accounts a ON a.organisation_id = b.organisation_id AND a.number = b.account_number
        WHERE b.organisation_id = $1 AND b.cost_centre = $2 AND a.type IN ('income', 'expense')`,
      [organisationId, costCentre],
    );
    return Number(row.cents ?? 0);
  }

  /** Per calendar year: what came in (income) and went out (expenses) on the cost centre. */
  years(m: EntityManager, organisationId: string, costCentre: string): Promise<CostCentreYear[]> {
    return m.query(
      `SELECT extract(year FROM b.month)::int AS year,
              COALESCE(sum(b.credit_cents - b.debit_cents) FILTER (WHERE a.type = 'income'), 0)::float8 AS "inflowCents",
              COALESCE(sum(b.debit_cents - b.credit_cents) FILTER (WHERE a.type = 'expense'), 0)::float8 AS "outflowCents"
         FROM account_month_balances b JOIN accounts a ON a.organisation_id = b.organisation_id AND a.number = b.account_number
        WHERE b.organisation_id = $1 AND b.cost_centre = $2 AND a.type IN ('income', 'expense')
        GROUP BY 1 ORDER BY 1`,
      [organisationId, costCentre],
    );
  }

  /** The lines of a period, in booking order, a page at a time; and how many there are. */
  async lines(
    m: EntityManager,
    organisationId: string,
    costCentre: string,
    from: string,
    to: string,
    skip: number,
    take: number,
  ): Promise<[CostCentreLine[], number]> {
    // Income and expense accounts only: cost centres on bank or liability lines are not the fund.
    // The account numbers go in as a list, so the plan never depends on join estimates.
    const accounts = (
      await m.query<{ number: number }[]>(
        `SELECT number FROM accounts WHERE organisation_id = $1 AND type IN ('income', 'expense')`,
        [organisationId],
      )
    ).map((a) => a.number);
    const where = `l.organisation_id = $1 AND l.cost_centre = $2 AND l.booked_on BETWEEN $3 AND $4 AND l.account_number = ANY($7::int[])`;
    const rows = await m.query<CostCentreLine[]>(
      `SELECT e.id AS "entryId", e.entry_number AS "entryNumber", to_char(l.booked_on, 'YYYY-MM-DD') AS "bookedOn",
              e.document_no AS "documentNo", e.text, e.source, e.source_id AS "sourceId", l.account_number AS account,
              a.type AS "accountType", (${SIGNED})::float8 AS "amountCents"
         FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id
         JOIN accounts a ON a.organisation_id = l.organisation_id AND a.number = l.account_number
        WHERE ${where} ORDER BY l.booked_on, l.entry_id, l.line_no OFFSET $5 LIMIT $6`,
      [organisationId, costCentre, from, to, skip, take, accounts],
    );
    const [{ n }] = await m.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM journal_lines l WHERE ${where.replace('$7', '$5')}`,
      [organisationId, costCentre, from, to, accounts],
    );
    return [rows, n];
  }
}
