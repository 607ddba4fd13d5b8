// Test-only helpers: real databases cloned from the migrated template, and factories.
export * from './test-database';
export * from './factories';
export * from '../local-services/free-port';
export * from '../local-services/redis-server';
export * from './test-module';
/** A migration's data part, for the test that runs it on books kept with the old chart. */
export { correctChartToSkr42 } from '../database/migrations/1765810000000-chart-skr42-check';
