import { AuditModule } from '@dachwerk/audit';
import {
  DunningService,
  FeeRunsService,
  MandatesService,
  MembersService,
  TiersService,
} from '@dachwerk/membership';
import { Clock, Transactions, type Actor } from '@dachwerk/shared';
import { LedgerService } from '@dachwerk/ledger';
import {
  createCostCentres,
  createOrganisation,
  createTestModule,
  createUser,
  TestModule,
} from '@dachwerk/testing';
import { BankStatementsService } from './bank-statements.service';
import { BankTransactionsService } from './bank-transactions.service';
import { BankingModule } from './banking.module';
import { writeCamt053, type CamtEntry } from './camt053-writer';
import { toCreditorReference } from './creditor-reference';

const ORG_IBAN = 'DE89370400440532013000';
const PAYER_IBAN = 'DE02120300000000202051';

/** The cases a treasurer met in a year: each ends with books and receivables right. */
describe('matching on real Postgres: returns, invoices, references', () => {
  let t: TestModule;
  let userId: string;

  beforeAll(async () => {
    t = await createTestModule([AuditModule, BankingModule]);
    userId = (await createUser(t.sql)).id;
  });
  afterAll(() => t.close());

  async function organisation(
    members: { withMandate: boolean }[],
    quarters: number,
  ): Promise<{ orgId: string; actor: Actor; sepaMessageId: string | null }> {
    const orgId = (await createOrganisation(t.sql, { sepaCreditorId: 'DE98ZZZ09999999999' })).id;
    await t.sql.query(
      `INSERT INTO organisation_bank_accounts (organisation_id, label, iban, is_default) VALUES ($1, 'Giro', $2, true)`,
      [orgId, ORG_IBAN],
    );
    await t.superSql.query(
      `INSERT INTO memberships (user_id, organisation_id, role) VALUES ($1, $2, 'treasurer'), ($1, $2, 'staff')`,
      [userId, orgId],
    );
    const actor: Actor = {
      userId,
      email: 'p@x.de',
      name: 'P',
      isPlatformAdmin: false,
      roles: { [orgId]: ['treasurer', 'staff'] },
      initiativeIds: {},
    };
    const ledger = t.moduleRef.get(LedgerService);
    await ledger.installChart(actor, orgId);
    await ledger.createFiscalYear(actor, orgId, '2026-01-01');
    const tier = await t.moduleRef.get(TiersService).create(actor, orgId, {
      code: 'Q',
      name: 'Quartal',
      memberForm: 'individual',
      interval: 'quarterly',
      validFrom: '2020-01-01',
      amountCents: 3000,
    });
    for (const [i, m] of members.entries()) {
      const member = await t.moduleRef.get(MembersService).create(actor, orgId, {
        kind: 'person',
        lastName: `Person${i + 1}`,
        joinedOn: '2025-01-01',
        tierId: tier.id,
      });
      if (m.withMandate)
        await t.moduleRef.get(MandatesService).create(actor, orgId, {
          memberId: member.id,
          signedOn: '2025-06-01',
          debtorName: `P${i + 1}`,
          iban: PAYER_IBAN,
        });
    }
    let sepaMessageId: string | null = null;
    for (let q = 0; q < quarters; q++) {
      const start = `2026-${String(q * 3 + 1).padStart(2, '0')}-01`;
      const end = ['2026-03-31', '2026-06-30', '2026-09-30'][q];
      const run = await t.moduleRef.get(Transactions).run((m) =>
        t.moduleRef.get(FeeRunsService).raise(m, orgId, userId, {
          periodStart: start,
          periodEnd: end,
          collectionDate: `2026-${String(q * 3 + 3).padStart(2, '0')}-02`,
        }),
      );
      sepaMessageId ??= run.sepaMessageId;
    }
    return { orgId, actor, sepaMessageId };
  }

  const receivables = (orgId: string) =>
    t.sql.query<
      {
        id: string;
        memberNo: string;
        status: string;
        amount: number;
        e2e: string;
        seq: string;
        kind: string;
      }[]
    >(
      `SELECT r.id, mb.member_no AS "memberNo", r.status, r.amount_cents::int AS amount, r.end_to_end_id AS e2e,
              r.sepa_sequence AS seq, r.kind
         FROM receivables r JOIN members mb ON mb.id = r.member_id WHERE r.organisation_id = $1
        ORDER BY mb.member_no, r.period_start, r.kind`,
      [orgId],
    );
  const upload = (actor: Actor, orgId: string, entries: CamtEntry[]) =>
    Clock.runOn('2026-12-31', () =>
      t.moduleRef.get(BankStatementsService).upload(
        actor,
        orgId,
        Buffer.from(
          writeCamt053({
            version: 'camt.053.001.08',
            iban: ORG_IBAN,
            statementRef: 'S',
            from: '2026-03-01',
            to: '2026-03-31',
            openingCents: 0,
            entries,
          }),
        ),
        'camt.xml',
      ),
    );
  const lines = (orgId: string) =>
    t.sql.query<{ status: string; kind: string | null; amount: number; id: string }[]>(
      `SELECT t.id, t.status, t.matched_as AS kind, t.amount_cents::int AS amount FROM bank_transactions t
        WHERE t.organisation_id = $1 ORDER BY t.booked_on, t.amount_cents`,
      [orgId],
    );
  const dunned = async (orgId: string, actor: Actor) => {
    const dunning = t.moduleRef.get(DunningService);
    await dunning.setLevels(actor, orgId, {
      levels: [{ level: 1, daysOverdue: 14, feeCents: 0, title: 'Zahlungserinnerung' }],
    });
    const run = await Clock.runOn('2026-12-31', () =>
      dunning.run(actor, orgId, { runOn: '2026-12-31' }),
    );
    return run.notices.flatMap((n) => n.receivableIds);
  };

  it('matches a return in the same statement as its batch booked without details; the receivable is open again and dunned', async () => {
    const { orgId, actor, sepaMessageId } = await organisation(
      [{ withMandate: true }, { withMandate: true }],
      1,
    );
    const [first, second] = await receivables(orgId);
    expect([first.status, second.status]).toEqual(['submitted', 'submitted']);
    await upload(actor, orgId, [
      {
        amountCents: 6000,
        bookedOn: '2026-03-02',
        paymentInfoId: `${sepaMessageId}-${first.seq}`,
        transactions: [],
      },
      {
        amountCents: -3350,
        bookedOn: '2026-03-06',
        transactions: [
          { amountCents: -3350, endToEndId: first.e2e, returnReason: 'AM04', chargesCents: 350 },
        ],
      },
    ]);
    expect((await lines(orgId)).map((l) => [l.amount, l.status, l.kind])).toEqual([
      [6000, 'matched', 'direct_debit'],
      [-3350, 'matched', 'return'],
    ]);
    const after = await receivables(orgId);
    expect(after.map((r) => [r.memberNo, r.kind, r.status])).toEqual([
      [first.memberNo, 'fee', 'returned'],
      [first.memberNo, 'return_fee', 'open'],
      [second.memberNo, 'fee', 'settled'],
    ]);
    expect(await dunned(orgId, actor)).toEqual(expect.arrayContaining([first.id, after[1].id]));
  });

  it('takes a return booked by hand through the receivable, never silently onto the receivables account', async () => {
    const { orgId, actor } = await organisation([{ withMandate: true }], 1);
    const [fee] = await receivables(orgId);
    // Collected with details, then returned in a later line that names no end-to-end id.
    await upload(actor, orgId, [
      {
        amountCents: 3000,
        bookedOn: '2026-03-02',
        transactions: [{ amountCents: 3000, endToEndId: fee.e2e, mandateRef: 'M' }],
      },
      {
        amountCents: -3300,
        bookedOn: '2026-03-09',
        transactions: [{ amountCents: -3300, returnReason: 'MD06', chargesCents: 300 }],
      },
    ]);
    const returnLine = (await lines(orgId)).find((l) => l.amount === -3300)!;
    expect(returnLine.status).toBe('unmatched');
    const txs = t.moduleRef.get(BankTransactionsService);
    await expect(
      txs.match(actor, orgId, returnLine.id, { kind: 'account', account: 12100 }),
    ).rejects.toMatchObject({ code: 'MATCH_USE_RETURN' });
    await txs.match(actor, orgId, returnLine.id, { kind: 'return', receivableId: fee.id });
    const after = await receivables(orgId);
    expect(after.map((r) => [r.kind, r.status, r.amount])).toEqual([
      ['fee', 'returned', 3000],
      ['return_fee', 'open', 300],
    ]);
    expect(await dunned(orgId, actor)).toEqual(expect.arrayContaining([fee.id]));
    const [{ balance }] = await t.sql.query(
      `SELECT sum(CASE WHEN side = 'D' THEN amount_cents ELSE -amount_cents END)::int AS balance
         FROM journal_lines WHERE organisation_id = $1 AND account_number = 18000`,
      [orgId],
    );
    expect(balance).toBe(-300);
  });

  it('pays the oldest open invoice of the amount a transfer names, by member number or RF reference', async () => {
    const { orgId, actor } = await organisation([{ withMandate: false }], 2);
    const [q1, q2] = await receivables(orgId);
    expect([q1.status, q2.status, q1.amount, q2.amount]).toEqual(['open', 'open', 3000, 3000]);
    await upload(actor, orgId, [
      {
        amountCents: 3000,
        bookedOn: '2026-03-10',
        transactions: [
          { amountCents: 3000, name: 'Jemand', remittance: `Mitgliedsbeitrag ${q1.memberNo}.` },
        ],
      },
      {
        amountCents: 3000,
        bookedOn: '2026-03-11',
        transactions: [
          { amountCents: 3000, name: 'Jemand', creditorRef: toCreditorReference(q1.memberNo) },
        ],
      },
    ]);
    expect((await receivables(orgId)).map((r) => r.status)).toEqual(['settled', 'settled']);
    expect((await lines(orgId)).every((l) => l.kind === 'receivables')).toBe(true);
  });

  it('books a line by hand to an account with a cost centre, and drafts the donor from the line', async () => {
    const { orgId, actor } = await organisation([], 0);
    await upload(actor, orgId, [
      {
        amountCents: 2500,
        bookedOn: '2026-03-12',
        transactions: [
          {
            amountCents: 2500,
            name: 'Zoë Müller-Lüdenscheidt',
            iban: PAYER_IBAN,
            remittance: 'Spende',
          },
        ],
      },
    ]);
    const [line] = await lines(orgId);
    const txs = t.moduleRef.get(BankTransactionsService);
    const detail = await txs.get(actor, orgId, line.id);
    expect(detail.donorDraft).toEqual({
      kind: 'person',
      firstName: 'Zoë',
      lastName: 'Müller-Lüdenscheidt',
      iban: PAYER_IBAN,
    });
    await expect(
      txs.match(actor, orgId, line.id, {
        kind: 'account',
        account: 48350,
        sphere: 1,
        costCentre: 'PROJ-1',
      }),
    ).rejects.toMatchObject({ code: 'COST_CENTRE_UNKNOWN' });
    await createCostCentres(t.sql, orgId, ['PROJ-1']);
    await txs.match(actor, orgId, line.id, {
      kind: 'account',
      account: 48350,
      sphere: 1,
      costCentre: 'PROJ-1',
    });
    const [contra] = await t.sql.query(
      `SELECT cost_centre AS "costCentre" FROM journal_lines WHERE organisation_id = $1 AND account_number = 48350`,
      [orgId],
    );
    expect(contra.costCentre).toBe('PROJ-1');
  });
});
