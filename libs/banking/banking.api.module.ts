import { Module } from '@nestjs/common';
import { BankingController } from './banking.controller';
import { BankingModule } from './banking.module';

@Module({ imports: [BankingModule], controllers: [BankingController] })
export class BankingApiModule {}
