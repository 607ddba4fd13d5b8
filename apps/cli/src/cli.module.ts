import { Module } from '@nestjs/common';
import { AuthModule } from '@dachwerk/auth';
import { BankingModule } from '@dachwerk/banking';
import { DonationsModule } from '@dachwerk/donations';
import { FundingModule } from '@dachwerk/funding';
import { LedgerModule } from '@dachwerk/ledger';
import { MembershipModule } from '@dachwerk/membership';
import { SharedModule } from '@dachwerk/shared';

/** What operator commands need from the libraries (no HTTP, no job consumers). */
@Module({
  imports: [
    SharedModule,
    AuthModule,
    LedgerModule,
    DonationsModule,
    MembershipModule,
    BankingModule,
    FundingModule,
  ],
})
export class CliModule {}
