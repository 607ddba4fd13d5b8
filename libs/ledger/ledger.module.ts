import { Module } from '@nestjs/common';
import { AuditModule } from '@dachwerk/audit';
import { registerConstraintProblem } from '@dachwerk/shared';
import { CostCentreLedger } from './cost-centre-ledger';
import { LedgerExportService } from './ledger-export.service';
import { LedgerReportsService } from './ledger-reports.service';
import { LedgerRepository } from './ledger.repository';
import { LedgerService } from './ledger.service';

registerConstraintProblem(
  'journal_entries_reversed_once',
  'ENTRY_ALREADY_REVERSED',
  'This entry has already been reversed',
);

// The database's own refusal, should a reversal of an owned entry ever bypass the service.
registerConstraintProblem(
  'journal_entries_reversed_by_owner',
  'ENTRY_OWNED_BY_DOMAIN',
  'This entry belongs to a domain record and is reversed only through it',
  422,
);

@Module({
  imports: [AuditModule],
  providers: [
    LedgerService,
    LedgerReportsService,
    LedgerExportService,
    LedgerRepository,
    CostCentreLedger,
  ],
  exports: [LedgerService, LedgerReportsService, LedgerExportService, CostCentreLedger],
})
export class LedgerModule {}
