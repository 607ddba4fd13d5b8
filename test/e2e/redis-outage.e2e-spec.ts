import { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  addDays,
  Clock,
  JOBS,
  JobQueue,
  nextTargetBusinessDay,
  startRedisChild,
  type JobName,
} from '@dachwerk/shared';
import { freePort } from '@dachwerk/testing';
import { DEMO_PASSWORD } from '../../apps/cli/src/demo/demo-data';
import { seedDemo } from '../../apps/cli/src/demo/seed-demo';
import { login, startApi, TestApi, waitFor } from '../support/api';
import { startSmtpServer } from '../support/smtp';
import { spawnWorker, stopProcess } from '../support/worker';

/**
 * Redis goes away under a running API and worker: requests that enqueue answer from the
 * outbox; when a Redis comes back — an empty one, as after a restart without persistence —
 * every job runs once and the worker registers its schedules again by itself.
 */
describe('Redis outage', () => {
  let dir: string;
  let redisPort: number;
  let redis: ChildProcess;
  let api: TestApi;
  let worker: { child: ChildProcess; output: () => string };
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

  const stopRedis = async () => {
    const exited = new Promise((resolve) => redis.once('exit', resolve));
    redis.kill('SIGKILL');
    await exited;
  };
  const openOutbox = async () =>
    (
      await api.sql.query<{ jobId: string; delivered: boolean }[]>(
        `SELECT job_id AS "jobId", delivered_at IS NOT NULL AS delivered FROM job_outbox WHERE done_at IS NULL`,
      )
    ).map((r) => r);

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'dachwerk-redis-outage-'));
    redisPort = await freePort();
    redis = await startRedisChild({ dir, port: redisPort });
    smtp = await startSmtpServer();
    api = await startApi({
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      SMTP_URL: smtp.url,
      SMTP_FROM: 'Dachwerk <noreply@dachwerk.example>',
    });
    await seedDemo(api.app);
    worker = spawnWorker();
    await waitFor(async () => /Consuming /.test(worker.output()));
    // The demo's own jobs (letters, receipts) are done before the outage starts.
    await waitFor(async () => (await openOutbox()).length === 0, 60_000);
  }, 180_000);
  afterAll(async () => {
    await stopProcess(worker.child, 'SIGKILL');
    await api.close();
    redis.kill('SIGKILL');
    await smtp.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers from the outbox while Redis is down and runs every job once when it is back', async () => {
    const [umbrella] = await api.sql.query<{ id: string }[]>(
      `SELECT id FROM organisations ORDER BY created_at LIMIT 1`,
    );
    const base = `/api/v1/organisations/${umbrella.id}`;
    const treasurer = await login(api, 'treasurer@dachwerk.example', DEMO_PASSWORD);
    const board = await login(api, 'board@dachwerk.example', DEMO_PASSWORD);
    const [donation] = await api.sql.query<{ id: string }[]>(
      `SELECT d.id FROM donations d
        WHERE d.organisation_id = $1 AND d.kind = 'money'
          AND NOT EXISTS (SELECT 1 FROM receipt_items i WHERE i.donation_id = d.id)
          AND NOT EXISTS (SELECT 1 FROM donation_corrections c WHERE c.donation_id = d.id)
        ORDER BY d.received_on DESC LIMIT 1`,
      [umbrella.id],
    );
    const [rendered] = await api.sql.query<{ id: string }[]>(
      `SELECT id FROM receipts WHERE organisation_id = $1 AND rendered_at IS NOT NULL AND voided_at IS NULL LIMIT 1`,
      [umbrella.id],
    );
    const [application] = await api.sql.query<{ id: string; email: string }[]>(
      `SELECT a.id, u.email FROM applications a JOIN users u ON u.id = a.submitted_by
        WHERE a.organisation_id = $1 AND a.status = 'complete' LIMIT 1`,
      [umbrella.id],
    );
    const today = new Clock().today();
    const year = Number(today.slice(0, 4));

    const mailedBefore = smtp.received.length;
    await stopRedis();
    const jobs = api.app.get(JobQueue);
    await waitFor(async () => !jobs.connected);
    const health = await api.http().get('/api/v1/health').expect(503);
    expect(health.body).toMatchObject({ redis: 'down', database: 'up' });

    // Each of these enqueues a job; none may wait for Redis.
    const receipt = await api
      .http()
      .post(`${base}/receipts`)
      .set(treasurer)
      .send({ donationIds: [donation.id] })
      .expect(201);
    const delivery = await api
      .http()
      .post(`${base}/receipts/${rendered.id}/send`)
      .set(treasurer)
      .send({ email: 'spender@example.org' })
      .expect(201);
    const feeRun = await api
      .http()
      .post(`${base}/fee-runs`)
      .set(treasurer)
      .send({
        // The demo raised the first quarter; the second lies in the same fiscal year.
        periodStart: `${year}-04-01`,
        periodEnd: `${year}-06-30`,
        collectionDate: nextTargetBusinessDay(addDays(today, 20)),
      })
      .expect(201);
    await api
      .http()
      .post(`${base}/applications/${application.id}/decisions`)
      .set(board)
      .send({ kind: 'reject', comment: 'Nicht förderfähig' })
      .expect(201);

    const waiting = await openOutbox();
    expect(waiting.filter((r) => !r.delivered).map((r) => r.jobId)).toEqual(
      expect.arrayContaining([
        `receipt-${receipt.body.id}`,
        `receipt-delivery-${delivery.body.deliveryId}`,
        `fee-run-notices-${feeRun.body.id}`,
        expect.stringMatching(new RegExp(`^application-${application.id}-`)),
      ]),
    );

    // An empty Redis on the same port: the restart of one without persistence.
    redis = await startRedisChild({ dir, port: redisPort });
    await waitFor(async () => (await openOutbox()).length === 0, 60_000);

    const [effects] = await api.sql.query(
      `SELECT (SELECT rendered_at IS NOT NULL FROM receipts WHERE id = $1) AS "receiptRendered",
              (SELECT status FROM receipt_deliveries WHERE id = $2) AS "deliveryStatus",
              (SELECT notices_document_path IS NOT NULL FROM fee_runs WHERE id = $3) AS "lettersRendered"`,
      [receipt.body.id, delivery.body.deliveryId, feeRun.body.id],
    );
    expect(effects).toEqual({
      receiptRendered: true,
      deliveryStatus: 'sent',
      lettersRendered: true,
    });
    // Once in effect: since the outage began, one mail to the donor, one to the applicant.
    const mailed = smtp.received.slice(mailedBefore);
    expect(mailed.filter((m) => m.to.includes('spender@example.org'))).toHaveLength(1);
    expect(mailed.filter((m) => m.to.includes(application.email))).toHaveLength(1);
    expect(mailed).toHaveLength(2);

    // The worker puts its schedules back into the empty Redis without a restart.
    const repeating = (Object.keys(JOBS) as JobName[]).filter(
      (name) => (JOBS[name] as { everyMs?: number }).everyMs,
    );
    await waitFor(async () => {
      for (const name of repeating) {
        const queue = jobs.queue(JOBS[name].queue);
        if (!(await queue.getJobScheduler(name))) return false;
      }
      return true;
    }, 30_000);
  });
});
