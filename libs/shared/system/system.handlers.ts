import { hostname } from 'node:os';
import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { JobHandler } from '../queue/job-handler.decorator';
import { OutboxRelay } from '../queue/outbox-relay';

/**
 * Platform housekeeping. The heartbeat records that a worker consumed a job, keyed by
 * job id, so a redelivery changes nothing.
 */
@Injectable()
export class SystemHandlers {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxRelay,
  ) {}

  @JobHandler('system.heartbeat')
  async handle(job: Job): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO worker_heartbeats (job_id, worker) VALUES ($1, $2) ON CONFLICT (job_id) DO NOTHING`,
      [job.id, `${hostname()}:${process.pid}`],
    );
  }

  @JobHandler('system.purge-idempotency-keys')
  async purgeIdempotencyKeys(): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM idempotency_keys WHERE created_at < now() - interval '7 days'`,
    );
  }

  @JobHandler('system.reconcile-outbox')
  async reconcileOutbox(): Promise<void> {
    await this.outbox.reconcile();
  }
}
