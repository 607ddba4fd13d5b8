import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { APP_ROLE, OWNER_ROLE, roleUrl, superuserUrl } from '../local-services/postgres-server';

/** Name of the migrated database every test database is cloned from. */
export const TEMPLATE_DATABASE = 'dachwerk_template';

export interface TestDatabase {
  name: string;
  /** As the application role (what api and worker use). */
  appUrl: string;
  /** As the owner role (migrations). */
  ownerUrl: string;
  /** As superuser, for tests that must get past the guards on purpose. */
  superUrl: string;
}

export function testPostgresPort(): number {
  const port = Number(process.env.TEST_PG_PORT);
  if (!port)
    throw new Error('TEST_PG_PORT is not set: run tests with `npm test` (test/global-setup.ts)');
  return port;
}

/** A fresh database cloned from the migrated template; cheap (file copy), so one per test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const port = testPostgresPort();
  const name = `test_${randomBytes(6).toString('hex')}`;
  const client = new Client({ connectionString: superuserUrl(port) });
  await client.connect();
  try {
    // CREATE DATABASE ... TEMPLATE fails if another session uses the template at that moment.
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(
          `CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE} OWNER ${OWNER_ROLE}`,
        );
        break;
      } catch (error) {
        if (attempt > 50) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } finally {
    await client.end();
  }
  return {
    name,
    appUrl: roleUrl(port, APP_ROLE, name),
    ownerUrl: roleUrl(port, OWNER_ROLE, name),
    superUrl: superuserUrl(port, name),
  };
}

export async function dropTestDatabase(db: TestDatabase): Promise<void> {
  const client = new Client({ connectionString: superuserUrl(testPostgresPort()) });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${db.name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Points this process's configuration at the test database and a private queue prefix. */
export function useTestEnvironment(db: TestDatabase): void {
  process.env.NODE_ENV = 'test';
  process.env.DATABASE_URL = db.appUrl;
  process.env.MIGRATION_DATABASE_URL = db.ownerUrl;
  process.env.QUEUE_PREFIX = db.name;
  process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
  process.env.DOCUMENTS_DIR = `${process.env.TEST_TMP_DIR ?? '/tmp'}/${db.name}/documents`;
}
