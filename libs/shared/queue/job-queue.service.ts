import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import type IORedis from 'ioredis';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { JOBS, JobName, JobPayloads, QUEUE_NAMES } from './job-registry';
import { createBullConnection } from './redis-connection';

/** Producer side: enqueues registered jobs. Available in api, worker and cli. */
@Injectable()
export class JobQueue implements OnModuleDestroy {
  private readonly connection: IORedis;
  private readonly queues = new Map<string, Queue>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.connection = createBullConnection(config.REDIS_URL);
    for (const name of QUEUE_NAMES) {
      this.queues.set(
        name,
        new Queue(name, { connection: this.connection, prefix: config.QUEUE_PREFIX }),
      );
    }
  }

  /**
   * Enqueues a job. Give a deterministic `jobId` (e.g. `receipt-<id>`; BullMQ forbids ':') so a
   * repeated enqueue of the same work is a no-op while the job exists.
   */
  async enqueue<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    options: JobsOptions = {},
  ): Promise<string> {
    const job = await this.queue(JOBS[name].queue).add(name, payload, {
      attempts: 5,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
      ...options,
    });
    return job.id ?? '';
  }

  /**
   * For reconcilers: makes sure a job with this id is queued or running. A job that
   * finished or failed is removed first, since BullMQ ignores an id it still knows.
   */
  async ensure<N extends JobName>(name: N, payload: JobPayloads[N], jobId: string): Promise<void> {
    const queue = this.queue(JOBS[name].queue);
    const existing = await queue.getJob(jobId);
    if (existing) {
      const state = await existing.getState();
      if (state !== 'completed' && state !== 'failed') return;
      await existing.remove();
    }
    await this.enqueue(name, payload, { jobId });
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

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.all().map((q) => q.close()));
    await this.connection.quit().catch(() => undefined);
  }
}
