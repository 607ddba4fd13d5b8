// Test-only helpers: real databases cloned from the migrated template, and factories.
export * from './test-database';
export * from './factories';
export * from '../local-services/free-port';
export * from '../local-services/redis-server';
export * from './test-module';
