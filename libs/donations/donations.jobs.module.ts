import { Module } from '@nestjs/common';
import { DonationsModule } from './donations.module';
import { ReceiptsHandlers } from './receipts/receipts.handlers';

@Module({ imports: [DonationsModule], providers: [ReceiptsHandlers] })
export class DonationsJobsModule {}
