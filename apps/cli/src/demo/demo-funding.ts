import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BankStatementsService, writeCamt053 } from '@dachwerk/banking';
import {
  ApplicationsService,
  ExpenseClaimsService,
  FundsService,
  PayoutRunsService,
  ProgrammesService,
  ProofsOfUseService,
} from '@dachwerk/funding';
import { addDays, nextTargetBusinessDay, type Actor, type Role } from '@dachwerk/shared';
import { UMBRELLA } from './demo-data';

/** The four fields of the city's catalogue for neighbourhood projects (seed 003). */
export const NEIGHBOURHOOD_CRITERIA = [
  { key: 'cohesion', name: 'Sozialer Zusammenhalt und Begegnungsorte', weight: 30 },
  { key: 'participation', name: 'Teilhabe und Selbsthilfe (auch stille Gruppen)', weight: 30 },
  { key: 'access', name: 'Barrierearme, niedrigschwellige soziale Infrastruktur', weight: 20 },
  { key: 'environment', name: 'Wohnumfeld', weight: 20 },
];

/**
 * Funding demo for the umbrella's three initiatives (created with the donations demo):
 * a foundation grant, claims approved and paid through a payout run and its bank
 * statement, a programme with applications in every state, and proofs of use — one
 * due soon, one overdue. Idempotent: skipped when a programme exists.
 */
export async function seedDemoFunding(
  app: INestApplicationContext,
  organisationId: string,
  today: string,
): Promise<void> {
  const db = app.get(DataSource);
  const [{ n }] = await db.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM programmes WHERE organisation_id = $1`,
    [organisationId],
  );
  if (n > 0) return;
  const users = new Map(
    (
      await db.query<{ id: string; email: string }[]>(
        `SELECT id, email FROM users WHERE email LIKE '%@dachwerk.example'`,
      )
    ).map((u) => [u.email.split('@')[0], u.id]),
  );
  const initiatives = await db.query<{ id: string; costCentre: string }[]>(
    `SELECT id, cost_centre AS "costCentre" FROM initiatives WHERE organisation_id = $1 ORDER BY cost_centre`,
    [organisationId],
  );
  const byCode = new Map(initiatives.map((i) => [i.costCentre, i.id]));
  const as = (user: string, roles: Role[]): Actor => ({
    userId: users.get(user)!,
    email: `${user}@dachwerk.example`,
    name: user,
    isPlatformAdmin: false,
    roles: { [organisationId]: roles },
    initiativeIds: {},
  });
  const treasurer = as('treasurer', ['treasurer']);
  const staff = as('staff', ['staff']);
  const board = as('board', ['board']);
  // The second board signature comes from the chair, played by the admin login in the demo.
  const chair = as('admin', ['board']);
  const garden = byCode.get('INI-GARTEN')!;
  const repair = byCode.get('INI-REPAIR')!;
  const reading = byCode.get('INI-LESEN')!;

  const funds = app.get(FundsService);
  await funds.addInflow(treasurer, organisationId, repair, {
    amountCents: 250_000,
    receivedOn: addDays(today, -40),
    source: 'Stiftung Nachhaltigkeit',
  });
  await funds.addInflow(treasurer, organisationId, reading, {
    amountCents: 120_000,
    receivedOn: addDays(today, -60),
    source: 'Stadtbibliothek',
    fromAuthority: true,
  });

  const claims = app.get(ExpenseClaimsService);
  const iniUser = as('initiative', ['initiative']);
  iniUser.initiativeIds = { [organisationId]: [garden] };
  const claim = (
    by: Actor,
    initiativeId: string,
    amountCents: number,
    description: string,
    payeeName: string,
    iban: string,
  ) =>
    claims.create(by, organisationId, {
      initiativeId,
      kind: 'invoice',
      description,
      amountCents,
      payeeName,
      payeeIban: iban,
    });
  const paid = [
    await claim(
      iniUser,
      garden,
      18_950,
      'Hochbeet-Bausatz',
      'Holzhandel Degerloch',
      'DE02700202700010108669',
    ),
    await claim(
      staff,
      repair,
      42_000,
      'Werkzeugwagen und Lötstation',
      'Elektro Ost GmbH',
      'DE02100100100006820101',
    ),
    await claim(
      staff,
      reading,
      9_900,
      'Bilderbücher für die Lesestunde',
      'Buchhandlung am Markt',
      'DE02100500000054540402',
    ),
  ];
  for (const c of paid) await claims.approve(treasurer, organisationId, c.id);
  const run = await app
    .get(PayoutRunsService)
    .create(treasurer, organisationId, nextTargetBusinessDay(today));
  await claims.approve(
    treasurer,
    organisationId,
    (
      await claim(
        iniUser,
        garden,
        4_500,
        'Saatgut und Pflanzen',
        'Gärtnerei Vogt',
        'DE02500105170137075030',
      )
    ).id,
  );
  await claim(
    iniUser,
    garden,
    12_000,
    'Regentonne und Schläuche',
    'Baumarkt Süd',
    'DE02120300000000202051',
  );
  // Today's statement continues the last one of the account (the statement checks it).
  const [lastStatement] = await app.get(DataSource).query<{ closing: number }[]>(
    `SELECT s.closing_balance_cents::float8 AS closing FROM bank_statements s
         JOIN organisation_bank_accounts b ON b.id = s.bank_account_id
        WHERE b.organisation_id = $1 AND b.iban = $2 ORDER BY s.to_on DESC NULLS LAST LIMIT 1`,
    [organisationId, UMBRELLA.bankAccount.iban],
  );
  const statement = writeCamt053({
    version: 'camt.053.001.08',
    iban: UMBRELLA.bankAccount.iban,
    statementRef: `AUSZ-${today}`,
    from: today,
    to: today,
    openingCents: lastStatement?.closing ?? 0,
    entries: run.claims.map((c) => ({
      amountCents: -c.amountCents,
      bookedOn: today,
      transactions: [
        {
          amountCents: -c.amountCents,
          endToEndId: c.endToEndId,
          name: c.payeeName,
          iban: c.payeeIban,
        },
      ],
    })),
  });
  await app
    .get(BankStatementsService)
    .upload(treasurer, organisationId, Buffer.from(statement), `Auszahlungen-${today}.xml`);

  // Two programmes: last round (its proof of use is overdue) and the current one.
  const programmes = app.get(ProgrammesService);
  const year = Number(today.slice(0, 4));
  const current = await programmes.create(board, organisationId, {
    name: `Quartiersfonds ${year}`,
    costCentre: 'PRG-QUARTIER',
    budgetCents: 5_000_000,
    startsOn: `${year}-01-01`,
    endsOn: addDays(today, 20),
    eligibleCostTypes: ['Sachkosten', 'Honorare', 'Miete', 'Öffentlichkeitsarbeit'],
    ownShareBasisPoints: 1_000,
    criteria: NEIGHBOURHOOD_CRITERIA,
    proofDueMonths: 0,
  });
  const applications = app.get(ApplicationsService);
  const apply = (initiativeId: string, title: string, requestedCents: number, by: Actor) =>
    applications.submit(by, organisationId, {
      programmeId: current.id,
      initiativeId,
      title,
      description: `${title}: offen für alle im Stadtteil, mit Nachbarinnen und Nachbarn geplant.`,
      requestedCents,
      ownShareCents: Math.ceil(requestedCents / 9),
      costLines: [
        {
          category: 'Sachkosten',
          description: 'Material',
          amountCents: Math.round(requestedCents * 0.7),
        },
        {
          category: 'Honorare',
          description: 'Anleitung',
          amountCents:
            requestedCents + Math.ceil(requestedCents / 9) - Math.round(requestedCents * 0.7),
        },
      ],
    });
  const scores = (s: number[]) => ({
    scores: Object.fromEntries(NEIGHBOURHOOD_CRITERIA.map((c, i) => [c.key, { score: s[i] }])),
  });

  const approved = await apply(garden, 'Hochbeete für alle', 450_000, iniUser);
  const complete = await apply(reading, 'Lesesommer im Park', 180_000, staff);
  const returned = await apply(repair, 'Repair-Café mobil', 270_000, staff);
  const rejected = await apply(repair, 'Lastenrad für das Quartier', 360_000, staff);
  await apply(garden, 'Kompostwerkstatt', 90_000, iniUser);
  for (const a of [approved, complete, returned, rejected])
    await applications.markComplete(staff, organisationId, a.id);
  await applications.review(staff, organisationId, approved.id, scores([9, 8, 7, 8]));
  await applications.review(board, organisationId, approved.id, scores([8, 8, 9, 6]));
  await applications.review(chair, organisationId, complete.id, {
    conflictOfInterest: true,
    comment: 'Ich lese selbst mit.',
  });
  await applications.review(staff, organisationId, complete.id, scores([7, 9, 8, 5]));
  const approve = {
    kind: 'approve' as const,
    amountCents: 400_000,
    resolutionRef: `VS-${year}-07`,
    comment: 'Förderhinweis am Garten anbringen.',
  };
  await applications.decide(board, organisationId, approved.id, approve);
  await applications.decide(chair, organisationId, approved.id, approve);
  await applications.decide(board, organisationId, returned.id, {
    kind: 'return',
    comment: 'Bitte Kostenvoranschlag für den Anhänger beilegen.',
  });
  await applications.decide(board, organisationId, rejected.id, {
    kind: 'reject',
    comment: 'Nicht förderfähig: Fahrzeuge sind ausgeschlossen.',
  });
  const spend = await claims.create(iniUser, organisationId, {
    initiativeId: garden,
    applicationId: approved.id,
    costLineNo: 1,
    kind: 'invoice',
    description: 'Lärchenholz für acht Hochbeete',
    amountCents: 210_000,
    payeeName: 'Sägewerk Schönbuch',
    payeeIban: 'DE88100900001234567892',
  });
  await claims.approve(treasurer, organisationId, spend.id);

  // Last year's round: approved then, its proof of use now overdue.
  const last = await apply(reading, 'Vorlesepaten-Schulung', 72_000, staff);
  await applications.markComplete(staff, organisationId, last.id);
  const lastApproval = {
    kind: 'approve' as const,
    amountCents: 72_000,
    resolutionRef: `VS-${year - 1}-21`,
  };
  await applications.decide(board, organisationId, last.id, lastApproval);
  await applications.decide(chair, organisationId, last.id, lastApproval);
  await db.query(`UPDATE proofs_of_use SET due_on = $2 WHERE application_id = $1`, [
    last.id,
    addDays(today, -10),
  ]);
  await app.get(ProofsOfUseService).remind(today);
}
