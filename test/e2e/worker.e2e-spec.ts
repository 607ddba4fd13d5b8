import { DataSource } from 'typeorm';
import { JobQueue } from '@dachwerk/shared';
import { startApi, TestApi, waitFor } from '../support/api';
import { spawnWorker, stopProcess } from '../support/worker';

describe('worker', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('boots as its own process and processes a job end to end, once per job id', async () => {
    const worker = spawnWorker();
    try {
      const jobs = api.app.get(JobQueue);
      const m = api.app.get(DataSource).manager;
      await jobs.enqueue(m, 'system.heartbeat', {}, { jobId: 'heartbeat-e2e-1' });
      await jobs.enqueue(m, 'system.heartbeat', {}, { jobId: 'heartbeat-e2e-1' }); // same id: no second run
      const row = await waitFor(async () => {
        const rows = await api.sql.query(
          `SELECT job_id, worker FROM worker_heartbeats WHERE job_id = 'heartbeat-e2e-1'`,
        );
        return rows[0] as { job_id: string; worker: string } | undefined;
      });
      expect(row.worker).toMatch(/:\d+$/);
      const [{ n }] = await api.sql.query(`SELECT count(*)::int AS n FROM worker_heartbeats`);
      expect(n).toBe(1);
      // The job's outbox rows are closed, so the outbox reconciler leaves them be.
      await waitFor(async () => {
        const [open] = await api.sql.query(
          `SELECT count(*)::int AS n FROM job_outbox WHERE job_id = 'heartbeat-e2e-1' AND done_at IS NULL`,
        );
        return (open as { n: number }).n === 0;
      });
      // The boot line comes after the repeating jobs are scheduled; a job may be done before it.
      await waitFor(async () => /Consuming .*system/.test(worker.output()));
    } finally {
      const ended = await stopProcess(worker.child);
      expect(ended.code === 0 || ended.signal === 'SIGTERM').toBe(true);
    }
  });

  it('refuses to start with a bad configuration, naming the variable', async () => {
    const worker = spawnWorker({ REDIS_URL: 'http://not-redis' });
    const code = await new Promise<number | null>((resolve) => worker.child.once('exit', resolve));
    expect(code).toBe(1);
    expect(worker.output()).toMatch(/REDIS_URL: must be a redis:\/\/ URL/);
  });
});
