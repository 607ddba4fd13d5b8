import type { EventEmitter } from 'node:events';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import type IORedis from 'ioredis';
import { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { JOBS, JobName, JobPayloads, QUEUE_NAMES } from './job-registry';
import { createProducerConnection } from './redis-connection';

/** Options of every job: five attempts with exponential back-off (1, 2, 4, 8 s). */
export const JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/** Longest a delivery to Redis may take before the relay gives up and tries again later. */
const REDIS_TIMEOUT_MS = 5000;

export interface OutboxJob {
  name: JobName;
  jobId: string;
  payload: object;
}

/**
 * Producer side, in api, worker and cli. Business code enqueues into the outbox
 * (`job_outbox`) in its own transaction; OutboxRelay delivers to BullMQ after the commit.
 * Nothing a request does waits for Redis.
 */
@Injectable()
export class JobQueue implements OnApplicationShutdown {
  private readonly connection: IORedis;
  private readonly queues = new Map<string, Queue>();
  /** Transactions that wrote an outbox row; the relay is woken when they commit. */
  private readonly writers = new WeakSet<QueryRunner>();
  private readonly listeners: (() => void)[] = [];

  constructor(@Inject(APP_CONFIG) config: AppConfig, dataSource: DataSource) {
    this.connection = createProducerConnection(config.REDIS_URL);
    this.connection.on('error', () => undefined); // the relay reports outages, once
    this.connection.on('ready', () => this.wake());
    for (const name of QUEUE_NAMES) {
      this.queues.set(
        name,
        new Queue(name, { connection: this.connection, prefix: config.QUEUE_PREFIX }),
      );
    }
    dataSource.subscribers.push(this.commitWatcher());
  }

  /**
   * Records a job in the caller's transaction: it reaches BullMQ only if the business
   * change commits, and even while Redis is down. Give a deterministic `jobId` (e.g.
   * `receipt-<id>`; BullMQ forbids ':') so a repeated delivery is a no-op.
   */
  async enqueue<N extends JobName>(
    manager: EntityManager,
    name: N,
    payload: JobPayloads[N],
    options: { jobId: string },
  ): Promise<void> {
    await manager.query(`INSERT INTO job_outbox (job_name, job_id, payload) VALUES ($1, $2, $3)`, [
      name,
      options.jobId,
      JSON.stringify(payload),
    ]);
    const runner = manager.queryRunner;
    if (runner?.isTransactionActive) this.writers.add(runner);
    else this.wake();
  }

  /** For the relay: adds outbox rows to their queues (ids deterministic, so at most once each). */
  async deliver(jobs: OutboxJob[]): Promise<void> {
    const byQueue = new Map<string, OutboxJob[]>();
    for (const job of jobs) {
      const queue = JOBS[job.name]?.queue;
      if (!queue) throw new Error(`Outbox holds unknown job ${job.name}`);
      byQueue.set(queue, [...(byQueue.get(queue) ?? []), job]);
    }
    await withTimeout(
      Promise.all(
        [...byQueue].map(([queue, batch]) =>
          this.queue(queue).addBulk(
            batch.map((job) => ({
              name: job.name,
              data: job.payload,
              opts: { ...JOB_OPTIONS, jobId: job.jobId },
            })),
          ),
        ),
      ),
      REDIS_TIMEOUT_MS,
    );
  }

  /**
   * For reconcilers (running in the worker): makes sure a job with this id is queued or
   * running. A job that finished or failed is removed first, since BullMQ ignores an id it
   * still knows — a failed job is retried here rather than forgotten for a week.
   */
  async ensure<N extends JobName>(name: N, payload: JobPayloads[N], jobId: string): Promise<void> {
    const queue = this.queue(JOBS[name].queue);
    const existing = await queue.getJob(jobId);
    if (existing) {
      const state = await existing.getState();
      if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return;
      await existing.remove();
    }
    await queue.add(name, payload, { ...JOB_OPTIONS, jobId });
  }

  /** Redis is connected; commands will not fail for want of a connection. */
  get connected(): boolean {
    return this.connection.status === 'ready';
  }

  /** Called after a transaction that enqueued commits, and when Redis (re)connects. */
  onWake(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** All queues, for bull-board and the worker's scheduler. */
  all(): Queue[] {
    return [...this.queues.values()];
  }

  queue(name: string): Queue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`Unknown queue ${name}`);
    return queue;
  }

  private wake(): void {
    for (const listener of this.listeners) listener();
  }

  private commitWatcher(): EntitySubscriberInterface {
    return {
      afterTransactionCommit: ({ queryRunner }) => {
        // A released savepoint is reported as a commit too; wait for the outer one.
        if (queryRunner.isTransactionActive || !this.writers.has(queryRunner)) return;
        this.writers.delete(queryRunner);
        this.wake();
      },
      afterTransactionRollback: ({ queryRunner }) => {
        if (!queryRunner.isTransactionActive) this.writers.delete(queryRunner);
      },
    };
  }

  /** After the relay has stopped (its onModuleDestroy), which runs before this hook. */
  async onApplicationShutdown(): Promise<void> {
    // A queue that never reached Redis waits for it in close(); shutting down does not.
    await withTimeout(Promise.all(this.all().map(closeQuietly)), 2000).catch(() => undefined);
    this.connection.disconnect();
  }
}

/**
 * BullMQ's close() drops every listener of a queue's connection, yet a connection still
 * initialising (closed right after start-up, as a short CLI command does) reports its
 * failed init afterwards as an 'error' event — and an 'error' nobody listens to ends the
 * process (verify-documents exited 1 after printing its report). Once we shut down,
 * such an error means nothing.
 */
async function closeQuietly(queue: Queue): Promise<void> {
  const { connection } = queue as unknown as { connection: EventEmitter };
  const ignore = () => undefined;
  connection.on('error', ignore);
  try {
    await queue.close();
  } finally {
    connection.on('error', ignore);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer in ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
