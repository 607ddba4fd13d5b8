import { Module } from '@nestjs/common';

/** No jobs yet: exports stream synchronously; report jobs belong to libs/reports. */
@Module({})
export class LedgerJobsModule {}
