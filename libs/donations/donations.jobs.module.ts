import { Module } from '@nestjs/common';

/** Receipt rendering jobs arrive with the receipts (issue 5, next step). */
@Module({})
export class DonationsJobsModule {}
