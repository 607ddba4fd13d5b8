import { Module } from '@nestjs/common';
import { AuditModule } from '@dachwerk/audit';
import { DonationsModule } from '@dachwerk/donations';
import { FundingModule } from '@dachwerk/funding';
import { LedgerModule } from '@dachwerk/ledger';
import { MembershipModule } from '@dachwerk/membership';
import { BankStatementRepository } from './bank-statement.repository';
import { BankStatementsService } from './bank-statements.service';
import { BankTransactionsService } from './bank-transactions.service';
import { MatchingService } from './matching.service';
import { TransitRepository } from './transit.repository';

@Module({
  imports: [AuditModule, LedgerModule, MembershipModule, DonationsModule, FundingModule],
  providers: [
    BankStatementsService,
    BankTransactionsService,
    MatchingService,
    BankStatementRepository,
    TransitRepository,
  ],
  exports: [BankStatementsService, BankTransactionsService, MatchingService],
})
export class BankingModule {}
