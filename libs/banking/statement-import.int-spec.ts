import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuditModule } from '@dachwerk/audit';
import { LedgerService } from '@dachwerk/ledger';
import { Clock, type Actor } from '@dachwerk/shared';
import { createOrganisation, createTestModule, createUser, TestModule } from '@dachwerk/testing';
import { BankingModule } from './banking.module';
import { BankStatementsService } from './bank-statements.service';
import { writeCamt053, type CamtStatement } from './camt053-writer';

const ORG_IBAN = 'DE89370400440532013000';
const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name));

describe('statement import on real Postgres: what the bank says, checked before it is believed', () => {
  let t: TestModule;
  let userId: string;
  let statements: BankStatementsService;

  beforeAll(async () => {
    t = await createTestModule([AuditModule, BankingModule]);
    userId = (await createUser(t.sql)).id;
    statements = t.moduleRef.get(BankStatementsService);
  });
  afterAll(() => t.close());

  async function organisation(): Promise<{ orgId: string; actor: Actor }> {
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
    return { orgId, actor };
  }

  const upload = (actor: Actor, orgId: string, file: Buffer | string) =>
    Clock.runOn('2026-12-31', () =>
      statements.upload(actor, orgId, Buffer.from(file), 'auszug.xml'),
    );
  const count = async (orgId: string) =>
    (
      await t.sql.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM bank_statements WHERE organisation_id = $1`,
        [orgId],
      )
    )[0].n;
  const statement = (over: Partial<CamtStatement>): string =>
    writeCamt053({
      version: 'camt.053.001.08',
      iban: ORG_IBAN,
      statementRef: 'S',
      from: '2026-04-01',
      to: '2026-04-30',
      openingCents: 0,
      entries: [],
      ...over,
    });

  it('imports files shaped like real German bank files: returns name the debtor, pending money is kept but not booked', async () => {
    const { orgId, actor } = await organisation();
    await upload(actor, orgId, fixture('fints-return.camt053.001.02.xml'));
    const [v8] = await upload(actor, orgId, fixture('transfers-rf-pending.camt053.001.08.xml'));
    expect(v8).toMatchObject({ openingBalanceCents: 94_155, closingBalanceCents: 115_155 });
    const rows = await t.sql.query(
      `SELECT amount_cents::int AS "amountCents", counterparty_name AS name, creditor_ref AS ref, status, journal_entry_id AS entry, note
         FROM bank_transactions WHERE organisation_id = $1 ORDER BY booked_on, amount_cents`,
      [orgId],
    );
    expect(rows).toEqual([
      expect.objectContaining({ amountCents: -5300, name: 'Sabine Säumig', status: 'unmatched' }),
      expect.objectContaining({ amountCents: -545, status: 'unmatched' }),
      expect.objectContaining({ amountCents: 9000, name: 'Friends of the Garden Inc.' }),
      expect.objectContaining({ amountCents: 12_000, ref: 'RF18539007547034' }),
      expect.objectContaining({
        amountCents: 10_000,
        status: 'not_booked',
        entry: null,
        note: 'not booked: status PDNG',
      }),
    ]);
    // Money the bank has not booked cannot be matched later either.
    await expect(
      t.sql.query(
        `UPDATE bank_transactions SET status = 'ignored', note = 'x' WHERE organisation_id = $1 AND status = 'not_booked'`,
        [orgId],
      ),
    ).rejects.toThrow(/never matched/);
  });

  it('knows a statement by its content, not only its id', async () => {
    const { orgId, actor } = await organisation();
    const file = fixture('fints-return.camt053.001.02.xml');
    await upload(actor, orgId, file);
    // The same statement again, even written out differently: refused, nothing changes.
    await expect(upload(actor, orgId, file)).rejects.toMatchObject({
      code: 'STATEMENT_ALREADY_IMPORTED',
    });
    await expect(
      upload(actor, orgId, file.toString('utf8').replace(/\t/g, '  ')),
    ).rejects.toMatchObject({ code: 'STATEMENT_ALREADY_IMPORTED' });
    // Another statement under the same id (FinTS-derived files reuse one): a statement of its own.
    const [next] = await upload(
      actor,
      orgId,
      statement({
        version: 'camt.053.001.02',
        statementRef: 'camt053_ONLINEBA',
        from: '2026-03-05',
        to: '2026-03-05',
        openingCents: 94_155,
        entries: [{ amountCents: 2_000, bookedOn: '2026-03-05', transactions: [] }],
      }),
    );
    expect(next).toMatchObject({ statementRef: 'camt053_ONLINEBA', closingBalanceCents: 96_155 });
    expect(await count(orgId)).toBe(2);
  });

  it('refuses a statement that does not add up, and changes nothing', async () => {
    const { orgId, actor } = await organisation();
    await expect(
      upload(
        actor,
        orgId,
        statement({
          openingCents: 10_000,
          closingCents: 10_500,
          entries: [{ amountCents: 1_000, bookedOn: '2026-04-02', transactions: [] }],
        }),
      ),
    ).rejects.toMatchObject({ code: 'STATEMENT_BALANCE_MISMATCH', status: 422 });
    expect(await count(orgId)).toBe(0);
  });

  it('refuses a statement that does not continue its neighbours: balance, number, dates', async () => {
    const { orgId, actor } = await organisation();
    const month = (n: number, openingCents: number, over: Partial<CamtStatement> = {}): string =>
      statement({
        statementRef: `2026-00${n}`,
        seq: n,
        from: `2026-0${n}-01`,
        to: `2026-0${n}-28`,
        openingCents,
        entries: [{ amountCents: 1_000, bookedOn: `2026-0${n}-10`, transactions: [] }],
        ...over,
      });
    await upload(actor, orgId, month(1, 5_000));
    const refused = (file: string, pattern: RegExp) =>
      expect(upload(actor, orgId, file)).rejects.toMatchObject({
        code: 'STATEMENT_NOT_CONTINUOUS',
        message: expect.stringMatching(pattern),
      });
    await refused(
      month(2, 5_500),
      /opens with 55,00 €, but statement 2026-001 before it closed with 60,00 €/,
    );
    await refused(month(3, 6_000), /a statement is missing in between/);
    await refused(
      month(2, 6_000, { from: '2026-01-15' }),
      /starts on 2026-01-15, before statement 2026-001 ended/,
    );
    await upload(actor, orgId, month(2, 6_000));
    // April cannot come before March; once March is in, April follows it.
    await refused(month(4, 8_000), /statement 2026-002 before it closed with 70,00 €/);
    expect(await count(orgId)).toBe(2);
    await upload(actor, orgId, month(3, 7_000));
    await refused(month(5, 9_000, { seq: 5, openingCents: 7_500 }), /opens with 75,00 €/);
    await upload(actor, orgId, month(4, 8_000));
    expect(await count(orgId)).toBe(4);
  });
});
