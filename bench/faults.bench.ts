import { ChildProcess, spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AuditModule } from '@dachwerk/audit';
import { DonationsModule, DonationsService } from '@dachwerk/donations';
import { LedgerModule } from '@dachwerk/ledger';
import {
  APP_ROLE,
  ensureRolesAndDatabase,
  JobQueue,
  OWNER_ROLE,
  roleUrl,
  runMigrations,
  SharedModule,
  startPostgres,
  startRedisChild,
  stopPostgres,
  tempDirForPostgres,
  Transactions,
  type PostgresServer,
} from '@dachwerk/shared';
import { freePort } from '@dachwerk/testing';
import { benchOrganisation } from './support/organisation';
import { report } from './support/report';

@Module({ imports: [SharedModule, AuditModule, LedgerModule, DonationsModule] })
class FaultsBenchModule {}

const REQUESTS = Number(process.env.BENCH_FAULT_REQUESTS ?? 100);
const RESTARTS = Number(process.env.BENCH_PG_RESTARTS ?? 3);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const now = () => Number(process.hrtime.bigint()) / 1e6;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** An organisation that can issue receipts, with `count` donations waiting for one. */
async function seedReceiptable(env: NodeJS.ProcessEnv, count: number) {
  Object.assign(process.env, env, { LOG_LEVEL: 'warn' });
  const app = await NestFactory.createApplicationContext(FaultsBenchModule, { logger: ['error'] });
  try {
    const db = app.get(DataSource);
    const { orgId, user, actor } = await benchOrganisation(app, { receipts: true });
    const [{ id: donorId }] = await db.query<{ id: string }[]>(
      `INSERT INTO donors (organisation_id, kind, last_name, street, postal_code, city) VALUES ($1, 'person', 'Bench', 'Weg 1', '70173', 'Stuttgart') RETURNING id`,
      [orgId],
    );
    const donations = app.get(DonationsService);
    const donationIds: string[] = [];
    for (let i = 0; i < count; i++) {
      const donation = await donations.record(actor, orgId, {
        donorId,
        kind: 'money',
        channel: 'transfer',
        receivedOn: '2026-03-01',
        amountCents: 1000 + i,
        earmark: 'general',
      });
      donationIds.push(donation.id);
    }
    return { orgId, user, donationIds };
  } finally {
    await app.close();
  }
}

/**
 * The enqueue itself, in process: `REQUESTS` transactions that each write one outbox row
 * (JobQueue.enqueue), timed from begin to commit.
 */
async function enqueueTimes(app: INestApplicationContext, label: string): Promise<number[]> {
  const transactions = app.get(Transactions);
  const jobs = app.get(JobQueue);
  const times: number[] = [];
  for (let i = 0; i < REQUESTS + 5; i++) {
    const started = now();
    await transactions.run((m) =>
      jobs.enqueue(m, 'system.heartbeat', { note: 'bench' }, { jobId: `bench-${label}-${i}` }),
    );
    if (i >= 5) times.push(now() - started); // the first five warm up
  }
  return times;
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(20);
  }
}

/** First moment a fresh connection gets an answer from Postgres. */
async function postgresAnswers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Faults, on a Postgres and Redis of its own (they are stopped and restarted):
 * (1) after a Postgres restart, the time until the API answers an authenticated request
 *     again — against the time until Postgres itself accepts a fresh connection, in the
 *     same restart (the baseline);
 * (2) enqueue latency with Redis down, answered from the outbox: the enqueue itself (a
 *     transaction writing one outbox row) and a whole request that enqueues (POST
 *     receipts: issue + render job) — each against the same with Redis up.
 */
export async function benchFaults(): Promise<void> {
  const dir = await tempDirForPostgres('dachwerk-bench-faults-');
  const postgres: PostgresServer = { dataDir: path.join(dir, 'postgres'), port: await freePort() };
  const redisPort = await freePort();
  const pgOptions = '-c max_connections=100';
  let redis: ChildProcess | undefined;
  let api: ChildProcess | undefined;
  let app: INestApplicationContext | undefined;
  try {
    await startPostgres(postgres, pgOptions);
    await ensureRolesAndDatabase(postgres.port, 'dachwerk_faults');
    await runMigrations(roleUrl(postgres.port, OWNER_ROLE, 'dachwerk_faults'));
    redis = await startRedisChild({ dir: path.join(dir, 'redis'), port: redisPort });
    const appUrl = roleUrl(postgres.port, APP_ROLE, 'dachwerk_faults');
    const env = {
      DATABASE_URL: appUrl,
      MIGRATION_DATABASE_URL: roleUrl(postgres.port, OWNER_ROLE, 'dachwerk_faults'),
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      QUEUE_PREFIX: 'bench_faults',
      DOCUMENTS_DIR: path.join(dir, 'documents'),
    };
    const { orgId, user, donationIds } = await seedReceiptable(env, 2 * REQUESTS + 10);
    app = await NestFactory.createApplicationContext(FaultsBenchModule, { logger: ['error'] });

    const apiPort = await freePort();
    api = spawn(process.execPath, [path.resolve(__dirname, '../apps/api/src/main.js')], {
      env: {
        ...process.env,
        ...env,
        PORT: String(apiPort),
        NODE_ENV: 'production',
        LOG_LEVEL: 'error',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const base = `http://127.0.0.1:${apiPort}/api/v1`;
    await waitUntil(async () => (await fetch(`${base}/health`)).ok);
    const login = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: user.email, password: user.password }),
    });
    const { token } = (await login.json()) as { token: string };
    const auth = { authorization: `Bearer ${token}` };
    const me = () => fetch(`${base}/auth/me`, { headers: auth });

    // (2) Enqueue latency: Redis up, then Redis down.
    const issue = async (donationId: string): Promise<number> => {
      const started = now();
      const res = await fetch(`${base}/organisations/${orgId}/receipts`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ donationIds: [donationId] }),
      });
      const took = now() - started;
      if (res.status !== 201)
        throw new Error(`POST receipts answered ${res.status}: ${await res.text()}`);
      return took;
    };
    const enqueueUp = await enqueueTimes(app, 'up');
    const ids = [...donationIds];
    for (let i = 0; i < 5; i++) await issue(ids.shift()!); // warm-up
    const up: number[] = [];
    for (let i = 0; i < REQUESTS; i++) up.push(await issue(ids.shift()!));
    const exited = new Promise((resolve) => redis!.once('exit', resolve));
    redis.kill('SIGKILL');
    await exited;
    await waitUntil(async () => (await fetch(`${base}/health`)).status === 503);
    const down: number[] = [];
    for (let i = 0; i < REQUESTS; i++) down.push(await issue(ids.shift()!));
    const enqueueDown = await enqueueTimes(app, 'down');
    const [{ waiting }] = await postgresQuery<{ waiting: number }>(
      appUrl,
      `SELECT count(*)::int AS waiting FROM job_outbox WHERE delivered_at IS NULL`,
    );
    report('enqueue (outbox tx), Redis up (baseline)', {
      'p50 ms': percentile(enqueueUp, 50),
      'p99 ms': percentile(enqueueUp, 99),
      'max ms': Math.max(...enqueueUp),
    });
    report(
      'enqueue (outbox tx), Redis down',
      {
        'p50 ms': percentile(enqueueDown, 50),
        'p99 ms': percentile(enqueueDown, 99),
        'max ms': Math.max(...enqueueDown),
        'p50 vs up': `${(percentile(enqueueDown, 50) / percentile(enqueueUp, 50)).toFixed(2)}x`,
      },
      { text: 'p99 < 100 ms', met: percentile(enqueueDown, 99) < 100 },
    );
    report('POST receipts, Redis up (baseline)', {
      'p50 ms': percentile(up, 50),
      'p99 ms': percentile(up, 99),
      'max ms': Math.max(...up),
    });
    report(
      'POST receipts, Redis down (outbox)',
      {
        'p50 ms': percentile(down, 50),
        'p99 ms': percentile(down, 99),
        'max ms': Math.max(...down),
        'p50 vs up': `${(percentile(down, 50) / percentile(up, 50)).toFixed(2)}x`,
        'jobs in outbox': waiting,
      },
      { text: 'p99 < 100 ms', met: percentile(down, 99) < 100 },
    );
    redis = await startRedisChild({ dir: path.join(dir, 'redis'), port: redisPort });
    await app.close(); // with Redis back, its queues close at once
    app = undefined;

    // (1) Postgres restart under the running API.
    const pgTimes: number[] = [];
    const apiTimes: number[] = [];
    for (let round = 0; round < RESTARTS; round++) {
      await waitUntil(async () => (await me()).status === 200);
      await stopPostgres(postgres);
      const away = await me();
      if (away.status !== 503) throw new Error(`API answered ${away.status} with Postgres away`);
      const started = now();
      const pgBack = waitUntil(() => postgresAnswers(appUrl)).then(() => now() - started);
      const apiBack = waitUntil(async () => (await me()).status === 200).then(
        () => now() - started,
      );
      await startPostgres(postgres, pgOptions);
      pgTimes.push(await pgBack);
      apiTimes.push(await apiBack);
    }
    const median = (v: number[]) => percentile(v, 50);
    report('Postgres answers after restart (baseline)', {
      'median ms': median(pgTimes),
      'max ms': Math.max(...pgTimes),
      restarts: RESTARTS,
    });
    report(
      'API answers after Postgres restart',
      {
        'median ms': median(apiTimes),
        'max ms': Math.max(...apiTimes),
        'after Postgres ms': median(apiTimes) - median(pgTimes),
      },
      {
        text: 'within 5 s of Postgres (Retry-After)',
        met: Math.max(...apiTimes.map((a, i) => a - pgTimes[i])) < 5000,
      },
    );
  } finally {
    await app?.close();
    api?.kill('SIGTERM');
    redis?.kill('SIGKILL');
    await stopPostgres(postgres).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}

async function postgresQuery<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}
