import fc from 'fast-check';
import { AuditModule } from '@dachwerk/audit';
import { DonationsService, DonorsService } from '@dachwerk/donations';
import { LedgerService, TRANSIT_ACCOUNT } from '@dachwerk/ledger';
import { Clock, type Actor } from '@dachwerk/shared';
import { createOrganisation, createTestModule, createUser, TestModule } from '@dachwerk/testing';
import { BankStatementsService } from './bank-statements.service';
import { BankTransactionsService } from './bank-transactions.service';
import { BankingModule } from './banking.module';
import { writeCamt053, type CamtEntry } from './camt053-writer';

const ORG_IBAN = 'DE89370400440532013000';
const DONORS = [
  { lastName: 'Überweiser', firstName: 'Jörg', iban: 'DE02120300000000202051' },
  { lastName: 'Spendabel', firstName: 'Erika', iban: 'DE02500105170137075030' },
  { lastName: 'Gross', firstName: 'Hans', iban: undefined },
];

/** What the bank does with a donation that was entered by hand. */
type Fate = 'arrives' | 'arrives-under-another-name' | 'not-yet';

describe('money entered by hand waits on Geldtransit until the statement shows it', () => {
  let t: TestModule;
  let userId: string;

  beforeAll(async () => {
    t = await createTestModule([AuditModule, BankingModule]);
    userId = (await createUser(t.sql)).id;
  });
  afterAll(() => t.close());

  async function organisation(): Promise<{ orgId: string; actor: Actor; donorIds: string[] }> {
    const orgId = (await createOrganisation(t.sql)).id;
    await t.sql.query(
      `INSERT INTO organisation_bank_accounts (organisation_id, label, iban, is_default) VALUES ($1, 'Giro', $2, true)`,
      [orgId, ORG_IBAN],
    );
    await t.superSql.query(
      `INSERT INTO memberships (user_id, organisation_id, role) VALUES ($1, $2, 'treasurer')`,
      [userId, orgId],
    );
    const actor: Actor = {
      userId,
      email: 'p@x.de',
      name: 'P',
      isPlatformAdmin: false,
      roles: { [orgId]: ['treasurer'] },
      initiativeIds: {},
    };
    const ledger = t.moduleRef.get(LedgerService);
    await ledger.installChart(actor, orgId);
    await ledger.createFiscalYear(actor, orgId, '2026-01-01');
    const donors = t.moduleRef.get(DonorsService);
    const donorIds: string[] = [];
    for (const d of DONORS)
      donorIds.push((await donors.create(actor, orgId, { kind: 'person', ...d })).id);
    return { orgId, actor, donorIds };
  }

  it('for any hand-entered donations and any statement, the books’ bank account equals the statement’s closing balance after matching', async () => {
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            donor: fc.integer({ min: 0, max: DONORS.length - 1 }),
            // Even amounts: other lines are odd, so no stranger's line is ever taken for a donation.
            amountCents: fc.integer({ min: 1, max: 25_000 }).map((c) => c * 2),
            day: fc.integer({ min: 1, max: 20 }),
            fate: fc.constantFrom<Fate>('arrives', 'arrives-under-another-name', 'not-yet'),
          }),
          { maxLength: 6 },
        ),
        fc.array(
          fc.integer({ min: -15_000, max: 15_000 }).map((c) => c * 2 + 1),
          {
            maxLength: 3,
          },
        ),
        fc.integer({ min: 0, max: 100_000 }),
        async (donations, otherCents, openingCents) => {
          const { orgId, actor, donorIds } = await organisation();
          await Clock.runOn('2026-12-31', async () => {
            const service = t.moduleRef.get(DonationsService);
            for (const d of donations)
              await service.record(actor, orgId, {
                donorId: donorIds[d.donor],
                kind: 'money',
                channel: 'transfer',
                receivedOn: `2026-03-${String(d.day).padStart(2, '0')}`,
                amountCents: d.amountCents,
                earmark: 'general',
              });
            const ledger = t.moduleRef.get(LedgerService);
            // Entered by hand, nothing reached the bank account in the books yet.
            expect(await ledger.balanceOn(t.sql.manager, orgId, 18000, '2026-12-31')).toBe(0);

            const entries: CamtEntry[] = [
              ...donations
                .filter((d) => d.fate !== 'not-yet')
                .map((d) => {
                  const donor = DONORS[d.donor];
                  const tx = {
                    amountCents: d.amountCents,
                    ...(d.fate === 'arrives'
                      ? { name: `${donor.firstName} ${donor.lastName}`, iban: donor.iban }
                      : { name: 'Konto Nachbarschaft', iban: 'DE75512108001245126199' }),
                    remittance: 'Spende',
                  };
                  return {
                    amountCents: d.amountCents,
                    bookedOn: `2026-03-${String(d.day + 2).padStart(2, '0')}`,
                    transactions: [tx],
                  };
                }),
              ...otherCents.map((cents) => ({
                amountCents: cents,
                bookedOn: '2026-03-25',
                transactions: [{ amountCents: cents, name: 'Sonstige', remittance: 'Sonstiges' }],
              })),
            ];
            const booksBefore = openingCents;
            if (openingCents)
              await t.sql.transaction((m) =>
                ledger.post(m, orgId, userId, {
                  bookedOn: '2026-01-01',
                  documentOn: '2026-01-01',
                  documentNo: 'EB',
                  text: 'Anfangsbestand',
                  source: 'manual',
                  lines: [
                    { account: 18000, side: 'debit', amountCents: booksBefore, sphere: 1 },
                    { account: 20000, side: 'credit', amountCents: booksBefore, sphere: 1 },
                  ],
                }),
              );
            const [statement] = await t.moduleRef.get(BankStatementsService).upload(
              actor,
              orgId,
              Buffer.from(
                writeCamt053({
                  version: 'camt.053.001.08',
                  iban: ORG_IBAN,
                  statementRef: 'S1',
                  from: '2026-03-01',
                  to: '2026-03-31',
                  openingCents,
                  entries,
                }),
              ),
              'camt.xml',
            );
            // Automatic matching: what remains differs from the bank by exactly the unmatched lines.
            const txs = t.moduleRef.get(BankTransactionsService);
            const unmatched = (
              await txs.list(actor, orgId, { status: 'unmatched', page: 1, pageSize: 200 })
            ).items;
            expect(statement.differenceCents).toBe(
              unmatched.reduce((s, tx) => s + tx.amountCents, 0),
            );
            // A person resolves the rest: a suggested hand booking where there is one, else an account.
            for (const tx of unmatched) {
              const { suggestions } = await txs.get(actor, orgId, tx.id);
              const transit = suggestions.find((s) => s.kind === 'transit');
              seen.set(transit ? 'by hand: transit' : 'by hand: account', 1);
              await txs.match(
                actor,
                orgId,
                tx.id,
                transit
                  ? { kind: 'transit', transitEntryId: transit.id }
                  : { kind: 'account', account: 48350, sphere: 1 },
              );
            }
            const matchedAs = await t.sql.query<{ k: string }[]>(
              `SELECT matched_as AS k FROM bank_transactions WHERE organisation_id = $1`,
              [orgId],
            );
            for (const { k } of matchedAs) seen.set(k, (seen.get(k) ?? 0) + 1);
            // Books = bank, and Geldtransit holds exactly the donations the bank has not shown.
            expect(await ledger.balanceOn(t.sql.manager, orgId, 18000, '2026-12-31')).toBe(
              statement.closingBalanceCents,
            );
            expect(
              await ledger.balanceOn(t.sql.manager, orgId, TRANSIT_ACCOUNT, '2026-12-31'),
            ).toBe(
              donations.filter((d) => d.fate === 'not-yet').reduce((s, d) => s + d.amountCents, 0),
            );
          });
        },
      ),
      { numRuns: 12, seed: 20261201 },
    );
    expect([...seen.keys()].sort()).toEqual(
      expect.arrayContaining(['account', 'by hand: transit', 'transit']),
    );
  });
});
