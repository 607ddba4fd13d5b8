// The books: SKR 42 chart per organisation, fiscal years and periods, a gapless,
// hash-chained, append-only journal, balances per month, reports and DATEV export.
// Other libraries book only through LedgerService.post(manager, ...), inside their
// own transaction.
export * from './ledger.module';
export * from './ledger.api.module';
export * from './ledger.jobs.module';
export { LedgerService, type PostedBy } from './ledger.service';
export { LedgerReportsService } from './ledger-reports.service';
export { LedgerExportService } from './ledger-export.service';
export * from './ledger.types';
export { entryHash } from './entry-hash';
export { TRANSIT_ACCOUNT } from './transit-account';
export { LEDGER_OWN_SOURCES, ownerOf, type EntryOwner, type ReversingOwner } from './entry-owner';
export * from './datev-format';
export { splitGross, taxOfGross, expectedTax } from './posting-rules';
export {
  isDatevAutomaticVatAccount,
  isPlaceholderName,
  loadChartTemplate,
  skr42Accounts,
  type ChartTemplate,
} from './chart';
export { CostCentreLedger, type CostCentreLine, type CostCentreYear } from './cost-centre-ledger';
