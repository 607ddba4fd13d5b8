import { Module } from '@nestjs/common';
import { FundingController } from './funding.controller';
import { FundingModule } from './funding.module';

@Module({ imports: [FundingModule], controllers: [FundingController] })
export class FundingApiModule {}
