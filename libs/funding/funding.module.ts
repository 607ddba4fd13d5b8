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

// Raised by the database's own guard (migration …-funds-never-overdrawn), e.g. for a manual entry.
registerConstraintProblem(
  'funds_never_overdrawn',
  'FUND_INSUFFICIENT',
  'The booking would take an initiative’s fund below zero',
);
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
