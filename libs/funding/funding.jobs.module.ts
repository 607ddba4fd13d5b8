import { Module } from '@nestjs/common';
import { FundingHandlers } from './funding.handlers';
import { FundingModule } from './funding.module';

@Module({ imports: [FundingModule], providers: [FundingHandlers] })
export class FundingJobsModule {}
