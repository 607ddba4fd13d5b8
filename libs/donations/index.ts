// Donors and donations (money, in kind, expense waiver), each booked through the
// ledger in the same transaction and corrected only by reversal. Receipts
// (Zuwendungsbestätigungen) build on this.
export * from './donations.module';
export * from './donations.api.module';
export * from './donations.jobs.module';
export { DonationsService, type InitiativeDonation } from './donations.service';
export { DonorsService } from './donors.service';
export type { Donation } from './donation.repository';
export type { Donor } from './donor.repository';
export * from './donation-accounts';
export { ReceiptsService } from './receipts/receipts.service';
export { renderReceiptPdf } from './receipts/receipt-pdf.renderer';
export { excludesFeeDeduction, receiptIssuer } from './receipts/receipt-wording';
export type { ReceiptContent } from './receipts/receipt-content';
export { DonationImportsService } from './donation-imports.service';
export { ReceiptRunsService } from './receipts/receipt-runs.service';
