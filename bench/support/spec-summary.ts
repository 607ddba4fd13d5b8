import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Runs one e2e test file through Jest (its own Postgres and Redis via the global setup) and
 * returns the summary it wrote to the file named by `envName`. For figures whose honest
 * source is the test itself (the cross-tenant walk, the fuzzer): the bench reports what
 * `npm test` checks instead of a second count that could drift from it. Undefined when the
 * test failed (its stderr tail is printed).
 */
export function runSpecForSummary<T>(spec: string, envName: string): T | undefined {
  const root = path.resolve(__dirname, '..', '..', '..');
  const dir = mkdtempSync(path.join(tmpdir(), 'dachwerk-spec-'));
  const file = path.join(dir, 'summary.json');
  try {
    const run = spawnSync(
      process.execPath,
      [
        path.join(root, 'node_modules', 'jest', 'bin', 'jest.js'),
        '--config',
        'config/jest.config.js',
        // The path before --selectProjects, which would read it as a project name.
        spec,
        '--selectProjects',
        'e2e',
      ],
      {
        cwd: root,
        env: { ...process.env, [envName]: file },
        stdio: ['ignore', 'ignore', 'pipe'],
        encoding: 'utf8',
      },
    );
    if (run.status !== 0) {
      process.stderr.write(run.stderr.slice(-4000));
      return undefined;
    }
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
