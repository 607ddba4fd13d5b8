import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { rm } from 'node:fs/promises';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import {
  APP_ROLE,
  ensureRolesAndDatabase,
  JOB_OPTIONS,
  OWNER_ROLE,
  roleUrl,
  runMigrations,
  startPostgres,
  stopPostgres,
  tempDirForPostgres,
  type PostgresServer,
} from '@dachwerk/shared';
import { createUser, freePort } from '@dachwerk/testing';
import { waitFor } from '../support/api';
import { spawnWorker, stopProcess } from '../support/worker';

const API_MAIN = path.resolve(__dirname, '../../dist/apps/api/src/main.js');

/**
 * Postgres restarts under a running API and worker (their own cluster, so other test
 * files are not disturbed): the API answers 503 problem+json while it is away and
 * recovers by itself; a job that failed meanwhile backs off and then runs.
 */
describe('Postgres restart', () => {
  let dir: string;
  let postgres: PostgresServer;
  let api: ChildProcess;
  let apiOutput = '';
  let worker: { child: ChildProcess; output: () => string };
  let base: string;
  let queue: Queue;
  let token: string;

  beforeAll(async () => {
    dir = await tempDirForPostgres('dachwerk-pg-restart-');
    postgres = { dataDir: path.join(dir, 'postgres'), port: await freePort() };
    await startPostgres(postgres, '-c fsync=off');
    await ensureRolesAndDatabase(postgres.port, 'dachwerk');
    await runMigrations(roleUrl(postgres.port, OWNER_ROLE, 'dachwerk'));
    const appUrl = roleUrl(postgres.port, APP_ROLE, 'dachwerk');
    const port = await freePort();
    const env = {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      DATABASE_URL: appUrl,
      MIGRATION_DATABASE_URL: roleUrl(postgres.port, OWNER_ROLE, 'dachwerk'),
      QUEUE_PREFIX: `pg_restart_${port}`,
      DOCUMENTS_DIR: path.join(dir, 'documents'),
      LOG_LEVEL: 'warn',
      // auth/me is the probe: without the session cache it reads the database every time
      // (with it, a session seen in the last seconds answers 200 while Postgres is away).
      SESSION_CACHE_MS: '0',
    };
    api = spawn(process.execPath, [API_MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    api.stdout?.on('data', (d: Buffer) => (apiOutput += d.toString()));
    api.stderr?.on('data', (d: Buffer) => (apiOutput += d.toString()));
    worker = spawnWorker({ ...env, LOG_LEVEL: 'info' }); // 'Consuming …' is an info line
    base = `http://127.0.0.1:${port}/api/v1`;
    await waitFor(
      async () => (await fetch(`${base}/health`).catch(() => undefined))?.ok,
      120_000, // a loaded 2-core machine
    ).catch((error: Error) => {
      throw new Error(`${error.message}; API said: ${apiOutput}`);
    });
    await waitFor(async () => /Consuming /.test(worker.output()), 120_000);

    const sql = await new DataSource({ type: 'postgres', url: appUrl }).initialize();
    const user = await createUser(sql);
    await sql.destroy();
    const login = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: user.email, password: user.password }),
    });
    token = ((await login.json()) as { token: string }).token;
    queue = new Queue('system', {
      connection: { url: process.env.REDIS_URL },
      prefix: env.QUEUE_PREFIX,
    });
  }, 300_000);
  afterAll(async () => {
    await queue?.close();
    await stopProcess(worker.child);
    await stopProcess(api);
    await stopPostgres(postgres);
    await rm(dir, { recursive: true, force: true });
  });

  const me = () => fetch(`${base}/auth/me`, { headers: { Authorization: `Bearer ${token}` } });

  it('answers 503 problem+json while Postgres is away and recovers by itself; jobs back off and resume', async () => {
    expect((await me()).status).toBe(200);

    await stopPostgres(postgres);
    const away = await me();
    expect(away.status).toBe(503);
    expect(away.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(away.headers.get('retry-after')).toBe('5');
    expect(await away.json()).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' });
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ code: 'SERVICE_DEGRADED', database: 'down' });

    // A job with the options every job gets fails while Postgres is away, and backs off.
    await queue.add('system.heartbeat', {}, { ...JOB_OPTIONS, jobId: 'heartbeat-pg-restart' });
    const backingOff = await waitFor(async () => {
      const job = await queue.getJob('heartbeat-pg-restart');
      return job && job.attemptsMade >= 1 && (await job.getState()) === 'delayed' && job;
    });
    expect(backingOff.failedReason).toBeTruthy();

    await startPostgres(postgres, '-c fsync=off');
    // No restart of API or worker: the API answers again, and the job runs on its next attempt.
    await waitFor(async () => (await me()).status === 200, 30_000);
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const sql = await new DataSource({
      type: 'postgres',
      url: roleUrl(postgres.port, APP_ROLE, 'dachwerk'),
    }).initialize();
    try {
      await waitFor(async () => {
        const rows = await sql.query(
          `SELECT 1 FROM worker_heartbeats WHERE job_id = 'heartbeat-pg-restart'`,
        );
        return rows.length === 1;
      }, 40_000);
    } finally {
      await sql.destroy();
    }
    expect(api.exitCode).toBeNull();
    expect(worker.child.exitCode).toBeNull();
    expect(apiOutput).not.toMatch(/INTERNAL_ERROR|Unexpected error/);
  }, 240_000);
});
