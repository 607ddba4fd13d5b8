import { Module } from '@nestjs/common';
import { DonationsModule } from './donations.module';
import { DonorsHandlers } from './donors.handlers';
import { ReceiptsHandlers } from './receipts/receipts.handlers';

@Module({ imports: [DonationsModule], providers: [ReceiptsHandlers, DonorsHandlers] })
export class DonationsJobsModule {}
