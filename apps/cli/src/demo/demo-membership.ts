import type { INestApplicationContext } from '@nestjs/common';
import { composeIBAN } from 'ibantools';
import { DataSource } from 'typeorm';
import { BankStatementsService, writeCamt053, type CamtEntry } from '@dachwerk/banking';
import {
  DunningService,
  FeeReceiptsService,
  FeeRunsService,
  MandatesService,
  MembersService,
  TiersService,
} from '@dachwerk/membership';
import { LedgerService } from '@dachwerk/ledger';
import {
  addDays,
  JobQueue,
  nextTargetBusinessDay,
  Transactions,
  type Actor,
} from '@dachwerk/shared';
import { UMBRELLA } from './demo-data';

const FIRST = [
  'Anna',
  'Ben',
  'Clara',
  'David',
  'Elif',
  'Felix',
  'Greta',
  'Hannes',
  'Ida',
  'Jonas',
  'Katrin',
  'Lukas',
  'Mia',
  'Noah',
];
const LAST = [
  'Albrecht',
  'Brandt',
  'Dietrich',
  'Engel',
  'Franke',
  'Günther',
  'Hartmann',
  'Jäger',
  'Krüger',
  'Lang',
  'Lorenz',
  'Möller',
  'Peters',
  'Sommer',
];
const GROUPS: { name: string; form: 'organisation' | 'initiative' | 'project' }[] = [
  { name: 'Sportfreunde Süd e.V.', form: 'organisation' },
  { name: 'Kulturverein Heslach e.V.', form: 'organisation' },
  { name: 'Förderverein Stadtbücherei e.V.', form: 'organisation' },
  { name: 'Nachbarschaftshilfe West e.V.', form: 'organisation' },
  { name: 'Repair-Café Ost', form: 'initiative' },
  { name: 'Gemeinschaftsgarten Nord', form: 'initiative' },
  { name: 'Lesepaten Mitte', form: 'initiative' },
  { name: 'Projekt Sprachcafé', form: 'project' },
  { name: 'Projekt Stadtteilzeitung', form: 'project' },
];

/**
 * Membership demo for the umbrella: a tier for every membership form, 60 members
 * (most with a mandate), this year's fee run with its SEPA file, the bank statement of
 * the collection (settled, returned and unmatched items) and a dunning run. History is
 * dated early in the year, so the run goes through FeeRunsService.raise without the
 * pre-notification date check that guards live runs. Idempotent: skipped when tiers exist.
 */
export async function seedDemoMembership(
  app: INestApplicationContext,
  organisationId: string,
  actor: Actor,
  today: string,
): Promise<void> {
  const db = app.get(DataSource);
  const [{ n }] = await db.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM membership_tiers WHERE organisation_id = $1`,
    [organisationId],
  );
  if (n > 0) return;
  const tiers = app.get(TiersService);
  const members = app.get(MembersService);
  const mandates = app.get(MandatesService);
  const year = today.slice(0, 4);
  const staff: Actor = { ...actor, roles: { [organisationId]: ['treasurer', 'staff'] } };

  const tier = async (
    code: string,
    name: string,
    memberForm: 'organisation' | 'initiative' | 'project' | 'individual',
    interval: 'yearly' | 'half_yearly' | 'quarterly' | 'monthly',
    amountCents: number,
    extra = {},
  ) =>
    (
      await tiers.create(staff, organisationId, {
        code,
        name,
        memberForm,
        interval,
        validFrom: '2020-01-01',
        amountCents,
        ...extra,
      })
    ).id;
  const tierOf = {
    organisation: await tier('ORG', 'Mitgliedsverein', 'organisation', 'yearly', 12_000, {
      admissionFeeCents: 5_000,
    }),
    initiative: await tier('INI', 'Initiative', 'initiative', 'yearly', 3_000),
    project: await tier('PRJ', 'Projekt', 'project', 'half_yearly', 2_500),
    individual: await tier('IND', 'Einzelmitglied', 'individual', 'quarterly', 1_500, {
      reducedAmountCents: 750,
      admissionFeeCents: 1_000,
      feesDeductible: true,
    }),
    supporter: await tier('FOE', 'Fördermitglied', 'individual', 'yearly', 6_000, {
      feesDeductible: true,
    }),
  };

  let account = 1_000_000;
  const iban = () =>
    composeIBAN({ countryCode: 'DE', bban: `43060967${String(account++).padStart(10, '0')}` })!;
  const ids: { id: string; memberNo: string; withMandate: boolean }[] = [];
  for (const [i, g] of GROUPS.entries()) {
    const m = await members.create(staff, organisationId, {
      kind: 'organisation',
      organisationName: g.name,
      contactPerson: `${FIRST[i]} ${LAST[i]}`,
      street: `Marktplatz ${i + 1}`,
      postalCode: '70173',
      city: 'Stuttgart',
      email: `kontakt${i}@verein.example`,
      joinedOn: `${2021 + (i % 4)}-0${1 + (i % 9)}-01`,
      tierId: tierOf[g.form],
    });
    ids.push({ id: m.id, memberNo: m.memberNo, withMandate: i % 4 !== 3 });
  }
  for (let i = 0; i < 51; i++) {
    const joinedThisYear = i % 17 === 5;
    const m = await members.create(staff, organisationId, {
      kind: 'person',
      firstName: FIRST[i % FIRST.length],
      lastName: LAST[(i * 5) % LAST.length],
      street: `Olgastraße ${i + 2}`,
      postalCode: `701${String(70 + (i % 30)).padStart(2, '0')}`,
      city: 'Stuttgart',
      email: i % 3 ? `person${i}@example.org` : undefined,
      consentsToEmail: i % 3 !== 0,
      joinedOn: joinedThisYear
        ? `${year}-01-15`
        : `${2015 + (i % 10)}-${String(1 + (i % 12)).padStart(2, '0')}-01`,
      tierId: i % 5 === 4 ? tierOf.supporter : tierOf.individual,
      reduced: i % 7 === 3,
    });
    ids.push({ id: m.id, memberNo: m.memberNo, withMandate: i % 6 !== 0 });
  }
  for (const [i, m] of ids.entries())
    if (m.withMandate)
      await mandates.create(staff, organisationId, {
        memberId: m.id,
        signedOn: `${Number(year) - 1}-${String(1 + (i % 12)).padStart(2, '0')}-10`,
        debtorName: `Kontoinhaber ${m.memberNo}`,
        iban: iban(),
      });

  // The first quarter's fee run, collected early in the year.
  const collection = nextTargetBusinessDay(`${year}-02-02`);
  // Live runs enqueue their letters in FeeRunsService.create; the demo goes through raise().
  const run = await app.get(Transactions).run(async (m) => {
    const raised = await app.get(FeeRunsService).raise(m, organisationId, actor.userId, {
      periodStart: `${year}-01-01`,
      periodEnd: `${year}-03-31`,
      collectionDate: collection,
    });
    await app
      .get(JobQueue)
      .enqueue(
        m,
        'membership.letters',
        { kind: 'pre-notification', runId: raised.id },
        { jobId: `fee-run-notices-${raised.id}` },
      );
    return raised;
  });
  const receivables = await db.query<
    {
      id: string;
      memberNo: string;
      amount: number;
      e2e: string;
      status: string;
      sequence: string | null;
    }[]
  >(
    `SELECT r.id, mb.member_no AS "memberNo", r.amount_cents::int AS amount, r.end_to_end_id AS e2e, r.status, r.sepa_sequence AS sequence
       FROM receivables r JOIN members mb ON mb.id = r.member_id WHERE r.fee_run_id = $1 ORDER BY mb.member_no`,
    [run.id],
  );
  const submitted = receivables.filter((r) => r.status === 'submitted');
  const returns = [
    { r: submitted[3], reason: 'AM04', charges: 300 },
    { r: submitted[11], reason: 'MD06', charges: 0 },
    { r: submitted[20], reason: 'AC04', charges: 450 },
  ];
  const open = receivables.filter((r) => r.status === 'open');
  const booked = addDays(collection, 1);
  const entries: CamtEntry[] = (['FRST', 'RCUR'] as const).flatMap((sequence) => {
    const batch = submitted.filter((r) => r.sequence === sequence);
    return batch.length
      ? [
          {
            amountCents: batch.reduce((s, r) => s + r.amount, 0),
            bookedOn: collection,
            bankRef: `SEPA-${sequence}`,
            paymentInfoId: `${run.sepaMessageId}-${sequence}`,
            transactions: batch.map((r) => ({
              amountCents: r.amount,
              endToEndId: r.e2e,
              mandateRef: r.memberNo,
            })),
          },
        ]
      : [];
  });
  for (const { r, reason, charges } of returns)
    entries.push({
      amountCents: -(r.amount + charges),
      bookedOn: addDays(booked, 5),
      transactions: [
        {
          amountCents: -(r.amount + charges),
          endToEndId: r.e2e,
          returnReason: reason,
          chargesCents: charges,
        },
      ],
    });
  for (const [i, r] of open.entries())
    if (i % 3 !== 2)
      entries.push({
        amountCents: r.amount + (i === 1 ? 500 : 0),
        bookedOn: addDays(booked, i % 10),
        transactions: [
          {
            amountCents: r.amount + (i === 1 ? 500 : 0),
            name: `Mitglied ${r.memberNo}`,
            iban: iban(),
            remittance: `Mitgliedsbeitrag ${r.memberNo}`,
          },
        ],
      });
  entries.push({
    amountCents: 15_000,
    bookedOn: addDays(booked, 3),
    transactions: [
      {
        amountCents: 15_000,
        name: 'Erika Spendabel',
        iban: iban(),
        remittance: 'Fuer die Lesepaten',
      },
    ],
  });
  entries.push({ amountCents: -1_290, bookedOn: `${year}-02-27`, transactions: [] });
  // February's statement follows the fee run; early in a year there is none yet.
  if (today >= `${year}-03-01`) {
    const opening = await app
      .get(LedgerService)
      .balanceOn(db.manager, organisationId, 18000, `${year}-01-31`);
    const xml = writeCamt053({
      version: 'camt.053.001.08',
      iban: UMBRELLA.bankAccount.iban,
      statementRef: `${year}-002`,
      seq: 2,
      from: `${year}-02-01`,
      to: `${year}-02-28`,
      openingCents: opening ?? 0,
      entries,
    });
    await app
      .get(BankStatementsService)
      .upload(actor, organisationId, Buffer.from(xml, 'utf8'), `Kontoauszug-${year}-02.xml`);
    // A supporting member asked for a receipt of the fee they paid.
    const supporter = await db.query<{ id: string }[]>(
      `SELECT r.member_id AS id FROM receivables r JOIN member_tier_assignments a ON a.member_id = r.member_id
        WHERE r.organisation_id = $1 AND r.status = 'settled' AND a.tier_id = $2 ORDER BY r.member_id LIMIT 1`,
      [organisationId, tierOf.supporter],
    );
    if (supporter[0])
      await app.get(FeeReceiptsService).issue(actor, organisationId, supporter[0].id, Number(year));
  }

  const dunning = app.get(DunningService);
  await dunning.setLevels(actor, organisationId, {
    levels: [
      { level: 1, daysOverdue: 14, feeCents: 0, title: 'Zahlungserinnerung' },
      { level: 2, daysOverdue: 28, feeCents: 500, title: '1. Mahnung' },
      { level: 3, daysOverdue: 42, feeCents: 1_000, title: 'Letzte Mahnung' },
    ],
  });
  await dunning.run(actor, organisationId, { runOn: today });
}
