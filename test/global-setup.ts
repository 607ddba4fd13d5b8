// globalSetup runs outside the projects, so their moduleNameMapper does not apply here.
import 'tsconfig-paths/register';
import { ChildProcess } from 'node:child_process';
import path from 'node:path';
import {
  ensureRedisInstalled,
  ensureRolesAndDatabase,
  freePort,
  OWNER_ROLE,
  PostgresSetupError,
  roleUrl,
  runMigrations,
  startPostgres,
  startRedisChild,
  tempDirForPostgres,
} from '@dachwerk/shared';
import { TEMPLATE_DATABASE } from '@dachwerk/testing';
import { ensureChromiumInstalled } from './support/chromium';

/**
 * Throwaway Postgres and Redis for the whole run, in a temp directory on free ports,
 * and a migrated template database that each test file clones.
 */
export default async function globalSetup(): Promise<void> {
  // As root, Postgres runs as user postgres and must reach its data dir.
  const dir = await tempDirForPostgres('dachwerk-test-').catch(setupProblem);
  const pgPort = await freePort();
  const redisPort = await freePort();
  const postgres = { dataDir: path.join(dir, 'postgres'), port: pgPort };
  // fsync off: a crashed test run loses nothing worth keeping, and tests run faster.
  await startPostgres(
    postgres,
    '-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300',
  ).catch(setupProblem);
  await ensureRolesAndDatabase(pgPort, TEMPLATE_DATABASE);
  await runMigrations(roleUrl(pgPort, OWNER_ROLE, TEMPLATE_DATABASE));

  await ensureRedisInstalled((line) => process.stdout.write(`${line}\n`));
  const redis = await startRedisChild({ dir: path.join(dir, 'redis'), port: redisPort });
  // The browser tests (test/browser) drive Debian's Chromium.
  await ensureChromiumInstalled((line) => process.stdout.write(`${line}\n`));

  process.env.TEST_TMP_DIR = dir;
  process.env.TEST_PG_PORT = String(pgPort);
  process.env.REDIS_URL = `redis://127.0.0.1:${redisPort}`;
  (globalThis as { __dachwerk?: object }).__dachwerk = { postgres, redis, dir };
}

/** A setup problem the developer can fix is said in its one sentence, not as a stack trace. */
function setupProblem(error: unknown): never {
  if (error instanceof PostgresSetupError) {
    process.stderr.write(`\n${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

export interface GlobalServices {
  postgres: { dataDir: string; port: number };
  redis: ChildProcess;
  dir: string;
}
