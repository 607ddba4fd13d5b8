import { Module } from '@nestjs/common';
import { AuditModule } from '@dachwerk/audit';
import { DonationsModule } from '@dachwerk/donations';
import { LedgerModule } from '@dachwerk/ledger';
import { registerConstraintProblem } from '@dachwerk/shared';
import { DunningService } from './dunning.service';
import { FeeReceiptsService } from './fee-receipts.service';
import { FeeRunsService } from './fee-runs.service';
import { LettersService } from './letters.service';
import { MandatesService } from './mandates.service';
import { MemberImportsService } from './member-imports.service';
import { MemberRepository } from './member.repository';
import { MembersService } from './members.service';
import { ReceivableRepository } from './receivable.repository';
import { ReceivablesService } from './receivables.service';
import { TierRepository } from './tier.repository';
import { TiersService } from './tiers.service';

registerConstraintProblem(
  'membership_tiers_organisation_id_code_key',
  'TIER_CODE_TAKEN',
  'A tier with this code exists already',
);
registerConstraintProblem(
  'members_organisation_id_member_no_key',
  'MEMBER_NO_TAKEN',
  'This member number is taken',
);

const SERVICES = [
  TiersService,
  MembersService,
  MandatesService,
  MemberImportsService,
  FeeRunsService,
  ReceivablesService,
  DunningService,
  LettersService,
  FeeReceiptsService,
];

@Module({
  imports: [AuditModule, LedgerModule, DonationsModule],
  providers: [...SERVICES, MemberRepository, TierRepository, ReceivableRepository],
  exports: SERVICES,
})
export class MembershipModule {}
