import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { NestFactory } from '@nestjs/core';
import {
  localServicesDown,
  localServicesStatus,
  localServicesUp,
  runMigrations,
} from '@dachwerk/shared';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-data';
import { CliModule } from '../cli.module';
import { seedDemo } from './seed-demo';

const log = (line: string): void => void process.stdout.write(`${line}\n`);

async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error('The API exited during start-up (see its output above)');
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The API did not become healthy within ${timeoutMs / 1000} s`);
}

/**
 * `npm run demo`: services (unless given), migrations, demo data, api + worker.
 * Ctrl-C stops what this command started; data stays in .data/ for the next run.
 */
export async function runDemo(root: string): Promise<void> {
  if (process.env.NODE_ENV === 'production') {
    throw new Error('The demo loads demo logins and refuses to run with NODE_ENV=production');
  }
  const before = await localServicesStatus(root);
  const urls = await localServicesUp(root, log);
  const startedServices =
    (!process.env.DATABASE_URL && !before.postgres) || (!process.env.REDIS_URL && !before.redis);

  log('Migrating ...');
  const applied = await runMigrations(urls.MIGRATION_DATABASE_URL);
  log(applied.length ? `  applied ${applied.join(', ')}` : '  up to date');

  log('Loading demo data ...');
  Object.assign(process.env, urls);
  const context = await NestFactory.createApplicationContext(CliModule, { logger: ['error'] });
  try {
    await seedDemo(context);
  } finally {
    await context.close();
  }

  const port = Number(process.env.PORT ?? 3000);
  const env = {
    ...process.env,
    ...urls,
    PORT: String(port),
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    // Request logs are JSON for machines; the demo console stays readable unless asked.
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  };
  const start = (app: string): ChildProcess =>
    spawn(process.execPath, [path.join(root, 'dist', 'apps', app, 'src', 'main.js')], {
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  const children = [start('api'), start('worker')];

  let stopping = false;
  const stop = async (code: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log('\nStopping api and worker ...');
    // Children get Ctrl-C too; give them 10 s to shut down cleanly, then kill them.
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.once('exit', () => {
              clearTimeout(force);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
    if (startedServices) {
      log('Stopping Postgres and Redis (data stays in .data/) ...');
      await localServicesDown(root);
    }
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.on(signal, () => void stop(0));
  for (const child of children) {
    child.once('exit', (code, signal) => {
      if (stopping) return;
      log(`A process exited unexpectedly (code ${code}, signal ${signal}).`);
      void stop(1);
    });
  }

  const base = `http://localhost:${port}`;
  await waitForHealth(`${base}/api/v1/health`, children[0]);
  log(
    [
      '',
      `  Dachwerk is running: open ${base}/`,
      '',
      `  App:      ${base}/`,
      `  API:      ${base}/api/v1`,
      `  API docs: ${base}/docs`,
      `  Queues:   ${base}/admin/queues (admins)`,
      '',
      `  Demo logins (password "${DEMO_PASSWORD}"):`,
      ...DEMO_USERS.map(
        (u) => `    ${u.email.padEnd(30)} ${[...new Set([...u.umbrella, ...u.club])].join(', ')}`,
      ),
      '',
      `  Try: curl -s -X POST ${base}/api/v1/auth/login -H 'content-type: application/json' \\`,
      `         -d '{"email":"treasurer@dachwerk.example","password":"${DEMO_PASSWORD}"}'`,
      '',
      '  Request logs: LOG_LEVEL=info npm run demo. Ctrl-C stops everything this command started.',
      '',
    ].join('\n'),
  );
}
