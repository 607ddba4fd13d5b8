import { types } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';
import { SnakeNamingStrategy } from './naming.strategy';

/**
 * bigint columns (money in cents, counts) arrive as numbers, not strings; a value
 * outside the safe integer range fails loudly instead of rounding.
 */
types.setTypeParser(types.builtins.INT8, (value: string) => {
  const n = Number(value);
  if (!Number.isSafeInteger(n))
    throw new RangeError(`bigint ${value} exceeds the safe integer range`);
  return n;
});

/** Options every DataSource of Dachwerk shares: migrations only, never synchronize. */
export function baseDataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    // A database that does not answer (network gone) fails the request after 10 s instead
    // of holding it; a refused or restarting server fails at once (answered 503).
    extra: { max: poolSize, application_name: 'dachwerk', connectionTimeoutMillis: 10_000 },
  };
}

/** Runs pending migrations as the owner role; returns the names it applied. */
export async function runMigrations(ownerUrl: string): Promise<string[]> {
  const dataSource = new DataSource(baseDataSourceOptions(ownerUrl, 1));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations();
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}
