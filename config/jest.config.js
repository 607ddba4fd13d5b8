// Three projects: unit (*.spec.ts, pure), integration (*.int-spec.ts, real Postgres and
// Redis) and end-to-end (test/e2e, the HTTP API and the real worker). The global setup
// starts throwaway Postgres and Redis once for all of them.
const fs = require('node:fs');
const path = require('node:path');
const root = path.resolve(__dirname, '..');
const swc = JSON.parse(fs.readFileSync(`${__dirname}/swc.json`, 'utf8'));

const shared = {
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swc, swcrc: false }] },
  moduleNameMapper: {
    '^@dachwerk/testing$': '<rootDir>/libs/shared/testing/index.ts',
    '^@dachwerk/(.*)$': '<rootDir>/libs/$1/index.ts',
  },
  testEnvironment: 'node',
  rootDir: root,
};

module.exports = {
  rootDir: root,
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  // Two cores: two test files at a time, each with its own database.
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
  maxWorkers: process.env.CI ? 2 : '50%',
  testTimeout: 60_000,
  // A test file whose app fails to boot can leave a Redis connection open; finish the
  // run with that failure instead of hanging until CI's time limit.
  forceExit: true,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    { ...shared, displayName: 'integration', testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'] },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
    // Playwright in Debian's Chromium against the real API, worker, Postgres and Redis.
    { ...shared, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'] },
  ],
};
