import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { JobHandler, Mailer, type JobPayloads } from '@dachwerk/shared';
import { ProofsOfUseService } from './proofs-of-use.service';

const STATUS_TEXT: Record<string, string> = {
  approved: 'wurde bewilligt',
  rejected: 'wurde abgelehnt',
  returned: 'wurde zur Überarbeitung zurückgegeben',
};

@Injectable()
export class FundingHandlers {
  private readonly logger = new Logger(FundingHandlers.name);

  constructor(
    private readonly db: DataSource,
    private readonly mailer: Mailer,
    private readonly proofs: ProofsOfUseService,
  ) {}

  /** The applicant hears of the decision; without SMTP the log says it could not be sent. */
  @JobHandler('funding.notify')
  async notify(job: Job<JobPayloads['funding.notify']>): Promise<void> {
    const [row] = await this.db.query<{ email: string; title: string; comment: string | null }[]>(
      `SELECT u.email, a.title, (SELECT d.comment FROM decisions d WHERE d.application_id = a.id ORDER BY d.id DESC LIMIT 1) AS comment
         FROM applications a JOIN users u ON u.id = a.submitted_by WHERE a.id = $1`,
      [job.data.applicationId],
    );
    if (!row) return;
    if (!this.mailer.isConfigured) {
      this.logger.warn(
        { applicationId: job.data.applicationId },
        'Decision not mailed: SMTP is not configured',
      );
      return;
    }
    const subject = `Ihr Antrag „${row.title}" ${STATUS_TEXT[job.data.status] ?? job.data.status}`;
    await this.mailer.send({
      to: row.email,
      subject,
      text: `${subject}.${row.comment ? `\n\n${row.comment}` : ''}`,
    });
  }

  @JobHandler('funding.proof-reminders')
  async reminders(): Promise<void> {
    await this.proofs.remind();
  }
}
