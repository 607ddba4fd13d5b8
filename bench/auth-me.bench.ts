import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import { DataSource } from 'typeorm';
import { createOrganisation, createUser, freePort } from '@dachwerk/testing';
import { report } from './support/report';
import type { BenchServices } from './support/services';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
/** Two shared cores are noisy: every figure is the median of this many runs. */
const ROUNDS = 3;

function waitReady(child: ChildProcess, url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 60_000;
    const poll = (): void => {
      if (child.exitCode !== null) return reject(new Error('server exited'));
      fetch(url)
        .then((r) => (r.status < 500 ? resolve() : setTimeout(poll, 100)))
        .catch(() =>
          Date.now() > deadline ? reject(new Error('timeout')) : setTimeout(poll, 100),
        );
    };
    poll();
  });
}

function load(
  url: string,
  headers: Record<string, string>,
  seconds: number,
): Promise<autocannon.Result> {
  return autocannon({ url, connections: CONNECTIONS, duration: seconds, headers });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A target under load: a URL with its headers, and the runs measured on it. */
interface Target {
  name: string;
  url: string;
  headers: Record<string, string>;
  runs: autocannon.Result[];
}

async function startApi(services: BenchServices, env: Record<string, string>) {
  const port = await freePort();
  const child = spawn(process.execPath, [path.resolve(__dirname, '../apps/api/src/main.js')], {
    env: {
      ...process.env,
      ...services.env,
      PORT: String(port),
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitReady(child, `${base}/api/v1/health`);
  return { child, base };
}

/**
 * GET /api/v1/auth/me (authenticated; the session cache on, as deployed, and off) against
 * the reference of issue 13: a minimal NestJS route doing one prepared primary-key query,
 * in its own process. The three are measured in turns, ROUNDS times, so each sees the
 * same machine; the figures are medians.
 */
export async function benchAuthMe(services: BenchServices): Promise<void> {
  const db = await new DataSource({
    type: 'postgres',
    url: services.env.DATABASE_URL,
  }).initialize();
  const org = await createOrganisation(db);
  const user = await createUser(db, { roles: { [org.id]: ['treasurer'] } });
  await db.destroy();

  const children: ChildProcess[] = [];
  try {
    const cached = await startApi(services, {});
    children.push(cached.child);
    const uncached = await startApi(services, { SESSION_CACHE_MS: '0' });
    children.push(uncached.child);
    const refPort = await freePort();
    const ref = spawn(
      process.execPath,
      [
        path.resolve(__dirname, 'support/minimal-nest-server.js'),
        String(refPort),
        services.env.DATABASE_URL,
        user.id,
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    children.push(ref);
    const refUrl = `http://127.0.0.1:${refPort}/me`;
    await waitReady(ref, refUrl);

    const tokenOf = async (base: string) => {
      const res = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: user.email, password: user.password }),
      });
      return ((await res.json()) as { token: string }).token;
    };
    const targets: Target[] = [
      { name: 'minimal NestJS + PK query (ref.)', url: refUrl, headers: {}, runs: [] },
      {
        name: 'GET /api/v1/auth/me',
        url: `${cached.base}/api/v1/auth/me`,
        headers: { authorization: `Bearer ${await tokenOf(cached.base)}` },
        runs: [],
      },
      {
        name: '  … without the session cache',
        url: `${uncached.base}/api/v1/auth/me`,
        headers: { authorization: `Bearer ${await tokenOf(uncached.base)}` },
        runs: [],
      },
    ];
    for (const t of targets) await load(t.url, t.headers, 2); // warm-up: JIT, pools
    for (let round = 0; round < ROUNDS; round++)
      for (const t of targets) {
        const result = await load(t.url, t.headers, DURATION_S);
        if (result.non2xx > 0 || result.errors > 0)
          throw new Error(`${t.name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
        t.runs.push(result);
      }

    const reqs = (t: Target) => median(t.runs.map((r) => r.requests.average));
    const p99 = (t: Target) => median(t.runs.map((r) => r.latency.p99));
    const runs = (t: Target) => t.runs.map((r) => Math.round(r.requests.average)).join('/');
    const [reference, ...routes] = targets;
    report(reference.name, {
      'req/s': reqs(reference),
      'p99 ms': p99(reference),
      runs: runs(reference),
    });
    for (const t of routes) {
      const ratio = reqs(t) / reqs(reference);
      report(
        t.name,
        {
          'req/s': reqs(t),
          'p99 ms': p99(t),
          runs: runs(t),
          'of ref.': `${(ratio * 100).toFixed(0)}%`,
        },
        t === routes[0]
          ? {
              text: `>= 75% of the reference and p99 < 25 ms (${CONNECTIONS} connections, median of ${ROUNDS})`,
              met: ratio >= 0.75 && p99(t) < 25,
            }
          : undefined,
      );
    }
  } finally {
    for (const child of children) child.kill('SIGKILL');
  }
}
