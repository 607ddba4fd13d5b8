import type { AddressInfo } from 'node:net';
import { seedDemo } from '../../../apps/cli/src/demo/seed-demo';
import { startApi, waitFor, type TestApi } from '../../support/api';
import { spawnWorker, stopProcess } from '../../support/worker';

export interface Stack {
  api: TestApi;
  /** http://127.0.0.1:<port>, the origin the browser uses. */
  baseUrl: string;
  umbrellaId: string;
  clubId: string;
  close: () => Promise<void>;
}

/**
 * The real thing for a browser: the API listening on a free port (serving the built web
 * app), the compiled worker, a database of its own with the demo data loaded as of today.
 */
export async function startStack(): Promise<Stack> {
  const api = await startApi();
  await seedDemo(api.app);
  await api.app.listen(0, '127.0.0.1');
  const port = (api.app.getHttpServer().address() as AddressInfo).port;
  const worker = spawnWorker();
  await waitFor(
    async () => /Consuming .*system/.test(worker.output()) || worker.child.exitCode !== null,
    // generous: two shared cores start several stacks and browsers side by side
    90_000,
  );
  if (worker.child.exitCode !== null) throw new Error(`worker exited:\n${worker.output()}`);
  const orgs = await api.sql.query<{ id: string; is_umbrella: boolean }[]>(
    `SELECT id, is_umbrella FROM organisations ORDER BY is_umbrella DESC`,
  );
  return {
    api,
    baseUrl: `http://127.0.0.1:${port}`,
    umbrellaId: orgs[0].id,
    clubId: orgs[1].id,
    close: async () => {
      await stopProcess(worker.child);
      await api.close();
    },
  };
}
