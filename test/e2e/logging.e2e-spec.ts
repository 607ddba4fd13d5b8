import { spawn } from 'node:child_process';
import path from 'node:path';
import { DataSource } from 'typeorm';
import {
  createTestDatabase,
  createUser,
  dropTestDatabase,
  freePort,
  TestDatabase,
} from '@dachwerk/testing';
import { waitFor } from '../support/api';
import { stopProcess } from '../support/worker';

describe('request logs', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => dropTestDatabase(db));

  it('write one line per request with request id, actor, status and duration, and no secrets or personal data', async () => {
    const sql = await new DataSource({ type: 'postgres', url: db.appUrl }).initialize();
    const user = await createUser(sql, { email: 'erika.mustermann@test.example' });
    await sql.destroy();

    const port = await freePort();
    let output = '';
    const api = spawn(
      process.execPath,
      [path.resolve(__dirname, '../../dist/apps/api/src/main.js')],
      {
        env: {
          ...process.env,
          DATABASE_URL: db.appUrl,
          PORT: String(port),
          LOG_LEVEL: 'info',
          NODE_ENV: 'production',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    api.stdout.on('data', (d: Buffer) => (output += d.toString()));
    api.stderr.on('data', (d: Buffer) => (output += d.toString()));
    try {
      const base = `http://127.0.0.1:${port}/api/v1`;
      await waitFor(async () => (await fetch(`${base}/health`).catch(() => undefined))?.ok);
      const login = await fetch(`${base}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: user.email, password: user.password }),
      });
      const { token } = (await login.json()) as { token: string };
      const me = await fetch(`${base}/auth/me?search=Mustermann`, {
        headers: { authorization: `Bearer ${token}`, 'x-request-id': 'log-test-request-1' },
      });
      expect(me.status).toBe(200);

      const line = await waitFor(async () =>
        output
          .split('\n')
          .find((l) => l.includes('log-test-request-1') && l.includes('request completed')),
      );
      const entry = JSON.parse(line);
      expect(entry).toMatchObject({
        reqId: 'log-test-request-1',
        actorId: user.id,
        req: { method: 'GET', path: '/api/v1/auth/me' },
        res: { statusCode: 200 },
      });
      expect(typeof entry.responseTime).toBe('number');
      for (const secret of [token, user.password, user.email, 'Mustermann', 'authorization']) {
        expect(output).not.toContain(secret);
      }
    } finally {
      await stopProcess(api);
    }
  });
});
