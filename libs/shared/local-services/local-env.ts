import path from 'node:path';
import { placeForPostgres } from './postgres-access';
import {
  APP_ROLE,
  ensureRolesAndDatabase,
  isPostgresRunning,
  OWNER_ROLE,
  PostgresServer,
  roleUrl,
  startPostgres,
  stopPostgres,
} from './postgres-server';
import {
  ensureRedisInstalled,
  isRedisRunning,
  RedisServer,
  startRedisDaemon,
  stopRedisDaemon,
} from './redis-server';

/**
 * The local Postgres and Redis that `npm run demo` and `npm run services` manage,
 * under .data/ of the checkout. Ports are off the defaults so a system Postgres or
 * Redis on the same machine does not collide.
 */
export const LOCAL_DATABASE = 'dachwerk';
export const LOCAL_PG_PORT = Number(process.env.DACHWERK_PG_PORT ?? 54329);
export const LOCAL_REDIS_PORT = Number(process.env.DACHWERK_REDIS_PORT ?? 63790);

export interface ServiceUrls {
  DATABASE_URL: string;
  MIGRATION_DATABASE_URL: string;
  REDIS_URL: string;
}

/**
 * Data under .data/ of the checkout — or, when the user Postgres runs as cannot enter the
 * checkout (root's mode-700 home), under /var/lib/dachwerk (see postgres-access.ts).
 */
export async function localServers(
  root: string,
): Promise<{ postgres: PostgresServer; redis: RedisServer }> {
  return {
    postgres: {
      dataDir: await placeForPostgres(path.join(root, '.data', 'postgres'), 'postgres-data'),
      port: LOCAL_PG_PORT,
    },
    redis: { dir: path.join(root, '.data', 'redis'), port: LOCAL_REDIS_PORT },
  };
}

/** URLs from the environment where given, otherwise those of the local services. */
export function serviceUrls(env: NodeJS.ProcessEnv = process.env): ServiceUrls {
  const databaseUrl = env.DATABASE_URL ?? roleUrl(LOCAL_PG_PORT, APP_ROLE, LOCAL_DATABASE);
  return {
    DATABASE_URL: databaseUrl,
    MIGRATION_DATABASE_URL:
      env.MIGRATION_DATABASE_URL ??
      (env.DATABASE_URL ? env.DATABASE_URL : roleUrl(LOCAL_PG_PORT, OWNER_ROLE, LOCAL_DATABASE)),
    REDIS_URL: env.REDIS_URL ?? `redis://127.0.0.1:${LOCAL_REDIS_PORT}`,
  };
}

/** Starts whatever DATABASE_URL / REDIS_URL do not point elsewhere; reuses existing data. */
export async function localServicesUp(
  root: string,
  log: (line: string) => void,
): Promise<ServiceUrls> {
  const servers = await localServers(root);
  if (!process.env.DATABASE_URL) {
    log(`Postgres: starting on 127.0.0.1:${LOCAL_PG_PORT} (data in ${servers.postgres.dataDir})`);
    await startPostgres(servers.postgres);
    await ensureRolesAndDatabase(LOCAL_PG_PORT, LOCAL_DATABASE);
  } else {
    log('Postgres: using DATABASE_URL');
  }
  if (!process.env.REDIS_URL) {
    await ensureRedisInstalled(log);
    log(`Redis: starting on 127.0.0.1:${LOCAL_REDIS_PORT} (AOF in ${servers.redis.dir})`);
    await startRedisDaemon(servers.redis);
  } else {
    log('Redis: using REDIS_URL');
  }
  return serviceUrls();
}

export async function localServicesDown(root: string): Promise<void> {
  const servers = await localServers(root);
  await stopPostgres(servers.postgres);
  await stopRedisDaemon(servers.redis);
}

export async function localServicesStatus(
  root: string,
): Promise<{ postgres: boolean; redis: boolean }> {
  const servers = await localServers(root);
  return {
    postgres: await isPostgresRunning(servers.postgres),
    redis: await isRedisRunning(servers.redis),
  };
}
