// Bank statements (camt.053.001.02/.04/.08): all-or-nothing import, every entry and
// transaction kept, matching against membership receivables (direct-debit batches,
// returns, transfers), confirmed donations, and the books-vs-statement check.
export * from './banking.module';
export * from './banking.api.module';
export { BankStatementsService } from './bank-statements.service';
export { BankTransactionsService } from './bank-transactions.service';
export { MatchingService } from './matching.service';
export { parseCamt053, type ParsedStatement } from './camt053';
export { readCamtFile } from './camt-file';
export { writeCamt053, type CamtStatement, type CamtEntry, type CamtTx } from './camt053-writer';
