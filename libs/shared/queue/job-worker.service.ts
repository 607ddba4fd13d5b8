import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { Job, Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { JOB_HANDLER } from './job-handler.decorator';
import { JOBS, JobName, QUEUE_NAMES } from './job-registry';
import { JobQueue } from './job-queue.service';
import { createBullConnection } from './redis-connection';

type Handler = (job: Job) => Promise<unknown>;

/** Redis may lose its data (a restart without persistence): schedules are checked this often. */
const SCHEDULE_CHECK_MS = 10_000;

export class MissingJobHandlerError extends Error {}

/** Finds every @JobHandler, checks the registry is covered, and consumes all queues. */
export function collectHandlers(
  discovery: DiscoveryService,
  scanner: MetadataScanner,
  reflector: Reflector,
  registry: Record<string, unknown> = JOBS,
): Map<JobName, Handler> {
  const handlers = new Map<JobName, Handler>();
  for (const wrapper of discovery.getProviders()) {
    const instance: unknown = wrapper.instance;
    if (!instance || typeof instance !== 'object') continue;
    const prototype = Object.getPrototypeOf(instance) as object;
    for (const method of scanner.getAllMethodNames(prototype)) {
      const fn = (instance as Record<string, unknown>)[method];
      if (typeof fn !== 'function') continue;
      const name = reflector.get<JobName | undefined>(JOB_HANDLER, fn as Handler);
      if (!name) continue;
      if (handlers.has(name)) throw new Error(`Job ${name} has two handlers`);
      handlers.set(name, (fn as Handler).bind(instance));
    }
  }
  const missing = (Object.keys(registry) as JobName[]).filter((name) => !handlers.has(name));
  if (missing.length) {
    throw new MissingJobHandlerError(`No handler for registered job(s): ${missing.join(', ')}`);
  }
  return handlers;
}

@Injectable()
export class JobWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('JobWorker');
  private readonly workers: Worker[] = [];
  private scheduleTimer?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly jobs: JobQueue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const handlers = collectHandlers(this.discovery, this.scanner, this.reflector);
    for (const queue of QUEUE_NAMES) {
      const worker = new Worker(
        queue,
        async (job: Job) => {
          const handler = handlers.get(job.name as JobName);
          if (!handler) throw new Error(`Unknown job ${job.name} on queue ${queue}`);
          const result = await handler(job);
          // Closes its outbox row, so the outbox reconciler leaves it be.
          if (!job.repeatJobKey)
            await this.dataSource.query(
              `UPDATE job_outbox SET done_at = now() WHERE job_id = $1 AND done_at IS NULL`,
              [job.id],
            );
          return result;
        },
        {
          connection: createBullConnection(this.config.REDIS_URL),
          prefix: this.config.QUEUE_PREFIX,
          concurrency: 4,
          // A crashed worker's job goes back to the queue within ~20 s (BullMQ renews
          // locks of live jobs every 7.5 s); a job may stall a few times before it fails.
          lockDuration: 15_000,
          stalledInterval: 5_000,
          maxStalledCount: 5,
        },
      );
      worker.on('failed', (job, err) =>
        this.logger.warn({ jobId: job?.id, job: job?.name, err: err.message }, 'Job failed'),
      );
      this.workers.push(worker);
    }
    await this.scheduleRepeatingJobs();
    this.scheduleTimer = setInterval(() => {
      this.scheduleRepeatingJobs().catch((error: unknown) =>
        this.logger.warn({ err: (error as Error).message }, 'Could not check job schedules'),
      );
    }, SCHEDULE_CHECK_MS);
    this.scheduleTimer.unref();
    this.logger.log(`Consuming ${QUEUE_NAMES.join(', ')} with ${handlers.size} job handlers`);
  }

  /**
   * Registers every repeating job whose schedule Redis does not hold (or holds with another
   * interval): at boot, and again whenever Redis lost its data, without a worker restart.
   */
  async scheduleRepeatingJobs(): Promise<JobName[]> {
    const registered: JobName[] = [];
    for (const name of Object.keys(JOBS) as JobName[]) {
      const definition: { queue: string; everyMs?: number } = JOBS[name];
      if (!definition.everyMs) continue;
      const queue = this.jobs.queue(definition.queue);
      const existing = await queue.getJobScheduler(name);
      if (existing && Number(existing.every) === definition.everyMs) continue;
      await queue.upsertJobScheduler(name, { every: definition.everyMs }, { name, data: {} });
      registered.push(name);
    }
    if (registered.length) this.logger.log({ jobs: registered }, 'Job schedules registered');
    return registered;
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.scheduleTimer);
    await Promise.all(this.workers.map((w) => w.close()));
  }
}
