import type { ModuleMetadata } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { SharedModule } from '../shared.module';
import {
  createTestDatabase,
  dropTestDatabase,
  TestDatabase,
  useTestEnvironment,
} from './test-database';

export interface TestModule {
  moduleRef: TestingModule;
  db: TestDatabase;
  /** As the application role. */
  sql: DataSource;
  /** As superuser, to do on purpose what the application can never do. */
  superSql: DataSource;
  close: () => Promise<void>;
}

/** Library services wired as in the apps, on a fresh database: for *.int-spec.ts. */
export async function createTestModule(imports: ModuleMetadata['imports']): Promise<TestModule> {
  const db = await createTestDatabase();
  const savedEnv = { ...process.env };
  useTestEnvironment(db);
  const moduleRef = await Test.createTestingModule({
    imports: [SharedModule, ...(imports ?? [])],
  }).compile();
  await moduleRef.init();
  const sql = await new DataSource({
    type: 'postgres',
    url: db.appUrl,
    extra: { max: 4 },
  }).initialize();
  const superSql = await new DataSource({
    type: 'postgres',
    url: db.superUrl,
    extra: { max: 2 },
  }).initialize();
  return {
    moduleRef,
    db,
    sql,
    superSql,
    close: async () => {
      await moduleRef.close();
      await sql.destroy();
      await superSql.destroy();
      await dropTestDatabase(db);
      process.env = savedEnv;
    },
  };
}
