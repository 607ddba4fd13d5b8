import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobHandler } from '@dachwerk/shared';
import { ReceiptsService } from './receipts.service';

@Injectable()
export class ReceiptsHandlers {
  private readonly logger = new Logger('Receipts');
  constructor(private readonly receipts: ReceiptsService) {}

  @JobHandler('receipts.render')
  async render(job: Job<{ receiptId: string }>): Promise<void> {
    await this.receipts.render(job.data.receiptId);
  }

  @JobHandler('receipts.reconcile')
  async reconcile(): Promise<void> {
    const requeued = await this.receipts.reconcile();
    if (requeued) this.logger.warn({ requeued }, 'Re-enqueued receipts that were not rendered');
  }
}
