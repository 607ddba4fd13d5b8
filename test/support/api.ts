import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  createTestDatabase,
  dropTestDatabase,
  TestDatabase,
  useTestEnvironment,
} from '@dachwerk/testing';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/configure-app';

export interface TestApi {
  app: NestExpressApplication;
  http: () => ReturnType<typeof request>;
  db: TestDatabase;
  /** As the application role, like the API itself. */
  sql: DataSource;
  /** As superuser, to arrange what the API would never allow (e.g. age a session). */
  superSql: DataSource;
  close: () => Promise<void>;
}

async function connect(url: string): Promise<DataSource> {
  const ds = new DataSource({ type: 'postgres', url, extra: { max: 4 } });
  return ds.initialize();
}

/** The real API (same configuration as main.ts) on a fresh database cloned from the template. */
export async function startApi(env: Record<string, string> = {}): Promise<TestApi> {
  const db = await createTestDatabase();
  const savedEnv = { ...process.env };
  useTestEnvironment(db);
  Object.assign(process.env, env);
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({
    bodyParser: false,
    bufferLogs: true,
  });
  configureApp(app);
  await app.init();
  const sql = await connect(db.appUrl);
  const superSql = await connect(db.superUrl);
  return {
    app,
    http: () => request(app.getHttpServer()),
    db,
    sql,
    superSql,
    close: async () => {
      await app.close();
      await sql.destroy();
      await superSql.destroy();
      await dropTestDatabase(db);
      process.env = savedEnv;
    },
  };
}

/** Logs in through the API and returns the bearer header. */
export async function login(
  api: TestApi,
  email: string,
  password: string,
): Promise<{ Authorization: string }> {
  const res = await api.http().post('/api/v1/auth/login').send({ email, password }).expect(200);
  return { Authorization: `Bearer ${(res.body as { token: string }).token}` };
}

/** Waits for a condition instead of sleeping a fixed time. */
export async function waitFor<T>(
  probe: () => Promise<T | undefined | false>,
  // Generous: on two shared cores a busy worker can take long; this waits, it asserts no speed.
  timeoutMs = 50_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('Condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
