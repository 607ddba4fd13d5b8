import { Module } from '@nestjs/common';
import { AuditModule } from '@dachwerk/audit';
import { DonationsModule } from '@dachwerk/donations';
import { LedgerModule } from '@dachwerk/ledger';
import { OrganisationsModule } from '@dachwerk/organisations';
import { registerConstraintProblem } from '@dachwerk/shared';
import { ApplicationsService } from './applications.service';
import { ExpenseClaimsService } from './expense-claims.service';
import { FundingDocumentsService } from './funding-documents.service';
import { FundsService } from './funds.service';
import { PayoutRunsService } from './payout-runs.service';
import { ProgrammesService } from './programmes.service';
import { ProofsOfUseService } from './proofs-of-use.service';

registerConstraintProblem(
  'decisions_one_approval_per_person',
  'FOUR_EYES',
  'The second approval must come from someone else',
);
registerConstraintProblem(
  'programmes_organisation_id_name_key',
  'PROGRAMME_NAME_TAKEN',
  'A programme with this name exists',
);
registerConstraintProblem('reviews_pkey', 'REVIEW_EXISTS', 'You reviewed this application already');

const SERVICES = [
  FundsService,
  FundingDocumentsService,
  ProgrammesService,
  ApplicationsService,
  ExpenseClaimsService,
  PayoutRunsService,
  ProofsOfUseService,
];

@Module({
  imports: [AuditModule, LedgerModule, OrganisationsModule, DonationsModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class FundingModule {}
