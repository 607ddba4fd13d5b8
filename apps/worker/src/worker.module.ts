import { Module } from '@nestjs/common';
import { AuditJobsModule } from '@dachwerk/audit';
import { AuthJobsModule } from '@dachwerk/auth';
import { DonationsJobsModule } from '@dachwerk/donations';
import { FundingJobsModule } from '@dachwerk/funding';
import { LedgerJobsModule } from '@dachwerk/ledger';
import { MembershipJobsModule } from '@dachwerk/membership';
import { OrganisationsJobsModule } from '@dachwerk/organisations';
import { LoggingModule, SharedJobsModule, SharedModule } from '@dachwerk/shared';

/** The background process: each library's *JobsModule. No HTTP. */
@Module({
  imports: [
    SharedModule,
    LoggingModule,
    SharedJobsModule,
    AuthJobsModule,
    AuditJobsModule,
    OrganisationsJobsModule,
    LedgerJobsModule,
    DonationsJobsModule,
    MembershipJobsModule,
    FundingJobsModule,
  ],
})
export class WorkerModule {}
