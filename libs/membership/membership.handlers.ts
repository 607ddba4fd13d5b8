import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobHandler, type JobPayloads } from '@dachwerk/shared';
import { LettersService } from './letters.service';

@Injectable()
export class MembershipHandlers {
  private readonly logger = new Logger(MembershipHandlers.name);

  constructor(private readonly letters: LettersService) {}

  @JobHandler('membership.letters')
  async render(job: Job<JobPayloads['membership.letters']>): Promise<void> {
    const payload = job.data;
    if (payload.kind === 'dunning') await this.letters.renderDunning(payload.runId);
    else await this.letters.renderPreNotifications(payload.runId);
  }

  @JobHandler('membership.reconcile')
  async reconcile(): Promise<void> {
    const requeued = await this.letters.reconcile();
    if (requeued) this.logger.warn({ requeued }, 'Re-enqueued letters that were not rendered');
  }

  @JobHandler('membership.erase-expired')
  async eraseExpired(): Promise<void> {
    await this.letters.eraseExpired();
  }
}
