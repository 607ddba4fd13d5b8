import { LedgerReportsService } from '@dachwerk/ledger';
import type { Actor } from '@dachwerk/shared';
import { createTestModule, TestModule } from '@dachwerk/testing';
import { CliModule } from '../../apps/cli/src/cli.module';
import { DEMO_USERS } from '../../apps/cli/src/demo/demo-data';
import { seedDemo } from '../../apps/cli/src/demo/seed-demo';

describe('demo data', () => {
  let t: TestModule;
  beforeAll(async () => {
    t = await createTestModule([CliModule]);
  });
  afterAll(() => t.close());

  const counts = async () =>
    (
      await t.sql.query(
        `SELECT (SELECT count(*) FROM organisations)::int AS organisations, (SELECT count(*) FROM users)::int AS users,
              (SELECT count(*) FROM memberships)::int AS memberships, (SELECT count(*) FROM journal_entries)::int AS entries,
              (SELECT count(*) FROM donors)::int AS donors, (SELECT count(*) FROM donations)::int AS donations,
              (SELECT count(*) FROM receipts)::int AS receipts`,
      )
    )[0];

  it('loads idempotently: the umbrella first, every login, a year of balanced books in all four spheres', async () => {
    await seedDemo(t.moduleRef, '2026-11-26');
    const first = await counts();
    await seedDemo(t.moduleRef, '2026-11-26');
    expect(await counts()).toEqual(first);
    expect(first.organisations).toBe(2);
    expect(first.users).toBe(DEMO_USERS.length);
    expect(first.donors).toBeGreaterThanOrEqual(100);
    const kinds = await t.sql.query(`SELECT DISTINCT kind FROM donations ORDER BY 1`);
    expect(kinds.map((k: { kind: string }) => k.kind)).toEqual([
      'expense_waiver',
      'in_kind',
      'money',
    ]);
    const channels = await t.sql.query(
      `SELECT DISTINCT channel FROM donations WHERE kind = 'money' ORDER BY 1`,
    );
    expect(channels.map((c: { channel: string }) => c.channel)).toEqual([
      'cash',
      'direct_debit',
      'online',
      'transfer',
    ]);
    const receiptKinds = await t.sql.query(
      `SELECT kind, count(*)::int AS n, count(voided_at)::int AS voided, count(replaces_receipt_id)::int AS replacements FROM receipts GROUP BY kind ORDER BY kind`,
    );
    expect(receiptKinds.find((r: { kind: string }) => r.kind === 'collective')).toBeDefined();
    expect(receiptKinds.reduce((s: number, r: { voided: number }) => s + r.voided, 0)).toBe(1);
    expect(
      receiptKinds.reduce((s: number, r: { replacements: number }) => s + r.replacements, 0),
    ).toBe(1);

    const [umbrella] = await t.sql.query(`SELECT id FROM organisations WHERE is_umbrella`);
    const actor: Actor = {
      userId: 'x',
      email: 'x',
      name: 'x',
      isPlatformAdmin: false,
      roles: { [umbrella.id]: ['board'] },
      initiativeIds: {},
    };
    const reports = t.moduleRef.get(LedgerReportsService);
    const tb = await reports.trialBalance(actor, umbrella.id, '2026-01-01', '2026-12-31');
    expect(tb.totals.debitCents).toBe(tb.totals.creditCents);
    const bySphere = await reports.incomeStatement(
      actor,
      umbrella.id,
      '2026-01-01',
      '2026-12-31',
      'sphere',
    );
    expect(bySphere.groups.map((g) => g.key).sort()).toEqual(['1', '2', '3', '4']);
    const byCostCentre = await reports.incomeStatement(
      actor,
      umbrella.id,
      '2026-01-01',
      '2026-12-31',
      'costCentre',
    );
    expect(byCostCentre.groups.map((g) => g.key)).toEqual(
      expect.arrayContaining(['INI-GARTEN', 'INI-REPAIR', 'INI-LESEN']),
    );
    expect((await reports.verify(actor, umbrella.id)).ok).toBe(true);
  });
});
