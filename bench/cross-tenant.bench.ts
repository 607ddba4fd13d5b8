import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { report } from './support/report';

/** What test/e2e/cross-tenant.e2e-spec.ts writes to CROSS_TENANT_REPORT. */
interface WalkSummary {
  operations: number;
  walked: number;
  addressNoRecord: number;
  calls: number;
  seconds: number;
}

/**
 * The cross-tenant walk's route count (issue 12): how many operations of the OpenAPI
 * document the walk probes with another organisation's ids, how many calls that takes and
 * how long. The walk is the e2e test itself (its own Postgres and Redis through Jest's
 * global setup), run here once so the figure is the one `npm test` asserts on, not a
 * second count that could drift from it. Goal: every operation either walked or declared
 * as addressing no record — a route the walk cannot place fails the test.
 */
export async function benchCrossTenant(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..');
  const dir = mkdtempSync(path.join(tmpdir(), 'dachwerk-walk-'));
  const file = path.join(dir, 'walk.json');
  try {
    const run = spawnSync(
      process.execPath,
      [
        path.join(root, 'node_modules', 'jest', 'bin', 'jest.js'),
        '--config',
        'config/jest.config.js',
        // The path before --selectProjects, which would read it as a project name.
        'test/e2e/cross-tenant.e2e-spec.ts',
        '--selectProjects',
        'e2e',
      ],
      {
        cwd: root,
        env: { ...process.env, CROSS_TENANT_REPORT: file },
        stdio: ['ignore', 'ignore', 'pipe'],
        encoding: 'utf8',
      },
    );
    if (run.status !== 0) {
      process.stderr.write(run.stderr.slice(-4000));
      report('cross-tenant walk', { failed: `jest exit ${run.status}` });
      return;
    }
    const s = JSON.parse(readFileSync(file, 'utf8')) as WalkSummary;
    report(
      'cross-tenant walk',
      {
        operations: s.operations,
        walked: s.walked,
        noRecord: s.addressNoRecord,
        calls: s.calls,
        seconds: s.seconds,
        'calls/s': s.calls / s.seconds,
      },
      {
        text: 'every operation walked or addressing no record',
        met: s.walked + s.addressNoRecord === s.operations,
      },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
