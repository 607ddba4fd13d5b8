import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { DataSource, EntityManager } from 'typeorm';
import { AuditModule } from '@dachwerk/audit';
import type { Actor, ExportSink } from '@dachwerk/shared';
import { Transactions } from '@dachwerk/shared';
import {
  createCostCentres,
  createOrganisation,
  createTestModule,
  createUser,
  TestModule,
} from '@dachwerk/testing';
import { DATEV_COLUMNS, KOST1_COLUMN, KOST2_COLUMN } from './datev-format';
import { LedgerExportService } from './ledger-export.service';
import { LedgerReportsService } from './ledger-reports.service';
import { LedgerModule } from './ledger.module';
import { LedgerService } from './ledger.service';
import type { PostingInput } from './ledger.types';

describe('ledger on real Postgres', () => {
  let t: TestModule;
  let ledger: LedgerService;
  let reports: LedgerReportsService;
  let exporter: LedgerExportService;
  let tx: Transactions;
  let orgId: string;
  let actor: Actor;

  const entry = (over: Partial<PostingInput> = {}): PostingInput => ({
    bookedOn: '2026-03-10',
    documentOn: '2026-03-09',
    documentNo: 'B-1',
    text: 'Spende Müller',
    source: 'manual',
    lines: [
      { account: 18000, side: 'debit', amountCents: 5000, sphere: 1 },
      { account: 40450, side: 'credit', amountCents: 5000 },
    ],
    ...over,
  });
  const post = (input: PostingInput) => tx.run((m) => ledger.post(m, orgId, actor.userId, input));

  beforeAll(async () => {
    t = await createTestModule([AuditModule, LedgerModule]);
    ledger = t.moduleRef.get(LedgerService);
    reports = t.moduleRef.get(LedgerReportsService);
    exporter = t.moduleRef.get(LedgerExportService);
    tx = t.moduleRef.get(Transactions);
    orgId = (await createOrganisation(t.sql)).id;
    await createCostCentres(t.sql, orgId, ['INI-A', 'INI-B']);
    const user = await createUser(t.sql, { roles: { [orgId]: ['treasurer'] } });
    actor = {
      userId: user.id,
      email: user.email,
      name: 'T',
      isPlatformAdmin: false,
      roles: { [orgId]: ['treasurer'] },
      initiativeIds: {},
    };
    await ledger.installChart(actor, orgId);
    await ledger.createFiscalYear(actor, orgId, '2026-01-01');
  });
  afterAll(() => t.close());

  async function lineSums(db: DataSource): Promise<Map<string, number>> {
    const rows = await db.query<{ k: string; v: number }[]>(
      `SELECT account_number || '|' || sphere || '|' || COALESCE(cost_centre, '') AS k,
              sum(CASE WHEN side = 'D' THEN amount_cents ELSE -amount_cents END)::bigint AS v
         FROM journal_lines WHERE organisation_id = $1 GROUP BY 1`,
      [orgId],
    );
    return new Map(rows.filter((r) => r.v !== 0).map((r) => [r.k, r.v]));
  }

  async function maintainedSums(db: DataSource): Promise<Map<string, number>> {
    const rows = await db.query<{ k: string; v: number }[]>(
      `SELECT account_number || '|' || sphere || '|' || cost_centre AS k, sum(debit_cents - credit_cents)::bigint AS v
         FROM account_month_balances WHERE organisation_id = $1 GROUP BY 1`,
      [orgId],
    );
    return new Map(rows.filter((r) => r.v !== 0).map((r) => [r.k, r.v]));
  }

  it('keeps the trial balance at zero and the maintained balances equal to the lines, for any postings and reversals', async () => {
    const accounts = [16000, 18000, 40450, 41000, 63010, 68550];
    const spheres: Record<number, 1 | 2 | 3 | 4 | undefined> = { 40450: 1, 41000: 3 };
    const lineArb = fc.record({
      account: fc.constantFrom(...accounts),
      amountCents: fc.integer({ min: 1, max: 5_000_000 }),
      costCentre: fc.option(fc.constantFrom('INI-A', 'INI-B'), { nil: undefined }),
      sphere: fc.constantFrom<1 | 2 | 3 | 4>(1, 2, 3, 4),
    });
    const entryArb = fc.record({
      day: fc.integer({ min: 1, max: 360 }),
      debits: fc.array(lineArb, { minLength: 1, maxLength: 3 }),
      creditAccount: fc.constantFrom(...accounts),
      reverse: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(entryArb, { minLength: 1, maxLength: 8 }), async (entries) => {
        for (const e of entries) {
          const date = new Date(Date.UTC(2026, 0, e.day)).toISOString().slice(0, 10);
          const total = e.debits.reduce((s, l) => s + l.amountCents, 0);
          const sphere = spheres[e.creditAccount] ?? 1;
          const posted = await post({
            bookedOn: date,
            documentOn: date,
            documentNo: 'P',
            text: 'property',
            source: 'manual',
            lines: [
              ...e.debits.map((l) => ({
                account: l.account,
                side: 'debit' as const,
                amountCents: l.amountCents,
                sphere: spheres[l.account] ?? l.sphere,
                costCentre: l.costCentre,
              })),
              { account: e.creditAccount, side: 'credit', amountCents: total, sphere },
            ],
          });
          if (e.reverse)
            await tx.run((m) =>
              ledger.reverse(m, orgId, actor.userId, posted.id, { bookedOn: date }),
            );
        }
        const tb = await reports.trialBalance(actor, orgId, '2026-01-01', '2026-12-31');
        expect(tb.totals.debitCents).toBe(tb.totals.creditCents);
        expect(tb.accounts.reduce((s, a) => s + a.balanceCents, 0)).toBe(0);
        expect(await maintainedSums(t.sql)).toEqual(await lineSums(t.sql));
        // a range with partial months agrees with the lines too
        const partial = await reports.trialBalance(actor, orgId, '2026-02-15', '2026-11-10');
        const [{ d }] = await t.sql.query(
          `SELECT COALESCE(sum(amount_cents) FILTER (WHERE side = 'D'), 0)::bigint AS d FROM journal_lines
            WHERE organisation_id = $1 AND booked_on BETWEEN '2026-02-15' AND '2026-11-10'`,
          [orgId],
        );
        expect(partial.totals.debitCents).toBe(d);
      }),
      { numRuns: 15 },
    );
  });

  it('numbers 50 concurrent postings 1..50 without gap or duplicate', async () => {
    const year = await ledger.createFiscalYear(actor, orgId, '2030-01-01');
    const posted = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        post(entry({ bookedOn: '2030-02-01', documentOn: '2030-02-01', documentNo: `C-${i}` })),
      ),
    );
    expect(posted.every((p) => p.fiscalYearId === year.id)).toBe(true);
    expect(posted.map((p) => p.entryNumber).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    const verify = await reports.verify(actor, orgId);
    expect(verify).toMatchObject({ ok: true, firstBroken: null });
  });

  it('refuses UPDATE and DELETE of posted lines and entries, and lines added later', async () => {
    const posted = await post(entry());
    for (const sql of [
      `UPDATE journal_lines SET amount_cents = 1 WHERE entry_id = $1`,
      `DELETE FROM journal_lines WHERE entry_id = $1`,
      `UPDATE journal_entries SET text = 'x' WHERE id = $1`,
      `DELETE FROM journal_entries WHERE id = $1`,
    ]) {
      await expect(t.sql.query(sql, [posted.id])).rejects.toThrow(/permission denied/);
      await expect(t.superSql.query(sql, [posted.id])).rejects.toThrow(/append-only/);
    }
    await expect(
      t.sql.query(
        `INSERT INTO journal_lines (entry_id, line_no, organisation_id, booked_on, account_number, side, amount_cents, sphere)
         VALUES ($1, 9, $2, '2026-03-10', 18000, 'D', 100, 1)`,
        [posted.id, orgId],
      ),
    ).rejects.toThrow(/with their entry, in the same transaction/);
  });

  it('refuses an unbalanced entry, an entry without lines and lines without entry, written past the service', async () => {
    const [year] = await t.sql.query(
      `SELECT id FROM fiscal_years WHERE organisation_id = $1 AND starts_on = '2026-01-01'`,
      [orgId],
    );
    const write = (credits: number[]) =>
      t.sql.transaction(async (m: EntityManager) => {
        const id = randomUUID();
        await m.query(
          `INSERT INTO journal_entries (id, organisation_id, fiscal_year_id, entry_number, booked_on, document_on, document_no, text, source, total_cents, hash)
           VALUES ($1, $2, $3, 99999, '2026-03-10', '2026-03-10', 'X', 'x', 'manual', 100, decode(repeat('00', 32), 'hex'))`,
          [id, orgId, year.id],
        );
        if (credits.length) {
          await m.query(
            `INSERT INTO journal_lines (entry_id, line_no, organisation_id, booked_on, account_number, side, amount_cents, sphere)
             SELECT $1::uuid, 1, $2::uuid, '2026-03-10'::date, 18000, 'D', 100, 1
             UNION ALL SELECT $1::uuid, 1 + n, $2::uuid, '2026-03-10'::date, 40450, 'C', c, 1 FROM unnest($3::bigint[]) WITH ORDINALITY AS x(c, n)`,
            [id, orgId, credits],
          );
        }
      });
    await expect(write([90])).rejects.toThrow(/does not balance/);
    await expect(write([])).rejects.toThrow(/foreign key/);
    await expect(
      t.sql.query(
        `INSERT INTO journal_lines (entry_id, line_no, organisation_id, booked_on, account_number, side, amount_cents, sphere)
         VALUES ($1, 1, $2, '2026-03-10', 18000, 'D', 100, 1)`,
        [randomUUID(), orgId],
      ),
    ).rejects.toThrow(/with their entry/);
    expect(
      (
        await t.sql.query(
          `SELECT count(*)::int AS n FROM journal_entries WHERE entry_number = 99999`,
        )
      )[0].n,
    ).toBe(0);
  });

  it('names the first tampered entry when the chain is recomputed', async () => {
    const year = await ledger.createFiscalYear(actor, orgId, '2031-01-01');
    const a = await post(entry({ bookedOn: '2031-01-05', documentOn: '2031-01-05' }));
    const b = await post(entry({ bookedOn: '2031-01-06', documentOn: '2031-01-06' }));
    await post(entry({ bookedOn: '2031-01-07', documentOn: '2031-01-07' }));
    expect((await reports.verify(actor, orgId)).ok).toBe(true);
    await t.superSql.transaction(async (m: EntityManager) => {
      await m.query(`ALTER TABLE journal_lines DISABLE TRIGGER journal_lines_append_only`);
      await m.query(`UPDATE journal_lines SET amount_cents = 4000 WHERE entry_id = $1`, [b.id]);
      await m.query(`ALTER TABLE journal_lines ENABLE TRIGGER journal_lines_append_only`);
    });
    const result = await reports.verify(actor, orgId);
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toMatchObject({
      entryId: b.id,
      entryNumber: b.entryNumber,
      fiscalYearId: year.id,
    });
    expect(a.entryNumber).toBeLessThan(b.entryNumber);
  });

  it('exports DATEV that parses back to what was posted, with the header in place', async () => {
    const orgB = (await createOrganisation(t.sql)).id;
    await createCostCentres(t.sql, orgB, ['INI-GARTEN', 'WGB']);
    const actorB: Actor = { ...actor, roles: { [orgB]: ['treasurer'] } };
    await ledger.installChart(actorB, orgB);
    await ledger.createFiscalYear(actorB, orgB, '2026-01-01');
    await ledger.updateSettings(actorB, orgB, {
      datevConsultantNumber: 29098,
      datevClientNumber: 55003,
    });
    const inputs: PostingInput[] = [
      entry({
        text: 'Spende Jürgen Groß; "Ä"',
        documentNo: 'SP-1',
        lines: [
          { account: 18000, side: 'debit', amountCents: 123456, sphere: 1 },
          { account: 40450, side: 'credit', amountCents: 123456, costCentre: 'INI-GARTEN' },
        ],
      }),
      entry({
        bookedOn: '2026-07-01',
        documentOn: '2026-06-30',
        documentNo: 'RE-9',
        text: 'Split',
        lines: [
          { account: 63010, side: 'debit', amountCents: 700, sphere: 4 },
          { account: 68550, side: 'debit', amountCents: 300, sphere: 4, costCentre: 'WGB' },
          { account: 18000, side: 'credit', amountCents: 1000, sphere: 4 },
        ],
      }),
    ];
    await tx.run((m) => ledger.postMany(m, orgB, actor.userId, inputs));
    const chunks: Buffer[] = [];
    const sink: ExportSink = {
      start: () => undefined,
      write: async (c) => void chunks.push(c),
      end: () => undefined,
    };
    await exporter.datev(actorB, orgB, '2026-01-01', '2026-12-31', sink);
    const raw = Buffer.concat(chunks);
    expect(raw.includes(Buffer.from('Jürgen'))).toBe(false); // not UTF-8 ...
    const text = iconv.decode(raw, 'win1252'); // ... but Windows-1252
    expect(text.endsWith('\r\n')).toBe(true);
    const lines = text.split('\r\n').filter(Boolean);
    const header = lines[0].split(';');
    expect(header.slice(0, 5)).toEqual(['"EXTF"', '700', '21', '"Buchungsstapel"', '13']);
    expect(header.slice(10, 16)).toEqual([
      '29098',
      '55003',
      '20260101',
      '5',
      '20260101',
      '20261231',
    ]);
    expect(lines[1].split(';')).toEqual([...DATEV_COLUMNS]);
    const rows = lines.slice(2).map((l) => splitCsv(l));
    expect(
      rows.map((r) => [
        r[0],
        r[1],
        r[6],
        r[7],
        r[9],
        r[10],
        r[13],
        r[KOST1_COLUMN],
        r[KOST2_COLUMN],
      ]),
    ).toEqual([
      [
        '1234,56',
        'S',
        '18000',
        '40450',
        '0903',
        'SP-1',
        'Spende Jürgen Groß; "Ä"',
        '1',
        'INI-GARTEN',
      ],
      ['7,00', 'S', '63010', '18000', '3006', 'RE-9', 'Split', '4', ''],
      ['3,00', 'S', '68550', '18000', '3006', 'RE-9', 'Split', '4', 'WGB'],
    ]);
  });

  it('refuses postings into closed periods and carries balances into the next year on closing', async () => {
    const orgC = (await createOrganisation(t.sql)).id;
    const actorC: Actor = { ...actor, roles: { [orgC]: ['treasurer'] } };
    await ledger.installChart(actorC, orgC);
    const year = await ledger.createFiscalYear(actorC, orgC, '2025-01-01');
    const postC = (input: PostingInput) => tx.run((m) => ledger.post(m, orgC, actor.userId, input));
    await postC(entry({ bookedOn: '2025-02-01', documentOn: '2025-02-01' })); // +50.00 bank, donation income
    await postC(
      entry({
        bookedOn: '2025-03-01',
        documentOn: '2025-03-01',
        lines: [
          { account: 63010, side: 'debit', amountCents: 1200, sphere: 1 },
          { account: 18000, side: 'credit', amountCents: 1200, sphere: 1 },
        ],
      }),
    );
    // Periods close in order: February waits for January.
    await expect(ledger.closePeriod(actorC, orgC, year.id, 2)).rejects.toMatchObject({
      code: 'PERIOD_EARLIER_OPEN',
      details: expect.objectContaining({ openPeriods: [1] }),
    });
    await ledger.closePeriod(actorC, orgC, year.id, 1);
    await ledger.closePeriod(actorC, orgC, year.id, 2);
    await expect(
      postC(entry({ bookedOn: '2025-02-10', documentOn: '2025-02-10' })),
    ).rejects.toMatchObject({ code: 'PERIOD_CLOSED' });
    await expect(
      postC(entry({ bookedOn: '2024-12-31', documentOn: '2024-12-31' })),
    ).rejects.toMatchObject({ code: 'NO_FISCAL_YEAR' });

    const { openingEntry } = await ledger.closeYear(actorC, orgC, year.id);
    expect(openingEntry?.bookedOn).toBe('2026-01-01');
    expect(openingEntry?.lines.map((l) => [l.account, l.side, l.amountCents])).toEqual([
      [18000, 'debit', 3800],
      [29700, 'credit', 3800],
    ]);
    await expect(
      postC(entry({ bookedOn: '2025-12-31', documentOn: '2025-12-31' })),
    ).rejects.toMatchObject({ code: 'PERIOD_CLOSED' });
    await expect(
      t.sql.query(`UPDATE fiscal_periods SET closed_at = NULL WHERE fiscal_year_id = $1`, [
        year.id,
      ]),
    ).rejects.toThrow(/cannot be reopened/);
  });
});

/** Splits one DATEV line: `;`-separated, text in quotes with doubled quotes. */
function splitCsv(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted && ch === '"' && line[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (ch === ';' && !quoted) {
      out.push(field);
      field = '';
    } else {
      field += ch;
    }
  }
  out.push(field);
  return out;
}
