import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { JobName } from './job-registry';
import { JobQueue, OutboxJob } from './job-queue.service';

const BATCH = 500;
/** Rows written by another process (cli, another replica) are found by this poll. */
const POLL_MS = 1000;
/** Reconciler back-off: 1, 2, 4 … minutes after delivery, at most one hour apart. */
const MAX_CHECK_MINUTES = 60;

/**
 * Delivers the outbox to BullMQ: right after a transaction that enqueued commits, when
 * Redis (re)connects, and every second for rows of other processes. Several replicas may
 * relay at once: each takes its rows with FOR UPDATE SKIP LOCKED, and job ids are
 * deterministic, so a row delivered twice (a relay died before marking it) is one job.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('OutboxRelay');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  private failing = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
  ) {}

  onApplicationBootstrap(): void {
    this.jobs.onWake(() => this.kick());
    this.timer = setInterval(() => this.kick(), POLL_MS);
    this.timer.unref();
    this.kick();
  }

  /** Starts a delivery round, or asks the running one to go again. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .then(
        () => this.report(undefined),
        (error: unknown) => this.report(error),
      )
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Delivers everything pending that Redis will take now; returns how many rows. */
  async drain(): Promise<number> {
    let total = 0;
    while (this.jobs.connected && !this.stopped) {
      const delivered = await this.deliverBatch();
      total += delivered;
      if (delivered < BATCH) break;
    }
    return total;
  }

  private deliverBatch(): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const rows = await m.query<(OutboxJob & { id: string })[]>(
        `SELECT id, job_name AS name, job_id AS "jobId", payload FROM job_outbox
          WHERE delivered_at IS NULL ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      );
      if (!rows.length) return 0;
      await this.jobs.deliver(rows);
      await m.query(
        `UPDATE job_outbox SET delivered_at = now(), check_after = now() + interval '1 minute'
          WHERE id = ANY($1::bigint[])`,
        [rows.map((r) => r.id)],
      );
      return rows.length;
    });
  }

  /**
   * Job `system.reconcile-outbox` (worker): every delivered row whose job has not run to
   * its end is looked up in Redis; a job Redis lost, or that BullMQ gave up on, is queued
   * again (JobQueue.ensure), with a growing pause so a job that keeps failing is retried
   * hourly at most. Done rows are kept a week for inspection.
   */
  async reconcile(): Promise<number> {
    const rows = await this.dataSource.transaction(async (m) => {
      const due = await m.query<{ id: string; name: JobName; jobId: string; payload: object }[]>(
        `SELECT id, job_name AS name, job_id AS "jobId", payload FROM job_outbox
          WHERE done_at IS NULL AND delivered_at IS NOT NULL AND check_after <= now()
          ORDER BY check_after LIMIT 1000 FOR UPDATE SKIP LOCKED`,
      );
      if (due.length)
        await m.query(
          `UPDATE job_outbox SET reconciled = reconciled + 1,
                  check_after = now() + least(${MAX_CHECK_MINUTES}, power(2, reconciled + 1)) * interval '1 minute'
            WHERE id = ANY($1::bigint[])`,
          [due.map((r) => r.id)],
        );
      return due;
    });
    for (const row of rows) await this.jobs.ensure(row.name, row.payload, row.jobId);
    await this.dataSource.query(`DELETE FROM job_outbox WHERE done_at < now() - interval '7 days'`);
    return rows.length;
  }

  /** One line when delivery starts failing and one when it works again, not one a second. */
  private report(error: unknown): void {
    if (error && !this.failing) {
      this.failing = true;
      this.logger.warn({ err: (error as Error).message }, 'Outbox delivery failing; will retry');
    } else if (!error && this.failing) {
      this.failing = false;
      this.logger.log('Outbox delivery works again');
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }
}
