import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { hashPassword } from '@dachwerk/auth';
import { LedgerService } from '@dachwerk/ledger';
import { Clock } from '@dachwerk/shared';
import { CLUB, DEMO_PASSWORD, DEMO_USERS, UMBRELLA } from './demo-data';
import { seedDemoDonations } from './demo-donations';
import { seedDemoFunding } from './demo-funding';
import { seedDemoMembership } from './demo-membership';
import { DEMO_PATTERNS, seedDemoLedger } from './demo-ledger';

type DemoOrganisation = typeof UMBRELLA | typeof CLUB;

/**
 * Loads the demo data as of `today` (default: the real day), with the services' clock set
 * to that day, so the demo can be built for any day. Idempotent: organisations are found
 * by name, users by e-mail; a second run changes nothing.
 */
export async function seedDemo(
  app: INestApplicationContext,
  today = app.get(Clock).today(),
): Promise<void> {
  await Clock.runOn(today, () => seedDemoOn(app, today));
}

async function seedDemoOn(app: INestApplicationContext, today: string): Promise<void> {
  const db = app.get(DataSource);
  const ledger = app.get(LedgerService);
  const umbrellaId = await db.transaction(async (m) => {
    const year = Number(today.slice(0, 4));
    const umbrellaId = await upsertOrganisation(m, UMBRELLA, year);
    const clubId = await upsertOrganisation(m, CLUB, year);
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (const user of DEMO_USERS) {
      const [row] = await m.query<{ id: string }[]>(
        `INSERT INTO users (email, name, password_hash, is_platform_admin) VALUES ($1, $2, $3, $4)
         ON CONFLICT (email) DO UPDATE SET email = EXCLUDED.email RETURNING id`,
        [user.email, user.name, passwordHash, user.platformAdmin ?? false],
      );
      for (const [organisationId, roles] of [
        [umbrellaId, user.umbrella],
        [clubId, user.club],
      ] as const) {
        for (const role of roles) {
          await m.query(
            `INSERT INTO memberships (user_id, organisation_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
            [row.id, organisationId, role],
          );
        }
      }
    }
    await seedDemoLedger(m, ledger, umbrellaId, DEMO_PATTERNS.umbrella, today, 2026);
    await seedDemoLedger(m, ledger, clubId, DEMO_PATTERNS.club, today, 1904);
    return umbrellaId;
  });
  const [treasurer] = await db.query<{ id: string }[]>(
    `SELECT id FROM users WHERE email = 'treasurer@dachwerk.example'`,
  );
  const actor = {
    userId: treasurer.id,
    email: 'treasurer@dachwerk.example',
    name: 'Demo',
    isPlatformAdmin: false,
    roles: { [umbrellaId]: ['treasurer' as const] },
    initiativeIds: {},
  };
  await seedDemoDonations(app, umbrellaId, actor, today);
  // The demo initiative user acts for exactly one initiative: the community garden.
  await db.query(
    `INSERT INTO user_initiatives (user_id, organisation_id, initiative_id)
     SELECT u.id, i.organisation_id, i.id FROM users u JOIN initiatives i ON i.organisation_id = $1 AND i.cost_centre = 'INI-GARTEN'
      WHERE u.email = 'initiative@dachwerk.example' ON CONFLICT DO NOTHING`,
    [umbrellaId],
  );
  await seedDemoMembership(app, umbrellaId, actor, today);
  await seedDemoFunding(app, umbrellaId, today);
}

async function upsertOrganisation(
  m: DataSource['manager'],
  org: DemoOrganisation,
  year: number,
): Promise<string> {
  const existing = await m.query<
    {
      id: string;
    }[]
  >(`SELECT id FROM organisations WHERE lower(name) = lower($1)`, [org.name]);
  if (existing[0]) return existing[0].id;
  const [{ id }] = await m.query<{ id: string }[]>(
    `INSERT INTO organisations (name, legal_form, is_umbrella, street, postal_code, city, register_court,
       register_number, tax_number, tax_office, purposes, is_receipt_machine_signed, sepa_creditor_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
    [
      org.name,
      org.legalForm,
      org.isUmbrella,
      org.street,
      org.postalCode,
      org.city,
      org.registerCourt,
      org.registerNumber,
      org.taxNumber,
      org.taxOffice,
      org.purposes,
      org.isReceiptMachineSigned,
      org.sepaCreditorId,
    ],
  );
  const account = org.bankAccount;
  await m.query(
    `INSERT INTO organisation_bank_accounts (organisation_id, label, iban, bic, is_default) VALUES ($1, $2, $3, $4, true)`,
    [id, account.label, account.iban, account.bic],
  );
  const notice = org.exemptionNotice(year);
  await m.query(
    `INSERT INTO exemption_notices (organisation_id, kind, issued_on, tax_office, tax_number, period_from, period_to, purposes)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      id,
      notice.kind,
      notice.issuedOn,
      notice.taxOffice,
      notice.taxNumber,
      notice.periodFrom,
      notice.periodTo,
      org.purposes,
    ],
  );
  return id;
}
