import { Module } from '@nestjs/common';
import { LedgerController } from './ledger.controller';
import { LedgerModule } from './ledger.module';

@Module({ imports: [LedgerModule], controllers: [LedgerController] })
export class LedgerApiModule {}
