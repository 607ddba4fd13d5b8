import { Module } from '@nestjs/common';
import { AuditApiModule } from '@dachwerk/audit';
import { AuthApiModule } from '@dachwerk/auth';
import { BankingApiModule } from '@dachwerk/banking';
import { DonationsApiModule } from '@dachwerk/donations';
import { FundingApiModule } from '@dachwerk/funding';
import { LedgerApiModule } from '@dachwerk/ledger';
import { MembershipApiModule } from '@dachwerk/membership';
import { OrganisationsApiModule } from '@dachwerk/organisations';
import { SharedApiModule, SharedModule } from '@dachwerk/shared';

/** The HTTP process: each library's *ApiModule. No job processors here. */
@Module({
  imports: [
    SharedModule,
    SharedApiModule,
    AuthApiModule,
    AuditApiModule,
    OrganisationsApiModule,
    LedgerApiModule,
    DonationsApiModule,
    MembershipApiModule,
    FundingApiModule,
    BankingApiModule,
  ],
})
export class AppModule {}
