import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@dachwerk/audit';
import { AuthModule } from '@dachwerk/auth';
import { registerConstraintProblem } from '@dachwerk/shared';
import { BankAccount } from './bank-account.entity';
import { ExemptionNotice } from './exemption-notice.entity';
import { Organisation } from './organisation.entity';
import { OrganisationRepository } from './organisation.repository';
import { OrganisationsService } from './organisations.service';
import { InitiativesService } from './initiatives.service';
import { CostCentresService } from './cost-centres.service';

registerConstraintProblem(
  'initiatives_organisation_id_cost_centre_key',
  'COST_CENTRE_TAKEN',
  'Another initiative has this cost centre',
);
registerConstraintProblem(
  'initiatives_organisation_id_name_key',
  'INITIATIVE_NAME_TAKEN',
  'Another initiative has this name',
);

// An initiative id from another organisation (or none) is not found, like every foreign id.
registerConstraintProblem(
  'user_initiatives_initiative_fk',
  'NOT_FOUND',
  'Initiative not found in this organisation',
  404,
);

// The ledger checks first and names the line; these answer a race or a path it does not see.
for (const table of ['journal_lines', 'donations', 'initiatives', 'programmes'])
  registerConstraintProblem(
    `${table}_cost_centre_fkey`,
    'COST_CENTRE_UNKNOWN',
    "The cost centre is not on the organisation's list of cost centres",
    422,
  );

@Module({
  imports: [
    TypeOrmModule.forFeature([Organisation, BankAccount, ExemptionNotice]),
    AuditModule,
    AuthModule,
  ],
  providers: [OrganisationsService, InitiativesService, CostCentresService, OrganisationRepository],
  exports: [OrganisationsService, InitiativesService, CostCentresService],
})
export class OrganisationsModule {}
