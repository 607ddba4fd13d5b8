import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobHandler } from '@dachwerk/shared';
import { ReceiptRunsService } from './receipt-runs.service';
import { ReceiptsService } from './receipts.service';

@Injectable()
export class ReceiptsHandlers {
  private readonly logger = new Logger('Receipts');
  constructor(
    private readonly receipts: ReceiptsService,
    private readonly runs: ReceiptRunsService,
  ) {}

  @JobHandler('receipts.render')
  async render(job: Job<{ receiptId: string }>): Promise<void> {
    await this.receipts.render(job.data.receiptId);
  }

  @JobHandler('receipts.send')
  async send(job: Job<{ deliveryId: string }>): Promise<void> {
    await this.receipts.deliver(job.data.deliveryId);
  }

  @JobHandler('receipts.run')
  async run(job: Job<{ runId: string }>): Promise<void> {
    await this.runs.process(job.data.runId);
  }

  @JobHandler('receipts.reconcile')
  async reconcile(): Promise<void> {
    await this.runs.resumeRunning();
    const requeued = await this.receipts.reconcile();
    if (requeued) this.logger.warn({ requeued }, 'Re-enqueued receipts that were not rendered');
  }
}
