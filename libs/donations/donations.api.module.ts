import { Module } from '@nestjs/common';
import { DonationsController } from './donations.controller';
import { DonationsModule } from './donations.module';

@Module({ imports: [DonationsModule], controllers: [DonationsController] })
export class DonationsApiModule {}
