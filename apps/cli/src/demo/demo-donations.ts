import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  DonationsService,
  DonorsService,
  ReceiptsService,
  type MoneyChannel,
} from '@dachwerk/donations';
import { InitiativesService } from '@dachwerk/organisations';
import type { Actor } from '@dachwerk/shared';

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
  'Olga',
  'Paul',
  'Rosa',
  'Samir',
  'Tanja',
  'Uwe',
];
const LAST = [
  'Müller',
  'Schmidt',
  'Schneider',
  'Fischer',
  'Weber',
  'Meyer',
  'Wagner',
  'Becker',
  'Schulz',
  'Hoffmann',
  'Schäfer',
  'Koch',
  'Bauer',
  'Richter',
  'Klein',
  'Wolf',
  'Schröder',
  'Neumann',
  'Schwarz',
  'Zimmermann',
];
const STREETS = [
  'Königstraße',
  'Marienstraße',
  'Hauptstätter Straße',
  'Olgastraße',
  'Böblinger Straße',
  'Neckarstraße',
];
const COMPANIES = [
  'Bäckerei Groß GmbH',
  'Stadtwerke Demo AG',
  'Buchhandlung am Markt',
  'Autohaus Heslach',
  'Kanzlei Weber & Partner',
];
const CHANNELS: MoneyChannel[] = ['transfer', 'transfer', 'direct_debit', 'online', 'cash'];
const INITIATIVES = [
  {
    costCentre: 'INI-GARTEN',
    name: 'Gemeinschaftsgarten Nord',
    taxPurpose: 'Förderung des Umweltschutzes',
  },
  { costCentre: 'INI-REPAIR', name: 'Repair-Café Ost', taxPurpose: 'Förderung des Umweltschutzes' },
  { costCentre: 'INI-LESEN', name: 'Lesepaten Mitte', taxPurpose: 'Förderung der Bildung' },
];

/** The umbrella's initiatives (5 % administration fee on inflows); their ids. */
async function demoInitiatives(
  app: INestApplicationContext,
  organisationId: string,
  actor: Actor,
): Promise<string[]> {
  const service = app.get(InitiativesService);
  const staff: Actor = { ...actor, roles: { [organisationId]: ['staff'] } };
  const { items: existing } = await service.list(staff, organisationId, { page: 1, pageSize: 200 });
  const ids: string[] = [];
  for (const i of INITIATIVES) {
    const found = existing.find((e) => e.costCentre === i.costCentre);
    ids.push(
      found?.id ??
        (
          await service.create(staff, organisationId, {
            ...i,
            purpose: `${i.name}: ehrenamtliches Projekt im Stadtteil`,
            status: 'active',
            agreementSignedOn: '2025-01-15',
            feeBasisPoints: 500,
          })
        ).id,
    );
  }
  return ids;
}

/**
 * 110 donors (people and companies) with a year of donations of every kind and channel,
 * some earmarked for initiatives, and receipts: single ones, a collective one, a voided
 * one with its replacement. Skipped when the organisation has donors already.
 */
export async function seedDemoDonations(
  app: INestApplicationContext,
  organisationId: string,
  actor: Actor,
  today: string,
): Promise<void> {
  const db = app.get(DataSource);
  const [{ n }] = await db.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM donors WHERE organisation_id = $1`,
    [organisationId],
  );
  if (n > 0) return;
  const donors = app.get(DonorsService);
  const donations = app.get(DonationsService);
  const receipts = app.get(ReceiptsService);
  const year = today.slice(0, 4);
  const month = Number(today.slice(5, 7));
  let seed = 4711;
  const rnd = () => (seed = (seed * 1664525 + 1013904223) % 4294967296) / 4294967296;
  const pick = <T>(list: T[]): T => list[Math.floor(rnd() * list.length)];
  const initiativeIds = await demoInitiatives(app, organisationId, actor);
  const date = () =>
    `${year}-${String(1 + Math.floor(rnd() * Math.max(1, month - 1))).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;

  const donorIds: string[] = [];
  for (let i = 0; i < 110; i++) {
    const company = i % 22 === 0;
    const donor = await donors.create(actor, organisationId, {
      kind: company ? 'organisation' : 'person',
      ...(company
        ? { organisationName: COMPANIES[(i / 22) % COMPANIES.length] }
        : { firstName: FIRST[i % 20], lastName: LAST[(i * 7) % 20] }),
      street: `${pick(STREETS)} ${1 + (i % 90)}`,
      postalCode: `70${String(173 + (i % 20) * 3).padStart(3, '0')}`,
      city: 'Stuttgart',
      consentsToContact: rnd() < 0.6,
      consentsToNameSharing: rnd() < 0.4,
    });
    donorIds.push(donor.id);
  }
  const recorded: { id: string; donorId: string; kind: string }[] = [];
  for (const [i, donorId] of donorIds.entries()) {
    const count = 1 + Math.floor(rnd() * 3);
    for (let k = 0; k < count; k++) {
      const earmark = rnd() < 0.25 ? 'initiative' : rnd() < 0.1 ? 'purpose' : 'general';
      const d = await donations.record(actor, organisationId, {
        donorId,
        kind: 'money',
        channel: pick(CHANNELS),
        receivedOn: date(),
        amountCents: (1 + Math.floor(rnd() * 40)) * 500,
        earmark,
        ...(earmark === 'initiative' ? { initiativeId: pick(initiativeIds) } : {}),
        ...(earmark === 'purpose' ? { earmarkPurpose: 'Förderung der Jugendhilfe' } : {}),
      });
      recorded.push({ id: d.id, donorId, kind: 'money' });
    }
    if (i % 25 === 5) {
      const d = await donations.record(actor, organisationId, {
        donorId,
        kind: 'in_kind',
        receivedOn: date(),
        amountCents: 45000,
        earmark: 'general',
        inKind: {
          item: 'Notebook für die Geschäftsstelle',
          age: '1 Jahr',
          condition: 'gut',
          purchasePriceCents: 89900,
          valueBasis: 'Marktwert laut Vergleichsangeboten',
          isFromBusinessAssets: false,
        },
      });
      recorded.push({ id: d.id, donorId, kind: 'in_kind' });
    }
    if (i % 30 === 7) {
      const d = await donations.record(actor, organisationId, {
        donorId,
        kind: 'expense_waiver',
        receivedOn: `${year}-0${Math.min(month, 9)}-01`,
        amountCents: 6400,
        earmark: 'general',
        waiver: { claimRef: 'Fahrtkosten Ehrenamtsakademie', agreedOn: `${year}-01-02` },
      });
      recorded.push({ id: d.id, donorId, kind: 'expense_waiver' });
    }
  }
  // Receipts: a few single ones, one collective, one voided and replaced.
  const first = recorded.filter((r) => r.kind === 'money').slice(0, 6);
  for (const r of first.slice(0, 4)) await receipts.issue(actor, organisationId, [r.id]);
  const inKind = recorded.find((r) => r.kind === 'in_kind');
  if (inKind) await receipts.issue(actor, organisationId, [inKind.id]);
  const byDonor = new Map<string, string[]>();
  for (const r of recorded.filter((x) => x.kind === 'money' && !first.includes(x)))
    byDonor.set(r.donorId, [...(byDonor.get(r.donorId) ?? []), r.id]);
  const several = [...byDonor.values()].find((ids) => ids.length >= 2);
  if (several) await receipts.issue(actor, organisationId, several);
  const toVoid = await receipts.issue(actor, organisationId, [first[4].id]);
  await receipts.void(actor, organisationId, toVoid.id, 'Name falsch geschrieben', true);
}
