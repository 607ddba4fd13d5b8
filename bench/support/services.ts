import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import {
  APP_ROLE,
  ensureRedisInstalled,
  ensureRolesAndDatabase,
  freePort,
  OWNER_ROLE,
  roleUrl,
  runMigrations,
  startPostgres,
  startRedisChild,
  stopPostgres,
  superuserUrl,
  tempDirForPostgres,
} from '@dachwerk/shared';

export interface BenchServices {
  env: { DATABASE_URL: string; MIGRATION_DATABASE_URL: string; REDIS_URL: string };
  superUrl: string;
  stop: () => Promise<void>;
}

/** Throwaway Postgres (durable settings, as in production) and Redis for one bench run. */
export async function startBenchServices(): Promise<BenchServices> {
  const dir = await tempDirForPostgres('dachwerk-bench-');
  const pgPort = await freePort();
  const redisPort = await freePort();
  const postgres = { dataDir: path.join(dir, 'postgres'), port: pgPort };
  await startPostgres(
    postgres,
    process.env.BENCH_PG_OPTIONS ?? '-c max_connections=200 -c shared_buffers=512MB',
  );
  await ensureRolesAndDatabase(pgPort, 'dachwerk_bench');
  await runMigrations(roleUrl(pgPort, OWNER_ROLE, 'dachwerk_bench'));
  await ensureRedisInstalled(() => undefined);
  const redis: ChildProcess = await startRedisChild({
    dir: path.join(dir, 'redis'),
    port: redisPort,
  });
  return {
    env: {
      DATABASE_URL: roleUrl(pgPort, APP_ROLE, 'dachwerk_bench'),
      MIGRATION_DATABASE_URL: roleUrl(pgPort, OWNER_ROLE, 'dachwerk_bench'),
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
    },
    superUrl: superuserUrl(pgPort, 'dachwerk_bench'),
    stop: async () => {
      redis.kill('SIGKILL');
      await stopPostgres(postgres);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
