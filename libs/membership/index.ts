// Members and the fee schedule, SEPA mandates, fee runs that raise booked receivables
// and a pain.008 file, pre-notifications and dunning letters (rendered by the worker).
// Banking settles and returns receivables through ReceivablesService.
export * from './membership.module';
export * from './membership.api.module';
export * from './membership.jobs.module';
export { TiersService } from './tiers.service';
export { MembersService } from './members.service';
export { MandatesService } from './mandates.service';
export { FeeRunsService, FEE_ACCOUNTS } from './fee-runs.service';
export { ReceivablesService, CHARGE_INCOME_ACCOUNT } from './receivables.service';
export { DunningService } from './dunning.service';
export { MemberImportsService } from './member-imports.service';
export { FeeReceiptsService } from './fee-receipts.service';
export type { Receivable } from './receivable.repository';
export type { Member } from './member.repository';
export { buildPain008, paymentInfoId } from './sepa/pain008';
export { dueFees } from './fee-calculation';
