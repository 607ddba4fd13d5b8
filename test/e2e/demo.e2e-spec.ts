import { ReceiptsService } from '@dachwerk/donations';
import { LedgerReportsService } from '@dachwerk/ledger';
import { todayIso, type Actor } from '@dachwerk/shared';
import { createTestModule, TestModule } from '@dachwerk/testing';
import { CliModule } from '../../apps/cli/src/cli.module';
import { DEMO_USERS } from '../../apps/cli/src/demo/demo-data';
import { seedDemo } from '../../apps/cli/src/demo/seed-demo';
import { pdfText, repeatedWords } from '../support/receipt-text';

// `npm run demo` loads the demo as of the real day; it must load on any day, so the same
// checks run for today, a day in the past and a day in the future.
const thisYear = Number(todayIso().slice(0, 4));
const days: [string, string][] = [
  ['today', todayIso()],
  ['a day in the past', '2026-06-30'],
  ['a day in the future', `${thisYear + 1}-10-05`],
];

describe.each(days)('demo data loaded %s (%s)', (_label, day) => {
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
              (SELECT count(*) FROM receipts)::int AS receipts, (SELECT count(*) FROM members)::int AS members,
              (SELECT count(*) FROM receivables)::int AS receivables, (SELECT count(*) FROM bank_transactions)::int AS "bankTransactions"`,
      )
    )[0];

  it('loads idempotently: the umbrella first, every login, a year of balanced books in all four spheres', async () => {
    await seedDemo(t.moduleRef, day);
    const first = await counts();
    await seedDemo(t.moduleRef, day);
    expect(await counts()).toEqual(first);
    expect(first.organisations).toBe(2);
    expect(first.users).toBe(DEMO_USERS.length);
    expect(first.donors).toBeGreaterThanOrEqual(100);
    expect(first.members).toBeGreaterThanOrEqual(50);
    const forms = await t.sql.query(`SELECT DISTINCT member_form FROM membership_tiers ORDER BY 1`);
    expect(forms.map((f: { member_form: string }) => f.member_form)).toEqual([
      'individual',
      'initiative',
      'organisation',
      'project',
    ]);
    const [mandates] = await t.sql.query(
      `SELECT count(*)::int AS members, count(*) FILTER (WHERE EXISTS (SELECT 1 FROM sepa_mandates s WHERE s.member_id = m.id))::int AS "withMandate" FROM members m`,
    );
    expect(mandates.withMandate / mandates.members).toBeGreaterThan(0.7);
    const [run] = await t.sql.query(
      `SELECT count(*)::int AS n, count(sepa_document_path)::int AS files FROM fee_runs`,
    );
    expect(run).toEqual({ n: 1, files: 1 });
    const matches = await t.sql.query(
      `SELECT COALESCE(matched_as, status) AS k, count(*)::int AS n FROM bank_transactions GROUP BY 1 ORDER BY 1`,
    );
    expect(matches.map((x: { k: string }) => x.k)).toEqual([
      'direct_debit',
      'payout',
      'receivables',
      'return',
      'unmatched',
    ]);
    const states = await t.sql.query(`SELECT DISTINCT status FROM applications ORDER BY 1`);
    expect(states.map((x: { status: string }) => x.status)).toEqual([
      'approved',
      'complete',
      'rejected',
      'returned',
      'submitted',
    ]);
    const proofs = await t.sql.query(
      `SELECT status, due_on > $1::date AS ahead FROM proofs_of_use ORDER BY due_on`,
      [day],
    );
    expect(proofs).toEqual([
      { status: 'overdue', ahead: false },
      { status: 'open', ahead: true },
    ]);
    const [funds] = await t.sql.query(
      `SELECT count(DISTINCT initiative_id)::int AS paid FROM expense_claims WHERE status = 'paid'`,
    );
    expect(funds.paid).toBe(3);
    const [bound] = await t.sql.query(
      `SELECT count(*)::int AS n FROM user_initiatives ui JOIN users u ON u.id = ui.user_id WHERE u.email = 'initiative@dachwerk.example'`,
    );
    expect(bound.n).toBe(1);
    const [{ notices }] = await t.sql.query(`SELECT count(*)::int AS notices FROM dunning_notices`);
    expect(notices).toBeGreaterThan(0);
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
    const year = day.slice(0, 4);
    const tb = await reports.trialBalance(actor, umbrella.id, `${year}-01-01`, `${year}-12-31`);
    expect(tb.totals.debitCents).toBe(tb.totals.creditCents);
    const bySphere = await reports.incomeStatement(
      actor,
      umbrella.id,
      `${year}-01-01`,
      `${year}-12-31`,
      'sphere',
    );
    expect(bySphere.groups.map((g) => g.key).sort()).toEqual(['1', '2', '3', '4']);
    const byCostCentre = await reports.incomeStatement(
      actor,
      umbrella.id,
      `${year}-01-01`,
      `${year}-12-31`,
      'costCentre',
    );
    expect(byCostCentre.groups.map((g) => g.key)).toEqual(
      expect.arrayContaining(['INI-GARTEN', 'INI-REPAIR', 'INI-LESEN']),
    );
    expect((await reports.verify(actor, umbrella.id)).ok).toBe(true);

    // Every receipt of every demo organisation, as the worker stores it and the API hands
    // it out: purposes and tax office read once; the voided one only marked UNGÜLTIG.
    const receipts = t.moduleRef.get(ReceiptsService);
    const issued = await t.sql.query(
      `SELECT id, organisation_id AS "organisationId", voided_at IS NOT NULL AS "isVoid" FROM receipts ORDER BY number`,
    );
    for (const r of issued) {
      await receipts.render(r.id);
      const reader: Actor = { ...actor, roles: { [r.organisationId]: ['treasurer'] } };
      const { text } = await pdfText(
        (await receipts.pdf(reader, r.organisationId, r.id, false)).pdf,
      );
      expect(repeatedWords(text)).toEqual([]);
      expect(text).toContain('wegen Förderung des bürgerschaftlichen Engagements');
      expect(text).toContain('des Finanzamtes Stuttgart-Körperschaften');
      expect(text.includes('UNGÜLTIG / storniert am')).toBe(r.isVoid);
      if (r.isVoid)
        await expect(receipts.pdf(reader, r.organisationId, r.id, true)).rejects.toMatchObject({
          code: 'RECEIPT_VOID_NO_DUPLICATE',
        });
    }
    // Seeds twice and renders every receipt: minutes on a shared CI core, not the default minute.
  }, 240_000);
});
