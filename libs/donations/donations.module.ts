import { Module } from '@nestjs/common';
import { AuditModule } from '@dachwerk/audit';
import { LedgerModule } from '@dachwerk/ledger';
import { DonationRepository } from './donation.repository';
import { DonationsService } from './donations.service';
import { DonorRepository } from './donor.repository';
import { DonorsService } from './donors.service';

@Module({
  imports: [AuditModule, LedgerModule],
  providers: [DonorsService, DonationsService, DonorRepository, DonationRepository],
  exports: [DonorsService, DonationsService],
})
export class DonationsModule {}
