// Tenants (the umbrella and each serviced club) and the master data the books,
// SEPA files and donation receipts need: address, tax data, bank accounts,
// creditor id and exemption notices; the initiatives the umbrella runs as projects.
export * from './organisations.module';
export * from './organisations.api.module';
export * from './organisations.jobs.module';
export * from './organisations.service';
export {
  InitiativesService,
  administrationFee,
  type Initiative,
  type InitiativeStatus,
} from './initiatives.service';
export { CostCentresService, type CostCentre } from './cost-centres.service';
export { Organisation, LEGAL_FORMS, type LegalForm } from './organisation.entity';
export { BankAccount } from './bank-account.entity';
export { ExemptionNotice, EXEMPTION_KINDS, type ExemptionKind } from './exemption-notice.entity';
