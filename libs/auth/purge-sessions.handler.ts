import { Injectable, Logger } from '@nestjs/common';
import { JobHandler } from '@dachwerk/shared';
import { SessionRepository } from './session.repository';

@Injectable()
export class PurgeSessionsHandler {
  private readonly logger = new Logger('PurgeSessions');
  constructor(private readonly sessions: SessionRepository) {}

  @JobHandler('auth.purge-sessions')
  async handle(): Promise<void> {
    const purged = await this.sessions.purgeEnded();
    if (purged) this.logger.log({ purged }, 'Purged ended sessions');
  }
}
