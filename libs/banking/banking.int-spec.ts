import fc from 'fast-check';
import { AuditModule } from '@dachwerk/audit';
import { LedgerService } from '@dachwerk/ledger';
import {
  FeeRunsService,
  MembersService,
  MandatesService,
  TiersService,
} from '@dachwerk/membership';
import { Transactions, type Actor } from '@dachwerk/shared';
import { createOrganisation, createTestModule, createUser, TestModule } from '@dachwerk/testing';
import { writeCamt053, type CamtEntry } from './camt053-writer';
import { BankingModule } from './banking.module';
import { BankStatementsService } from './bank-statements.service';

const ORG_IBAN = 'DE89370400440532013000';
const PAYER_IBAN = 'DE02120300000000202051';

/** What the bank does with each receivable of the run. */
type Fate =
  'collected' | 'collected-then-returned' | 'missing' | 'transfer' | 'transfer-wrong-amount';

describe('banking on real Postgres: receivables always add up', () => {
  let t: TestModule;
  let userId: string;

  beforeAll(async () => {
    t = await createTestModule([AuditModule, BankingModule]);
    userId = (await createUser(t.sql)).id;
  });
  afterAll(() => t.close());

  async function organisation(): Promise<{ orgId: string; actor: Actor }> {
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
    return { orgId, actor };
  }

  it('settled + open + returned = raised, and the books hold exactly the unpaid part, for any run and statement', async () => {
    const tiers = t.moduleRef.get(TiersService);
    const members = t.moduleRef.get(MembersService);
    const mandates = t.moduleRef.get(MandatesService);
    const feeRuns = t.moduleRef.get(FeeRunsService);
    const statements = t.moduleRef.get(BankStatementsService);
    const tx = t.moduleRef.get(Transactions);

    const memberArb = fc.record({
      quarterly: fc.boolean(),
      amountCents: fc.integer({ min: 100, max: 20_000 }),
      withMandate: fc.boolean(),
      joinedMonth: fc.integer({ min: 0, max: 2 }),
      fates: fc.array(
        fc.constantFrom<Fate>(
          'collected',
          'collected-then-returned',
          'missing',
          'transfer',
          'transfer-wrong-amount',
        ),
        { minLength: 4, maxLength: 4 },
      ),
      chargesCents: fc.integer({ min: 0, max: 900 }),
    });

    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.array(memberArb, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 30_000 }),
        async (spec, noiseCents) => {
          const { orgId, actor } = await organisation();
          for (const [i, m] of spec.entries()) {
            const tier = await tiers.create(actor, orgId, {
              code: `T${i}`,
              name: `Tier ${i}`,
              memberForm: 'individual',
              interval: m.quarterly ? 'quarterly' : 'yearly',
              validFrom: '2020-01-01',
              amountCents: m.amountCents,
            });
            const member = await members.create(actor, orgId, {
              kind: 'person',
              lastName: `Person${i}`,
              joinedOn: `2025-1${m.joinedMonth}-01`,
              tierId: tier.id,
            });
            if (m.withMandate)
              await mandates.create(actor, orgId, {
                memberId: member.id,
                signedOn: '2025-06-01',
                debtorName: `P${i}`,
                iban: PAYER_IBAN,
              });
          }
          const run = await tx.run((m) =>
            feeRuns.raise(m, orgId, userId, {
              periodStart: '2026-01-01',
              periodEnd: '2026-03-31',
              collectionDate: '2026-03-02',
            }),
          );
          const raised = await t.sql.query<
            {
              id: string;
              memberNo: string;
              amount: number;
              e2e: string;
              status: string;
              idx: number;
            }[]
          >(
            `SELECT r.id, mb.member_no AS "memberNo", r.amount_cents::int AS amount, r.end_to_end_id AS e2e, r.status,
                  row_number() OVER (PARTITION BY r.member_id ORDER BY r.period_start)::int - 1 AS idx
             FROM receivables r JOIN members mb ON mb.id = r.member_id WHERE r.organisation_id = $1 ORDER BY mb.member_no, r.period_start`,
            [orgId],
          );
          const specOf = (memberNo: string) => spec[Number(memberNo.slice(2)) - 1];

          const batch: { amountCents: number; endToEndId: string }[] = [];
          const entries: CamtEntry[] = [];
          for (const r of raised) {
            const m = specOf(r.memberNo);
            const fate = m.fates[r.idx % 4];
            if (r.status === 'submitted' && fate.startsWith('collected')) {
              batch.push({ amountCents: r.amount, endToEndId: r.e2e });
              if (fate === 'collected-then-returned')
                entries.push({
                  amountCents: -(r.amount + m.chargesCents),
                  bookedOn: '2026-03-06',
                  transactions: [
                    {
                      amountCents: -(r.amount + m.chargesCents),
                      endToEndId: r.e2e,
                      returnReason: 'MD06',
                      chargesCents: m.chargesCents,
                    },
                  ],
                });
            }
            if (r.status === 'open' && fate.startsWith('transfer')) {
              const amount = fate === 'transfer' ? r.amount : r.amount + 1;
              entries.push({
                amountCents: amount,
                bookedOn: '2026-03-04',
                transactions: [
                  { amountCents: amount, remittance: `Beitrag ${r.memberNo}`, name: 'X' },
                ],
              });
            }
          }
          if (noiseCents)
            entries.push({
              amountCents: noiseCents,
              bookedOn: '2026-03-05',
              transactions: [{ amountCents: noiseCents, name: 'Unbekannt', remittance: 'Spende' }],
            });
          if (batch.length)
            entries.unshift({
              amountCents: batch.reduce((s, b) => s + b.amountCents, 0),
              bookedOn: '2026-03-02',
              paymentInfoId: `${run.sepaMessageId}-RCUR`,
              transactions: batch,
            });
          const [imported] = await statements.upload(
            actor,
            orgId,
            Buffer.from(
              writeCamt053({
                version: 'camt.053.001.08',
                iban: ORG_IBAN,
                statementRef: 'S1',
                from: '2026-03-01',
                to: '2026-03-31',
                openingCents: 0,
                entries,
              }),
            ),
            'camt.xml',
          );

          const [sums] = await t.sql.query<
            {
              raised: number;
              byStatus: number;
              unpaid: number;
              settledEvents: number;
              returnedEvents: number;
              settledNow: number;
            }[]
          >(
            `SELECT (SELECT COALESCE(sum(e.amount_cents), 0)::int FROM receivable_events e JOIN receivables r ON r.id = e.receivable_id
                    WHERE r.organisation_id = $1 AND e.kind = 'raised') AS raised,
                  (SELECT COALESCE(sum(amount_cents), 0)::int FROM receivables WHERE organisation_id = $1
                    AND status IN ('settled', 'open', 'returned', 'submitted')) AS "byStatus",
                  (SELECT COALESCE(sum(amount_cents), 0)::int FROM receivables WHERE organisation_id = $1 AND status <> 'settled') AS unpaid,
                  (SELECT COALESCE(sum(e.amount_cents), 0)::int FROM receivable_events e JOIN receivables r ON r.id = e.receivable_id
                    WHERE r.organisation_id = $1 AND e.kind = 'settled') AS "settledEvents",
                  (SELECT COALESCE(sum(e.amount_cents), 0)::int FROM receivable_events e JOIN receivables r ON r.id = e.receivable_id
                    WHERE r.organisation_id = $1 AND e.kind = 'returned') AS "returnedEvents",
                  (SELECT COALESCE(sum(amount_cents), 0)::int FROM receivables WHERE organisation_id = $1 AND status = 'settled') AS "settledNow"`,
            [orgId],
          );
          expect(sums.byStatus).toBe(sums.raised);
          expect(sums.settledEvents - sums.returnedEvents).toBe(sums.settledNow);
          const ledger = t.moduleRef.get(LedgerService);
          const receivable = await ledger.balanceOn(t.sql.manager, orgId, 12100, '2026-12-31');
          expect(receivable).toBe(sums.unpaid);
          // The bank account in the books differs from the statement only by what is unmatched.
          const [{ unmatched }] = await t.sql.query<{ unmatched: number }[]>(
            `SELECT COALESCE(sum(amount_cents), 0)::int AS unmatched FROM bank_transactions WHERE organisation_id = $1 AND status = 'unmatched'`,
            [orgId],
          );
          expect(imported.differenceCents).toBe(unmatched);
          const kinds = await t.sql.query<{ kind: string }[]>(
            `SELECT COALESCE(matched_as, status) AS kind FROM bank_transactions WHERE organisation_id = $1`,
            [orgId],
          );
          for (const { kind } of kinds) seen.set(kind, (seen.get(kind) ?? 0) + 1);
        },
      ),
      { numRuns: 15, seed: 20261126 },
    );
    // The runs went through every path, not only the easy one.
    expect([...seen.keys()].sort()).toEqual(['direct_debit', 'receivables', 'return', 'unmatched']);
  });
});
