import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@dachwerk/audit';
import { AuthModule } from '@dachwerk/auth';
import { BankAccount } from './bank-account.entity';
import { ExemptionNotice } from './exemption-notice.entity';
import { Organisation } from './organisation.entity';
import { OrganisationRepository } from './organisation.repository';
import { OrganisationsService } from './organisations.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Organisation, BankAccount, ExemptionNotice]),
    AuditModule,
    AuthModule,
  ],
  providers: [OrganisationsService, OrganisationRepository],
  exports: [OrganisationsService],
})
export class OrganisationsModule {}
