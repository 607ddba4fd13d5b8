import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chown, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { postgresNativeDir, postgresUser } from './postgres-access';

const run = promisify(execFile);

export const SUPERUSER = 'postgres';
export const SUPERUSER_PASSWORD = 'postgres';
export const OWNER_ROLE = 'dachwerk_owner';
export const APP_ROLE = 'dachwerk_app';

export interface PostgresServer {
  dataDir: string;
  port: number;
}

async function pgBin(name: string): Promise<string> {
  return path.join(await postgresNativeDir(), 'bin', name);
}

/**
 * Creates the cluster on first use with the package's initdb, as the user Postgres runs
 * as. The data dir's parent must be reachable by that user (see placeForPostgres).
 */
export async function initialisePostgres(server: PostgresServer): Promise<void> {
  if (existsSync(path.join(server.dataDir, 'PG_VERSION'))) return;
  const user = await postgresUser();
  const initdb = await pgBin('initdb');
  await mkdir(path.dirname(server.dataDir), { recursive: true });
  await mkdir(server.dataDir, { recursive: true, mode: 0o700 });
  // The password file lies next to the data dir, where the Postgres user can read it.
  const passwordFile = path.join(
    path.dirname(server.dataDir),
    `.pg-password-${randomBytes(6).toString('hex')}`,
  );
  await writeFile(passwordFile, `${SUPERUSER_PASSWORD}\n`, { mode: 0o600 });
  if (user.uid !== undefined) {
    await chown(server.dataDir, user.uid, user.gid!);
    await chown(passwordFile, user.uid, user.gid!);
  }
  try {
    await run(
      initdb,
      [
        `--pgdata=${server.dataDir}`,
        '--auth=scram-sha-256',
        `--username=${SUPERUSER}`,
        `--pwfile=${passwordFile}`,
        '--encoding=UTF8',
        '--locale=C.UTF-8',
      ],
      { ...user, env: { ...process.env, LC_MESSAGES: 'C' } },
    );
  } finally {
    await rm(passwordFile, { force: true });
  }
}

/**
 * Starts the cluster as a daemon with pg_ctl, so it outlives the command that started it
 * (`services up`) and can be stopped by another (`services down`).
 */
export async function startPostgres(server: PostgresServer, extraOptions = ''): Promise<void> {
  await initialisePostgres(server);
  if (await isPostgresRunning(server)) return;
  const options = [
    `-p ${server.port}`,
    `-c listen_addresses=127.0.0.1`,
    `-c unix_socket_directories=''`,
    extraOptions,
  ].join(' ');
  await run(
    await pgBin('pg_ctl'),
    [
      'start',
      '-D',
      server.dataDir,
      '-l',
      path.join(server.dataDir, 'server.log'),
      '-w',
      '-t',
      '60',
      '-o',
      options,
    ],
    { ...(await postgresUser()) },
  );
}

export async function stopPostgres(server: PostgresServer): Promise<void> {
  if (!(await isPostgresRunning(server))) return;
  await run(await pgBin('pg_ctl'), ['stop', '-D', server.dataDir, '-m', 'fast', '-w'], {
    ...(await postgresUser()),
  });
}

export async function isPostgresRunning(server: PostgresServer): Promise<boolean> {
  if (!existsSync(path.join(server.dataDir, 'PG_VERSION'))) return false;
  try {
    await run(await pgBin('pg_ctl'), ['status', '-D', server.dataDir], {
      ...(await postgresUser()),
    });
    return true;
  } catch {
    return false;
  }
}

export function superuserUrl(port: number, database = 'postgres'): string {
  return `postgres://${SUPERUSER}:${SUPERUSER_PASSWORD}@127.0.0.1:${port}/${database}`;
}

export function roleUrl(port: number, role: string, database: string): string {
  return `postgres://${role}:${role}@127.0.0.1:${port}/${database}`;
}

/**
 * The two roles of ARCHITECTURE.md: the owner runs migrations and owns every table;
 * the application role logs in for api and worker and owns nothing.
 */
export async function ensureRolesAndDatabase(port: number, database: string): Promise<void> {
  const client = new Client({ connectionString: superuserUrl(port) });
  await client.connect();
  try {
    for (const role of [OWNER_ROLE, APP_ROLE]) {
      const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      if (exists.rowCount === 0) {
        await client.query(`CREATE ROLE ${role} LOGIN PASSWORD '${role}'`);
      }
    }
    const db = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (db.rowCount === 0) {
      await client.query(`CREATE DATABASE ${database} OWNER ${OWNER_ROLE}`);
    }
    // PG 15+ no longer lets everyone create in schema public; the owner needs to.
    const dbClient = new Client({ connectionString: superuserUrl(port, database) });
    await dbClient.connect();
    try {
      await dbClient.query(`ALTER SCHEMA public OWNER TO ${OWNER_ROLE}`);
    } finally {
      await dbClient.end();
    }
  } finally {
    await client.end();
  }
}
