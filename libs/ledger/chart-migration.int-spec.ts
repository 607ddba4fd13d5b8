import { AuditModule } from '@dachwerk/audit';
import type { Actor, ExportSink } from '@dachwerk/shared';
import { Transactions } from '@dachwerk/shared';
import {
  correctChartToSkr42,
  createOrganisation,
  createTestModule,
  createUser,
  TestModule,
  createCostCentres,
} from '@dachwerk/testing';
import { parseDatev } from '../../test/support/datev';
import { LedgerExportService } from './ledger-export.service';
import { LedgerReportsService } from './ledger-reports.service';
import { LedgerModule } from './ledger.module';
import { LedgerService } from './ledger.service';
import type { PostingInput } from './ledger.types';

/** Books kept with the chart template before the SKR 42 check, then corrected. */
describe('correcting a chart in use to SKR 42 without touching a posted entry', () => {
  let t: TestModule;
  let ledger: LedgerService;
  let reports: LedgerReportsService;
  let exporter: LedgerExportService;
  let tx: Transactions;
  let orgId: string;
  let actor: Actor;

  /** Part of the old template, as installed charts hold it. */
  const OLD: [number, string, string, number[]][] = [
    [16000, 'Kasse', 'asset', []],
    [18000, 'Bank', 'asset', []],
    [20000, 'Vereinsvermögen', 'equity', []],
    [20810, 'Zweckgebundene Rücklage (§ 62 Abs. 1 Nr. 1 AO)', 'equity', []],
    [29700, 'Ergebnisvortrag', 'equity', []],
    [38060, 'Umsatzsteuer 19 %', 'liability', [4]],
    [40450, 'Geldzuwendungen (mit Zuwendungsbestätigung)', 'income', [1]],
    [42000, 'Zinserträge', 'income', [2]],
    [44000, 'Erlöse Speisen und Getränke', 'income', [4]],
    [61100, 'Übungsleiterpauschalen (§ 3 Nr. 26 EStG)', 'expense', [1, 3]],
    [61300, 'Gesetzliche soziale Aufwendungen', 'expense', []],
    [67100, 'Projektausgaben Initiativen', 'expense', [1]],
    [68550, 'Kontoführung bei der Sparkasse', 'expense', []],
  ];
  const entry = (over: Partial<PostingInput>): PostingInput => ({
    bookedOn: '2025-03-10',
    documentOn: '2025-03-10',
    documentNo: 'B-1',
    text: 'Buchung',
    source: 'manual',
    lines: [],
    ...over,
  });
  const post = (input: PostingInput) => tx.run((m) => ledger.post(m, orgId, actor.userId, input));
  const account = async (n: number) =>
    (await ledger.listAccounts(actor, orgId, { page: 1, pageSize: 200 })).items.find(
      (a) => a.number === n,
    );

  beforeAll(async () => {
    t = await createTestModule([AuditModule, LedgerModule]);
    ledger = t.moduleRef.get(LedgerService);
    reports = t.moduleRef.get(LedgerReportsService);
    exporter = t.moduleRef.get(LedgerExportService);
    tx = t.moduleRef.get(Transactions);
    orgId = (await createOrganisation(t.sql)).id;
    await createCostCentres(t.sql, orgId, ['INI-GARTEN']);
    const user = await createUser(t.sql, { roles: { [orgId]: ['treasurer'] } });
    actor = {
      userId: user.id,
      email: user.email,
      name: 'T',
      isPlatformAdmin: false,
      roles: { [orgId]: ['treasurer'] },
      initiativeIds: {},
    };
    for (const [number, name, type, spheres] of OLD)
      await t.sql.query(
        `INSERT INTO accounts (organisation_id, number, name, type, spheres) VALUES ($1, $2, $3, $4, $5)`,
        [orgId, number, name, type, spheres],
      );
    await ledger.createFiscalYear(actor, orgId, '2025-01-01');
    await post(
      entry({
        bookedOn: '2025-01-01',
        source: 'opening-balance',
        text: 'Eröffnungsbilanzwerte 2025',
        lines: [
          { account: 18000, side: 'debit', amountCents: 500_000, sphere: 1 },
          { account: 20000, side: 'credit', amountCents: 500_000, sphere: 1 },
        ],
      }),
    );
    await post(
      entry({
        text: 'Zinsen Tagesgeld',
        lines: [
          { account: 18000, side: 'debit', amountCents: 1_234, sphere: 2 },
          { account: 42000, side: 'credit', amountCents: 1_234 },
        ],
      }),
    );
    await post(
      entry({
        text: 'Projektausgabe Garten',
        lines: [
          { account: 67100, side: 'debit', amountCents: 8_000, costCentre: 'INI-GARTEN' },
          { account: 18000, side: 'credit', amountCents: 8_000, sphere: 1 },
        ],
      }),
    );
    await post(
      entry({
        text: 'Kiosk (brutto, ohne Steuer gebucht)',
        lines: [
          { account: 16000, side: 'debit', amountCents: 11_900, sphere: 4 },
          { account: 44000, side: 'credit', amountCents: 11_900 },
        ],
      }),
    );
    await correctChartToSkr42(t.superSql); // as migrations run: the app role may not delete accounts
  });
  afterAll(() => t.close());

  it('keeps accounts in use with their number and name, inactive and pointing to SKR 42', async () => {
    expect(await account(42000)).toMatchObject({
      name: 'Zinserträge',
      isActive: false,
      supersededBy: 71100,
    });
    expect(await account(67100)).toMatchObject({ isActive: false, supersededBy: 63000 });
    expect(await account(20000)).toMatchObject({
      name: 'Vereinsvermögen',
      isActive: false,
      supersededBy: 25000,
    });
    await expect(
      post(
        entry({
          lines: [
            { account: 18000, side: 'debit', amountCents: 10, sphere: 2 },
            { account: 42000, side: 'credit', amountCents: 10 },
          ],
        }),
      ),
    ).rejects.toMatchObject({ code: 'ACCOUNT_INACTIVE', details: { supersededBy: 71100 } });
    await expect(
      ledger.updateAccount(actor, orgId, 42000, { isActive: true }),
    ).rejects.toMatchObject({
      code: 'ACCOUNT_SUPERSEDED',
    });
  });

  it('corrects or removes the unused ones, adds SKR 42’s and renames what kept its meaning', async () => {
    expect(await account(20810)).toBeUndefined();
    expect(await account(61300)).toBeUndefined();
    // 61100 was unused: it now means what SKR 42 says.
    expect(await account(61100)).toMatchObject({
      name: 'Gesetzliche soziale Aufwendungen',
      isActive: true,
    });
    expect(await account(60040)).toMatchObject({ name: 'Übungsleiterpauschale' });
    expect(await account(71100)).toMatchObject({ name: 'Sonstige Zinserträge', spheres: [2] });
    expect(await account(44000)).toMatchObject({
      name: 'Erlöse 19 % USt',
      vat: { rateBasisPoints: 1900, taxAccount: 38060 },
    });
    expect(await account(38060)).toMatchObject({ spheres: [] });
    expect(await account(40450)).toMatchObject({
      name: 'Geldzuwendungen gegen Zuwendungsbestätigung',
    });
    // A name the users chose stays theirs.
    expect(await account(68550)).toMatchObject({ name: 'Kontoführung bei der Sparkasse' });
    // Not one posted line changed: the hash chain still holds.
    expect(await reports.verify(actor, orgId)).toMatchObject({ ok: true, entriesChecked: 4 });
  });

  it('moves an old account’s balance by a new entry per cost centre, and the year end carries the rest', async () => {
    const moved = await ledger.reclassify(actor, orgId, 67100, '2025-12-31');
    expect(moved.lines.map((l) => [l.account, l.side, l.amountCents, l.costCentre])).toEqual([
      [63000, 'debit', 8_000, 'INI-GARTEN'],
      [67100, 'credit', 8_000, 'INI-GARTEN'],
    ]);
    await expect(ledger.reclassify(actor, orgId, 67100, '2025-12-31')).rejects.toMatchObject({
      code: 'RECLASSIFY_NOTHING',
    });
    await expect(ledger.reclassify(actor, orgId, 44000, '2025-12-31')).rejects.toMatchObject({
      code: 'ACCOUNT_NOT_SUPERSEDED',
    });
    // A reversal mirrors its entry, inactive account or not.
    const interest = (await ledger.listEntries(actor, orgId, { page: 1, pageSize: 50 })).items.find(
      (e) => e.text === 'Zinsen Tagesgeld',
    )!;
    const reversal = await tx.run((m) =>
      ledger.reverse(m, orgId, actor.userId, interest.id, { bookedOn: '2025-12-31' }),
    );
    expect(reversal.lines.map((l) => l.account)).toEqual([18000, 42000]);

    const [year] = (await ledger.listFiscalYears(actor, orgId, { page: 1, pageSize: 10 })).items;
    const { openingEntry } = await ledger.closeYear(actor, orgId, year.id);
    const carried = new Map(openingEntry!.lines.map((l) => [l.account, l]));
    expect(carried.has(20000)).toBe(false);
    expect(carried.get(25000)).toMatchObject({ side: 'credit', amountCents: 500_000 });
  });

  it('tells DATEV to book the untaxed old sale as it stands (BU 40)', async () => {
    await ledger.updateSettings(actor, orgId, {
      datevConsultantNumber: 1001,
      datevClientNumber: 1,
    });
    const chunks: Buffer[] = [];
    const sink: ExportSink = {
      start: () => undefined,
      write: async (c) => void chunks.push(c),
      end: () => undefined,
    };
    await exporter.datev(actor, orgId, '2025-01-01', '2025-12-31', sink);
    const kiosk = parseDatev(Buffer.concat(chunks)).rows.find((r) => r[13].startsWith('Kiosk'))!;
    expect([kiosk[6], kiosk[7], kiosk[8], kiosk[0]]).toEqual(['16000', '44000', '40', '119,00']);
  });
});
