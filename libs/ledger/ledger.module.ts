import { Module } from '@nestjs/common';
import { AuditModule } from '@dachwerk/audit';
import { LedgerExportService } from './ledger-export.service';
import { LedgerReportsService } from './ledger-reports.service';
import { LedgerRepository } from './ledger.repository';
import { LedgerService } from './ledger.service';

@Module({
  imports: [AuditModule],
  providers: [LedgerService, LedgerReportsService, LedgerExportService, LedgerRepository],
  exports: [LedgerService, LedgerReportsService, LedgerExportService],
})
export class LedgerModule {}
