import { hostname } from 'node:os';
import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { JobHandler } from '../queue/job-handler.decorator';

/** Records that a worker consumed a job; keyed by job id, so a redelivery changes nothing. */
@Injectable()
export class HeartbeatHandler {
  constructor(private readonly dataSource: DataSource) {}

  @JobHandler('system.heartbeat')
  async handle(job: Job): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO worker_heartbeats (job_id, worker) VALUES ($1, $2) ON CONFLICT (job_id) DO NOTHING`,
      [job.id, `${hostname()}:${process.pid}`],
    );
  }
}
