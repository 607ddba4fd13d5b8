import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import type { DataSource } from 'typeorm';
import type { Role } from '../scope/actor';

/** Small factories that write rows the way migrations define them; tests override what matters. */

let counter = 0;
const unique = (): string =>
  `${Date.now().toString(36)}${(counter++).toString(36)}${randomBytes(2).toString('hex')}`;

export interface OrganisationRow {
  id: string;
  name: string;
}

export async function createOrganisation(
  db: DataSource,
  overrides: Partial<{ name: string; isUmbrella: boolean; sepaCreditorId: string | null }> = {},
): Promise<OrganisationRow> {
  const name = overrides.name ?? `Testverein ${unique()} e.V.`;
  const [row] = await db.query<OrganisationRow[]>(
    `INSERT INTO organisations (name, legal_form, is_umbrella, street, postal_code, city, sepa_creditor_id)
     VALUES ($1, 'eingetragener_verein', $2, 'Teststraße 1', '70173', 'Stuttgart', $3)
     RETURNING id, name`,
    [name, overrides.isUmbrella ?? false, overrides.sepaCreditorId ?? null],
  );
  return row;
}

/** Puts cost centres on an organisation's master list (postings may name only those). */
export async function createCostCentres(
  db: DataSource,
  organisationId: string,
  codes: string[],
): Promise<void> {
  await db.query(
    `INSERT INTO cost_centres (organisation_id, code, name) SELECT $1, c, c FROM unnest($2::text[]) c
     ON CONFLICT DO NOTHING`,
    [organisationId, codes],
  );
}

export interface UserRow {
  id: string;
  email: string;
  password: string;
}

export const TEST_PASSWORD = 'correct horse battery staple';

/** Hashing with argon2's cheapest settings keeps test files fast; production uses the defaults. */
export async function createUser(
  db: DataSource,
  options: {
    roles?: Record<string, Role[]>;
    email?: string;
    password?: string;
    isActive?: boolean;
    isPlatformAdmin?: boolean;
  } = {},
): Promise<UserRow> {
  const email = options.email ?? `user-${unique()}@test.example`;
  const password = options.password ?? TEST_PASSWORD;
  const hash = await argon2.hash(password, {
    type: argon2.argon2id,
    memoryCost: 1024,
    timeCost: 1,
  });
  const [row] = await db.query<{ id: string; email: string }[]>(
    `INSERT INTO users (email, name, password_hash, is_active, is_platform_admin)
     VALUES ($1, $2, $3, $4, $5) RETURNING id, email`,
    [email, `Test ${email}`, hash, options.isActive ?? true, options.isPlatformAdmin ?? false],
  );
  for (const [organisationId, roles] of Object.entries(options.roles ?? {})) {
    for (const role of roles) {
      await db.query(
        `INSERT INTO memberships (user_id, organisation_id, role) VALUES ($1, $2, $3)`,
        [row.id, organisationId, role],
      );
    }
  }
  return { ...row, password };
}
