import { Module } from '@nestjs/common';
import { DonationsController } from './donations.controller';
import { DonationsModule } from './donations.module';
import { ReceiptsController } from './receipts/receipts.controller';

@Module({ imports: [DonationsModule], controllers: [DonationsController, ReceiptsController] })
export class DonationsApiModule {}
