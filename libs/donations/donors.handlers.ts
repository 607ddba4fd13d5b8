import { Injectable, Logger } from '@nestjs/common';
import { JobHandler } from '@dachwerk/shared';
import { DonorsService } from './donors.service';

@Injectable()
export class DonorsHandlers {
  private readonly logger = new Logger(DonorsHandlers.name);

  constructor(private readonly donors: DonorsService) {}

  @JobHandler('donations.erase-expired')
  async eraseExpired(): Promise<void> {
    const erased = await this.donors.eraseExpired();
    if (erased) this.logger.log({ erased }, 'Erased donors past retention');
  }
}
