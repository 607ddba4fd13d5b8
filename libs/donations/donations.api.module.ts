import { Module } from '@nestjs/common';
import { DonationsController } from './donations.controller';
import { DonationsModule } from './donations.module';
import { ReceiptRunsController, ReceiptsController } from './receipts/receipts.controller';

@Module({
  imports: [DonationsModule],
  controllers: [DonationsController, ReceiptsController, ReceiptRunsController],
})
export class DonationsApiModule {}
