import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { resolveIn } from '@dachwerk/shared';
import type {
  Account,
  AccountType,
  AutomaticVat,
  PostedEntry,
  PostedLine,
  Sphere,
} from './ledger.types';

export interface FiscalPeriod {
  periodNo: number;
  startsOn: string;
  endsOn: string;
  closedAt: Date | null;
}

export interface FiscalYear {
  id: string;
  organisationId: string;
  startsOn: string;
  endsOn: string;
  closedAt: Date | null;
  periods: FiscalPeriod[];
}

export interface EntryRow {
  id: string;
  organisationId: string;
  fiscalYearId: string;
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
  postedBy: string | null;
  previousHash: Buffer | null;
  hash: Buffer;
}

export interface BalanceDelta {
  month: string;
  account: number;
  sphere: Sphere;
  costCentre: string;
  debitCents: number;
  creditCents: number;
}

type Db = EntityManager | DataSource;

export interface LedgerSettings {
  datevConsultantNumber: number | null;
  datevClientNumber: number | null;
  accountLength: number;
}

interface AccountRow {
  number: number;
  name: string;
  type: AccountType;
  spheres: Sphere[];
  is_active: boolean;
  vat_rate_basis_points: number | null;
  vat_account: number | null;
  superseded_by: number | null;
}

const toAccount = (r: AccountRow): Account => ({
  number: r.number,
  name: r.name,
  type: r.type,
  spheres: r.spheres,
  isActive: r.is_active,
  vat:
    r.vat_rate_basis_points === null
      ? null
      : { rateBasisPoints: r.vat_rate_basis_points, taxAccount: r.vat_account! },
  supersededBy: r.superseded_by,
});

const ENTRY_COLUMNS = `e.id, e.organisation_id AS "organisationId", e.fiscal_year_id AS "fiscalYearId",
  e.entry_number AS "entryNumber", to_char(e.booked_on, 'YYYY-MM-DD') AS "bookedOn",
  to_char(e.document_on, 'YYYY-MM-DD') AS "documentOn", e.document_no AS "documentNo", e.text,
  e.description, e.source, e.source_id AS "sourceId", e.reverses_entry_id AS "reversesEntryId",
  e.total_cents AS "totalCents", e.posted_by AS "postedBy", e.posted_at AS "postedAt",
  e.previous_hash AS "previousHash", e.hash`;

/** All SQL of the ledger's write side and of entry lookups. */
@Injectable()
export class LedgerRepository {
  constructor(readonly db: DataSource) {}

  async settings(db: Db, organisationId: string): Promise<LedgerSettings> {
    const [row] = await db.query<LedgerSettings[]>(
      `SELECT datev_consultant_number AS "datevConsultantNumber", datev_client_number AS "datevClientNumber",
              account_length AS "accountLength" FROM ledger_settings WHERE organisation_id = $1`,
      [organisationId],
    );
    return row ?? { datevConsultantNumber: null, datevClientNumber: null, accountLength: 5 };
  }

  async saveSettings(db: Db, organisationId: string, s: LedgerSettings): Promise<void> {
    await db.query(
      `INSERT INTO ledger_settings (organisation_id, datev_consultant_number, datev_client_number, account_length)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (organisation_id) DO UPDATE SET datev_consultant_number = $2, datev_client_number = $3,
         account_length = $4, updated_at = now()`,
      [organisationId, s.datevConsultantNumber, s.datevClientNumber, s.accountLength],
    );
  }

  async accounts(db: Db, organisationId: string, numbers?: number[]): Promise<Account[]> {
    const rows = await db.query<AccountRow[]>(
      `SELECT number, name, type, spheres, is_active, vat_rate_basis_points, vat_account, superseded_by FROM accounts
        WHERE organisation_id = $1 AND ($2::int[] IS NULL OR number = ANY($2::int[])) ORDER BY number`,
      [organisationId, numbers ?? null],
    );
    return rows.map(toAccount);
  }

  async insertAccounts(
    db: Db,
    organisationId: string,
    accounts: {
      number: number;
      name: string;
      type: AccountType;
      spheres: Sphere[];
      vat?: AutomaticVat | null;
    }[],
  ): Promise<number> {
    if (!accounts.length) return 0;
    // One statement: an automatic account may name a tax account inserted with it.
    const inserted = await db.query<unknown[]>(
      `INSERT INTO accounts (organisation_id, number, name, type, spheres, vat_rate_basis_points, vat_account)
       SELECT $1, n, nm, t, COALESCE(string_to_array(NULLIF(s, ''), ',')::smallint[], '{}'), r, v
         FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::int[], $7::int[]) AS x(n, nm, t, s, r, v)
       ON CONFLICT DO NOTHING RETURNING number`,
      [
        organisationId,
        accounts.map((a) => a.number),
        accounts.map((a) => a.name),
        accounts.map((a) => a.type),
        accounts.map((a) => a.spheres.join(',')),
        accounts.map((a) => a.vat?.rateBasisPoints ?? null),
        accounts.map((a) => a.vat?.taxAccount ?? null),
      ],
    );
    return inserted.length;
  }

  async updateAccount(
    db: Db,
    organisationId: string,
    number: number,
    changes: { name?: string; isActive?: boolean; spheres?: Sphere[] },
  ): Promise<void> {
    await db.query(
      `UPDATE accounts SET name = COALESCE($3, name), is_active = COALESCE($4, is_active),
              spheres = COALESCE($5::smallint[], spheres)
        WHERE organisation_id = $1 AND number = $2`,
      [
        organisationId,
        number,
        changes.name ?? null,
        changes.isActive ?? null,
        changes.spheres ?? null,
      ],
    );
  }

  /** Debit minus credit of one account per sphere and cost centre over a date range. */
  async balancesBySphereAndCostCentre(
    db: Db,
    organisationId: string,
    account: number,
    from: string,
    to: string,
  ): Promise<{ sphere: Sphere; costCentre: string | null; balanceCents: number }[]> {
    const rows = await db.query<{ sphere: number; cost_centre: string | null; balance: string }[]>(
      `SELECT sphere, cost_centre,
              sum(CASE side WHEN 'D' THEN amount_cents ELSE -amount_cents END) AS balance
         FROM journal_lines
        WHERE organisation_id = $1 AND account_number = $2 AND booked_on BETWEEN $3 AND $4
        GROUP BY sphere, cost_centre
       HAVING sum(CASE side WHEN 'D' THEN amount_cents ELSE -amount_cents END) <> 0
        ORDER BY sphere, cost_centre NULLS FIRST`,
      [organisationId, account, from, to],
    );
    return rows.map((r) => ({
      sphere: r.sphere as Sphere,
      costCentre: r.cost_centre,
      balanceCents: Number(r.balance),
    }));
  }

  /** Fiscal years (with periods) of an organisation, optionally only those touching a date range. */
  async fiscalYears(
    db: Db,
    organisationId: string,
    from?: string,
    to?: string,
  ): Promise<FiscalYear[]> {
    const rows = await db.query<(Omit<FiscalYear, 'periods'> & { periods: FiscalPeriod[] })[]>(
      `SELECT y.id, y.organisation_id AS "organisationId", to_char(y.starts_on, 'YYYY-MM-DD') AS "startsOn",
              to_char(y.ends_on, 'YYYY-MM-DD') AS "endsOn", y.closed_at AS "closedAt",
              COALESCE((SELECT json_agg(json_build_object('periodNo', p.period_no,
                        'startsOn', to_char(p.starts_on, 'YYYY-MM-DD'), 'endsOn', to_char(p.ends_on, 'YYYY-MM-DD'),
                        'closedAt', p.closed_at) ORDER BY p.period_no)
                          FROM fiscal_periods p WHERE p.fiscal_year_id = y.id), '[]') AS periods
         FROM fiscal_years y
        WHERE y.organisation_id = $1
          AND ($2::date IS NULL OR y.ends_on >= $2::date) AND ($3::date IS NULL OR y.starts_on <= $3::date)
        ORDER BY y.starts_on`,
      [organisationId, from ?? null, to ?? null],
    );
    return rows.map((r) => ({
      ...r,
      periods: r.periods.map((p) => ({ ...p, closedAt: p.closedAt ? new Date(p.closedAt) : null })),
    }));
  }

  async insertFiscalYear(
    db: Db,
    organisationId: string,
    startsOn: string,
    endsOn: string,
    periods: { periodNo: number; startsOn: string; endsOn: string }[],
  ): Promise<string> {
    const [{ id }] = await db.query<{ id: string }[]>(
      `INSERT INTO fiscal_years (organisation_id, starts_on, ends_on) VALUES ($1, $2, $3) RETURNING id`,
      [organisationId, startsOn, endsOn],
    );
    await db.query(
      `INSERT INTO fiscal_periods (fiscal_year_id, organisation_id, period_no, starts_on, ends_on)
       SELECT $1, $2, n, s, e FROM unnest($3::smallint[], $4::date[], $5::date[]) AS x(n, s, e)`,
      [
        id,
        organisationId,
        periods.map((p) => p.periodNo),
        periods.map((p) => p.startsOn),
        periods.map((p) => p.endsOn),
      ],
    );
    await db.query(`INSERT INTO journal_counters (fiscal_year_id) VALUES ($1)`, [id]);
    return id;
  }

  async closePeriods(
    db: Db,
    fiscalYearId: string,
    periodNos: number[] | 'all',
    userId: string,
  ): Promise<void> {
    await db.query(
      `UPDATE fiscal_periods SET closed_at = now(), closed_by = $3
        WHERE fiscal_year_id = $1 AND closed_at IS NULL AND ($2::smallint[] IS NULL OR period_no = ANY($2::smallint[]))`,
      [fiscalYearId, periodNos === 'all' ? null : periodNos, userId],
    );
  }

  async closeYear(db: Db, fiscalYearId: string, userId: string): Promise<void> {
    await db.query(
      `UPDATE fiscal_years SET closed_at = now(), closed_by = $2 WHERE id = $1 AND closed_at IS NULL`,
      [fiscalYearId, userId],
    );
  }

  /** Locks the fiscal year's counter: postings in one fiscal year run one after another. */
  async lockCounter(
    m: EntityManager,
    fiscalYearId: string,
  ): Promise<{ lastNumber: number; lastHash: Buffer | null }> {
    const [row] = await m.query<{ last_number: number; last_hash: Buffer | null }[]>(
      `SELECT last_number, last_hash FROM journal_counters WHERE fiscal_year_id = $1 FOR UPDATE`,
      [fiscalYearId],
    );
    return { lastNumber: row.last_number, lastHash: row.last_hash };
  }

  async advanceCounter(
    m: EntityManager,
    fiscalYearId: string,
    lastNumber: number,
    lastHash: Buffer,
  ): Promise<void> {
    await m.query(
      `UPDATE journal_counters SET last_number = $2, last_hash = $3 WHERE fiscal_year_id = $1`,
      [fiscalYearId, lastNumber, lastHash],
    );
  }

  /** One statement per table for a whole batch (unnest keeps the parameter count fixed). */
  async insertEntries(
    m: EntityManager,
    entries: (Omit<EntryRow, 'postedBy'> & { postedBy: string | null })[],
  ): Promise<void> {
    const col = <K extends keyof EntryRow>(key: K) => entries.map((e) => e[key]);
    await m.query(
      `INSERT INTO journal_entries (id, organisation_id, fiscal_year_id, entry_number, booked_on, document_on,
         document_no, text, description, source, source_id, reverses_entry_id, total_cents, posted_by, previous_hash, hash)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[], $5::date[], $6::date[], $7::text[],
         $8::text[], $9::text[], $10::text[], $11::text[], $12::uuid[], $13::bigint[], $14::uuid[], $15::bytea[], $16::bytea[])`,
      [
        col('id'),
        col('organisationId'),
        col('fiscalYearId'),
        col('entryNumber'),
        col('bookedOn'),
        col('documentOn'),
        col('documentNo'),
        col('text'),
        col('description'),
        col('source'),
        col('sourceId'),
        col('reversesEntryId'),
        col('totalCents'),
        col('postedBy'),
        col('previousHash'),
        col('hash'),
      ],
    );
  }

  /** The lines of a batch of entries, as column arrays built in one pass (no per-line objects). */
  async insertLines(
    m: EntityManager,
    organisationId: string,
    entries: { id: string; bookedOn: string; lines: PostedLine[] }[],
  ): Promise<void> {
    const entryIds: string[] = [];
    const lineNos: number[] = [];
    const dates: string[] = [];
    const accounts: number[] = [];
    const sides: string[] = [];
    const amounts: number[] = [];
    const spheres: number[] = [];
    const costCentres: (string | null)[] = [];
    for (const entry of entries) {
      for (const line of entry.lines) {
        entryIds.push(entry.id);
        lineNos.push(line.lineNo);
        dates.push(entry.bookedOn);
        accounts.push(line.account);
        sides.push(line.side === 'debit' ? 'D' : 'C');
        amounts.push(line.amountCents);
        spheres.push(line.sphere);
        costCentres.push(line.costCentre);
      }
    }
    await m.query(
      `INSERT INTO journal_lines (entry_id, line_no, organisation_id, booked_on, account_number, side, amount_cents, sphere, cost_centre)
       SELECT e, n, $1, d, a, s, c, k1, k2
         FROM unnest($2::uuid[], $3::smallint[], $4::date[], $5::int[], $6::char[], $7::bigint[], $8::smallint[], $9::text[])
           AS x(e, n, d, a, s, c, k1, k2)`,
      [organisationId, entryIds, lineNos, dates, accounts, sides, amounts, spheres, costCentres],
    );
  }

  /** Adds to the monthly balances; deltas arrive sorted, so concurrent batches lock rows in one order. */
  async addToBalances(
    m: EntityManager,
    organisationId: string,
    deltas: BalanceDelta[],
  ): Promise<void> {
    await m.query(
      `INSERT INTO account_month_balances AS b (organisation_id, month, account_number, sphere, cost_centre, debit_cents, credit_cents)
       SELECT $1, mo, a, s, c, d, cr FROM unnest($2::date[], $3::int[], $4::smallint[], $5::text[], $6::bigint[], $7::bigint[])
         AS x(mo, a, s, c, d, cr)
       ON CONFLICT (organisation_id, month, account_number, sphere, cost_centre) DO UPDATE
         SET debit_cents = b.debit_cents + EXCLUDED.debit_cents, credit_cents = b.credit_cents + EXCLUDED.credit_cents`,
      [
        organisationId,
        deltas.map((d) => d.month),
        deltas.map((d) => d.account),
        deltas.map((d) => d.sphere),
        deltas.map((d) => d.costCentre),
        deltas.map((d) => d.debitCents),
        deltas.map((d) => d.creditCents),
      ],
    );
  }

  /** The journal entry of this organisation, or 404. */
  getEntry(db: Db, organisationId: string, id: string): Promise<PostedEntry> {
    return resolveIn('Journal entry', id, () => this.findEntry(db, organisationId, id));
  }

  async findEntry(db: Db, organisationId: string, id: string): Promise<PostedEntry | undefined> {
    const [entry] = await db.query<
      (EntryRow & { postedAt: Date; reversedByEntryId: string | null })[]
    >(
      `SELECT ${ENTRY_COLUMNS}, (SELECT r.id FROM journal_entries r WHERE r.reverses_entry_id = e.id) AS "reversedByEntryId"
         FROM journal_entries e WHERE e.organisation_id = $1 AND e.id = $2`,
      [organisationId, id],
    );
    if (!entry) return undefined;
    const lines = await this.linesOf(db, [id]);
    return toPosted(entry, lines.get(id) ?? []);
  }

  async linesOf(db: Db, entryIds: string[]): Promise<Map<string, PostedLine[]>> {
    const rows = await db.query<(PostedLine & { entryId: string; sideCode: 'D' | 'C' })[]>(
      `SELECT entry_id AS "entryId", line_no AS "lineNo", account_number AS account, side AS "sideCode",
              amount_cents AS "amountCents", sphere, cost_centre AS "costCentre"
         FROM journal_lines WHERE entry_id = ANY($1::uuid[]) ORDER BY entry_id, line_no`,
      [entryIds],
    );
    const byEntry = new Map<string, PostedLine[]>();
    for (const { entryId, sideCode, ...line } of rows) {
      const list = byEntry.get(entryId) ?? [];
      list.push({ ...line, side: sideCode === 'D' ? 'debit' : 'credit' });
      byEntry.set(entryId, list);
    }
    return byEntry;
  }

  async listEntries(
    db: Db,
    organisationId: string,
    filter: { from?: string; to?: string; source?: string; sourceId?: string },
    skip: number,
    take: number,
  ): Promise<[PostedEntry[], number]> {
    const where = `e.organisation_id = $1 AND ($2::date IS NULL OR e.booked_on >= $2::date)
      AND ($3::date IS NULL OR e.booked_on <= $3::date) AND ($4::text IS NULL OR e.source = $4)
      AND ($5::text IS NULL OR e.source_id = $5)`;
    const params = [
      organisationId,
      filter.from ?? null,
      filter.to ?? null,
      filter.source ?? null,
      filter.sourceId ?? null,
    ];
    const entries = await db.query<(EntryRow & { postedAt: Date })[]>(
      `SELECT ${ENTRY_COLUMNS} FROM journal_entries e WHERE ${where}
        ORDER BY e.booked_on, e.fiscal_year_id, e.entry_number OFFSET $6 LIMIT $7`,
      [...params, skip, take],
    );
    const [{ count }] = await db.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM journal_entries e WHERE ${where}`,
      params,
    );
    const lines = await this.linesOf(
      db,
      entries.map((e) => e.id),
    );
    return [entries.map((e) => toPosted(e, lines.get(e.id) ?? [])), count];
  }
}

export function toPosted(
  entry: EntryRow & { postedAt: Date; reversedByEntryId?: string | null },
  lines: PostedLine[],
): PostedEntry {
  return {
    id: entry.id,
    organisationId: entry.organisationId,
    fiscalYearId: entry.fiscalYearId,
    entryNumber: entry.entryNumber,
    bookedOn: entry.bookedOn,
    documentOn: entry.documentOn,
    documentNo: entry.documentNo,
    text: entry.text,
    description: entry.description,
    source: entry.source,
    sourceId: entry.sourceId,
    reversesEntryId: entry.reversesEntryId,
    ...(entry.reversedByEntryId !== undefined
      ? { reversedByEntryId: entry.reversedByEntryId }
      : {}),
    totalCents: entry.totalCents,
    postedBy: entry.postedBy,
    postedAt: entry.postedAt,
    hash: entry.hash.toString('hex'),
    lines,
  };
}
