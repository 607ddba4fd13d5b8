import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import { DataSource } from 'typeorm';
import { createOrganisation, createUser, freePort } from '@dachwerk/testing';
import { report } from './support/report';
import type { BenchServices } from './support/services';

const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);

/** The baseline: a bare Node http server answering the same JSON, in its own process. */
const BARE_SERVER = `
  const body = process.argv[2];
  require('node:http').createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  }).listen(Number(process.argv[1]), '127.0.0.1', () => process.send && process.send('ready'));
`;

function waitReady(child: ChildProcess, url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 30_000;
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

async function load(
  url: string,
  headers: Record<string, string>,
  seconds: number,
): Promise<autocannon.Result> {
  return autocannon({ url, connections: CONNECTIONS, duration: seconds, headers });
}

/** The framework's own floor on this machine, for reading the figures. */
async function measureMinimalNest(databaseUrl: string, userId: string): Promise<autocannon.Result> {
  const port = await freePort();
  const server = spawn(
    process.execPath,
    [path.resolve(__dirname, 'support/minimal-nest-server.js'), String(port), databaseUrl, userId],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  try {
    const url = `http://127.0.0.1:${port}/me`;
    await waitReady(server, url);
    await load(url, {}, 2);
    return await load(url, {}, DURATION_S);
  } finally {
    server.kill('SIGKILL');
  }
}

/**
 * req/s and p99 of GET /api/v1/auth/me (authenticated, 50 connections) against a bare
 * Node http server answering the same JSON, measured one after the other in this run.
 */
export async function benchAuthMe(services: BenchServices): Promise<void> {
  const db = await new DataSource({
    type: 'postgres',
    url: services.env.DATABASE_URL,
  }).initialize();
  const org = await createOrganisation(db);
  const user = await createUser(db, { roles: { [org.id]: ['treasurer'] } });
  await db.destroy();

  const apiPort = await freePort();
  const api = spawn(process.execPath, [path.resolve(__dirname, '../apps/api/src/main.js')], {
    env: {
      ...process.env,
      ...services.env,
      PORT: String(apiPort),
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    const base = `http://127.0.0.1:${apiPort}`;
    await waitReady(api, `${base}/api/v1/health`);
    const loginRes = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: user.email, password: user.password }),
    });
    const { token } = (await loginRes.json()) as { token: string };
    const headers = { authorization: `Bearer ${token}` };
    const meUrl = `${base}/api/v1/auth/me`;
    const meBody = await (await fetch(meUrl, { headers })).text();

    const barePort = await freePort();
    const bare = spawn(process.execPath, ['-e', BARE_SERVER, String(barePort), meBody], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    try {
      const bareUrl = `http://127.0.0.1:${barePort}/`;
      await waitReady(bare, bareUrl);
      await load(bareUrl, {}, 2); // warm-up
      const baseline = await load(bareUrl, {}, DURATION_S);
      await load(meUrl, headers, 2); // warm-up (JIT, pool)
      const measured = await load(meUrl, headers, DURATION_S);
      const reference = await measureMinimalNest(services.env.DATABASE_URL, user.id);
      if (measured.non2xx > 0 || measured.errors > 0) {
        throw new Error(
          `auth/me answered ${measured.non2xx} non-2xx and ${measured.errors} errors`,
        );
      }
      report('bare node http (baseline)', {
        'req/s': baseline.requests.average,
        'p99 ms': baseline.latency.p99,
      });
      report('minimal NestJS + PK query (ref.)', {
        'req/s': reference.requests.average,
        'p99 ms': reference.latency.p99,
        ratio: `${((reference.requests.average / baseline.requests.average) * 100).toFixed(1)}%`,
      });
      const ratio = measured.requests.average / baseline.requests.average;
      report(
        'GET /api/v1/auth/me',
        {
          'req/s': measured.requests.average,
          'p99 ms': measured.latency.p99,
          ratio: `${(ratio * 100).toFixed(1)}%`,
        },
        {
          text: '>= 25% of baseline and p99 < 25 ms',
          met: ratio >= 0.25 && measured.latency.p99 < 25,
        },
      );
    } finally {
      bare.kill('SIGKILL');
    }
  } finally {
    api.kill('SIGTERM');
  }
}
