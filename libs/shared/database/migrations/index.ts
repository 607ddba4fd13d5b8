import { Foundation1764000000000 } from './1764000000000-foundation';
import { Ledger1764100000000 } from './1764100000000-ledger';
import { Idempotency1764200000000 } from './1764200000000-idempotency';
import { Donations1764300000000 } from './1764300000000-donations';
import { Receipts1764400000000 } from './1764400000000-receipts';
import { ReceiptRuns1764500000000 } from './1764500000000-receipt-runs';
import { DonationImports1764600000000 } from './1764600000000-donation-imports';
import { ReceiptDeliveries1764700000000 } from './1764700000000-receipt-deliveries';
import { Membership1764800000000 } from './1764800000000-membership';
import { Banking1764900000000 } from './1764900000000-banking';
import { Initiatives1765000000000 } from './1765000000000-initiatives';
import { MembershipFeeReceipts1765100000000 } from './1765100000000-membership-fee-receipts';
import { Funding1765200000000 } from './1765200000000-funding';
import { FundsNeverOverdrawn1765300000000 } from './1765300000000-funds-never-overdrawn';
import { AccountConsent1765400000000 } from './1765400000000-account-consent';
import { LoginThrottleInRedis1765410000000 } from './1765410000000-login-throttle-in-redis';
import { OrganisationPublishesDeciders1765420000000 } from './1765420000000-organisation-publishes-deciders';
import { TenantReferences1765500000000 } from './1765500000000-tenant-references';
import { JournalEntryOwners1765500000001 } from './1765500000001-journal-entry-owners';
import { AmountLimits1765600000000 } from './1765600000000-amount-limits';
import { JobOutbox1765700000000 } from './1765700000000-job-outbox';
import { StoredDocuments1765700000001 } from './1765700000001-stored-documents';
import { StoredDocumentsInCode1765700000002 } from './1765700000002-stored-documents-in-code';
import { ChartGeldtransit1765800000000 } from './1765800000000-chart-geldtransit';
import { ChartSkr42Check1765810000000 } from './1765810000000-chart-skr42-check';
import { ReceiptVoidDocument1765820000000 } from './1765820000000-receipt-void-document';
import { BankStatementFacts1765900000000 } from './1765900000000-bank-statement-facts';
import { MoneyInTransit1765910000000 } from './1765910000000-money-in-transit';
import { CostCentres1765920000000 } from './1765920000000-cost-centres';
import { FoldText1765930000000 } from './1765930000000-fold-text';
import { DonorGdpr1766100000000 } from './1766100000000-donor-gdpr';

/** Every migration, in order. Add new ones at the end; never edit a released one. */
export const MIGRATIONS = [
  Foundation1764000000000,
  Ledger1764100000000,
  Idempotency1764200000000,
  Donations1764300000000,
  Receipts1764400000000,
  ReceiptRuns1764500000000,
  DonationImports1764600000000,
  ReceiptDeliveries1764700000000,
  Membership1764800000000,
  Banking1764900000000,
  Initiatives1765000000000,
  MembershipFeeReceipts1765100000000,
  Funding1765200000000,
  FundsNeverOverdrawn1765300000000,
  AccountConsent1765400000000,
  LoginThrottleInRedis1765410000000,
  OrganisationPublishesDeciders1765420000000,
  TenantReferences1765500000000,
  JournalEntryOwners1765500000001,
  AmountLimits1765600000000,
  JobOutbox1765700000000,
  StoredDocuments1765700000001,
  StoredDocumentsInCode1765700000002,
  ChartGeldtransit1765800000000,
  ChartSkr42Check1765810000000,
  ReceiptVoidDocument1765820000000,
  BankStatementFacts1765900000000,
  MoneyInTransit1765910000000,
  CostCentres1765920000000,
  FoldText1765930000000,
  DonorGdpr1766100000000,
];
