import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { composeIBAN } from 'ibantools';
import { DataSource } from 'typeorm';
import { AuditModule } from '@dachwerk/audit';
import {
  BankingModule,
  BankStatementsService,
  parseCamt053,
  writeCamt053,
  type CamtTx,
} from '@dachwerk/banking';
import { LedgerService } from '@dachwerk/ledger';
import { FeeRunsService, TiersService } from '@dachwerk/membership';
import { DocumentStore, SharedModule, Transactions, xsdErrors, type Actor } from '@dachwerk/shared';
import { createOrganisation, createUser } from '@dachwerk/testing';
import { report } from './support/report';
import type { BenchServices } from './support/services';

@Module({ imports: [SharedModule, AuditModule, BankingModule] })
class MembershipBenchModule {}

const ORG_IBAN = 'DE89370400440532013000';
const seconds = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9;

/**
 * Issue 6 in one run: (a) a fee run for 20,000 members — receivables booked one entry
 * each, the pain.008 built and checked against the XSD — goal under 20 s; (b) importing
 * and matching a camt.053 with 20,000 transactions (a direct-debit batch and single
 * transfers) — goal under 15 s and within 3× of only parsing the same file.
 */
export async function benchMembership(services: BenchServices): Promise<void> {
  Object.assign(process.env, services.env, { LOG_LEVEL: 'warn' });
  const app = await NestFactory.createApplicationContext(MembershipBenchModule, {
    logger: ['error'],
  });
  try {
    const db = app.get(DataSource);
    const orgId = (await createOrganisation(db, { sepaCreditorId: 'DE98ZZZ09999999999' })).id;
    await db.query(
      `INSERT INTO organisation_bank_accounts (organisation_id, label, iban, is_default) VALUES ($1, 'Giro', $2, true)`,
      [orgId, ORG_IBAN],
    );
    const user = await createUser(db, { roles: { [orgId]: ['treasurer', 'staff'] } });
    const actor: Actor = {
      userId: user.id,
      email: user.email,
      name: 'b',
      isPlatformAdmin: false,
      roles: { [orgId]: ['treasurer', 'staff'] },
      initiativeIds: {},
    };
    const ledger = app.get(LedgerService);
    await ledger.installChart(actor, orgId);
    await ledger.createFiscalYear(actor, orgId, '2026-01-01');
    const tier = await app.get(TiersService).create(actor, orgId, {
      code: 'IND',
      name: 'Einzelmitglied',
      memberForm: 'individual',
      interval: 'quarterly',
      validFrom: '2020-01-01',
      amountCents: 1500,
      reducedAmountCents: 750,
    });

    // 20,000 members, three in four with a mandate (set up in bulk; not what is measured).
    const count = Number(process.env.BENCH_MEMBERS ?? 20_000);
    const ids = (
      await db.query<{ id: string }[]>(
        `SELECT gen_random_uuid() AS id FROM generate_series(1, $1)`,
        [count],
      )
    ).map((r) => r.id);
    await db.query(
      `INSERT INTO members (organisation_id, id, member_no, kind, first_name, last_name, street, postal_code, city, joined_on)
       SELECT $1, id, 'M-' || lpad(n::text, 6, '0'), 'person', 'Vorname', 'Mitglied' || n, 'Weg ' || n, '70173', 'Stuttgart', date '2020-01-01' + (n % 1500)::int
         FROM unnest($2::uuid[]) WITH ORDINALITY AS x(id, n)`,
      [orgId, ids],
    );
    await db.query(
      `INSERT INTO member_tier_assignments (member_id, starts_on, tier_id, reduced)
       SELECT id, joined_on, $2, (random() < 0.1) FROM members WHERE organisation_id = $1`,
      [orgId, tier.id],
    );
    const withMandate = ids.filter((_, i) => i % 4 !== 3);
    await db.query(
      `INSERT INTO sepa_mandates (organisation_id, member_id, reference, signed_on, debtor_name, iban, last_used_on)
       SELECT $1, x.id, 'MR-' || x.n, date '2025-01-01', 'Kontoinhaber ' || x.n, x.iban, CASE WHEN x.n % 3 = 0 THEN NULL ELSE date '2025-12-01' END
         FROM unnest($2::uuid[], $3::text[]) WITH ORDINALITY AS x(id, iban, n)`,
      [
        orgId,
        withMandate,
        withMandate.map((_, i) =>
          composeIBAN({
            countryCode: 'DE',
            bban: `43060967${String(1_000_000 + i).padStart(10, '0')}`,
          }),
        ),
      ],
    );

    const feeRuns = app.get(FeeRunsService);
    const t0 = process.hrtime.bigint();
    const run = await app.get(Transactions).run((m) =>
      feeRuns.raise(m, orgId, user.id, {
        periodStart: '2026-01-01',
        periodEnd: '2026-03-31',
        collectionDate: '2026-03-02',
      }),
    );
    const feeRunSeconds = seconds(t0);
    const pain = (
      await app.get(DocumentStore).get(`sepa/${orgId}/${run.sepaMessageId}.xml`)
    ).toString('utf8');
    const t1 = process.hrtime.bigint();
    const painErrors = await xsdErrors('pain.008.001.08', pain);
    const xsdSeconds = seconds(t1);
    report(
      'fee run 20k members + pain.008 + XSD',
      {
        receivables: run.receivableCount,
        debits: run.debitCount,
        's total': feeRunSeconds,
        'of it XSD s': xsdSeconds,
        'pain MB': pain.length / 1e6,
      },
      {
        text: 'under 20 s, file schema-valid',
        met: feeRunSeconds < 20 && painErrors.length === 0 && run.receivableCount === count,
      },
    );

    // The statement of the collection: the batch, plus a transfer for every member without mandate.
    const receivables = await db.query<
      { e2e: string; amount: number; memberNo: string; status: string; seq: string | null }[]
    >(
      `SELECT r.end_to_end_id AS e2e, r.amount_cents::int AS amount, mb.member_no AS "memberNo", r.status, r.sepa_sequence AS seq
         FROM receivables r JOIN members mb ON mb.id = r.member_id WHERE r.fee_run_id = $1`,
      [run.id],
    );
    const entries = (['FRST', 'RCUR'] as const).map((seq) => {
      const batch = receivables.filter((r) => r.seq === seq);
      const transactions: CamtTx[] = batch.map((r) => ({
        amountCents: r.amount,
        endToEndId: r.e2e,
        mandateRef: r.memberNo,
        name: r.memberNo,
      }));
      return {
        amountCents: batch.reduce((s, r) => s + r.amount, 0),
        bookedOn: '2026-03-02',
        paymentInfoId: `${run.sepaMessageId}-${seq}`,
        transactions,
      };
    });
    for (const r of receivables.filter((x) => x.status === 'open'))
      entries.push({
        amountCents: r.amount,
        bookedOn: '2026-03-05',
        paymentInfoId: '',
        transactions: [
          { amountCents: r.amount, name: 'Mitglied', remittance: `Beitrag ${r.memberNo} Q1` },
        ],
      });
    const xml = writeCamt053({
      version: 'camt.053.001.08',
      iban: ORG_IBAN,
      statementRef: 'BENCH-1',
      from: '2026-03-01',
      to: '2026-03-31',
      openingCents: 0,
      entries,
    });
    const file = Buffer.from(xml, 'utf8');
    const t2 = process.hrtime.bigint();
    const parsed = parseCamt053(xml);
    const parseSeconds = seconds(t2);
    const t3 = process.hrtime.bigint();
    const [statement] = await app
      .get(BankStatementsService)
      .upload(actor, orgId, file, 'bench.xml');
    const importSeconds = seconds(t3);
    const txCount = parsed[0].entries.reduce((s, e) => s + e.transactions.length, 0);
    report(
      'camt.053 import + match (20k tx)',
      {
        transactions: txCount,
        matched: statement.matchedCount,
        'import s': importSeconds,
        'parse-only s': parseSeconds,
        ratio: importSeconds / parseSeconds,
        'file MB': file.length / 1e6,
      },
      {
        text: 'under 15 s and <= 3x parse-only, all matched',
        met:
          importSeconds < 15 &&
          importSeconds <= 3 * parseSeconds &&
          statement.matchedCount === txCount &&
          statement.differenceCents === 0,
      },
    );
  } finally {
    await app.close();
  }
}
