import { Module } from '@nestjs/common';
import { AuditModule } from '@dachwerk/audit';
import { LedgerModule } from '@dachwerk/ledger';
import { OrganisationsModule } from '@dachwerk/organisations';
import { registerConstraintProblem } from '@dachwerk/shared';
import { DonationImportsService } from './donation-imports.service';
import { DonationRepository } from './donation.repository';
import { DonationsService } from './donations.service';
import { DonorRepository } from './donor.repository';
import { DonorsService } from './donors.service';
import { ReceiptRepository } from './receipts/receipt.repository';
import { ReceiptRunsService } from './receipts/receipt-runs.service';
import { ReceiptsService } from './receipts/receipts.service';

registerConstraintProblem(
  'receipt_items_one_valid',
  'RECEIPT_EXISTS',
  'A valid receipt already covers this donation',
);

@Module({
  imports: [AuditModule, LedgerModule, OrganisationsModule],
  providers: [
    DonorsService,
    DonationsService,
    ReceiptsService,
    ReceiptRunsService,
    DonationImportsService,
    DonorRepository,
    DonationRepository,
    ReceiptRepository,
  ],
  exports: [
    DonorsService,
    DonationsService,
    ReceiptsService,
    ReceiptRunsService,
    DonationImportsService,
  ],
})
export class DonationsModule {}
