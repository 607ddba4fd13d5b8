// Pass-through funding for initiatives: restricted funds (the initiative's cost centre
// in the ledger, never overdrawn), programmes, applications with reviews and four-eyes
// decisions, expense claims, payout runs (pain.001) and proofs of use.
export * from './funding.module';
export * from './funding.api.module';
export * from './funding.jobs.module';
export { FundsService, spendingDeadlines, type FundStatement } from './funds.service';
export { ExpenseClaimsService, type ExpenseClaim } from './expense-claims.service';
export { PayoutRunsService } from './payout-runs.service';
export { ApplicationsService, weightedScore } from './applications.service';
export { ProgrammesService } from './programmes.service';
export { ProofsOfUseService } from './proofs-of-use.service';
export { FundingDocumentsService } from './funding-documents.service';
export { FUNDING_ACCOUNTS } from './funding-accounts';
export { buildPain001 } from './sepa/pain001';
