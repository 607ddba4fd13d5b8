import { CustomRoutes, Resource } from 'react-admin';
import { Route } from 'react-router-dom';
import { lazyScreen } from '../lazyScreen';

const screens = () => import('./screens');
const LedgerSettings = lazyScreen(screens, 'LedgerSettings');
const BankStatementList = lazyScreen(screens, 'BankStatementList');
const BankStatementShow = lazyScreen(screens, 'BankStatementShow');
const BankStatementUpload = lazyScreen(screens, 'BankStatementUpload');
const BankTransactionList = lazyScreen(screens, 'BankTransactionList');
const BankTransactionShow = lazyScreen(screens, 'BankTransactionShow');
const AccountLedger = lazyScreen(screens, 'AccountLedger');
const AccountList = lazyScreen(screens, 'AccountList');
const ClaimCreate = lazyScreen(screens, 'ClaimCreate');
const ExpenseClaimList = lazyScreen(screens, 'ExpenseClaimList');
const ExpenseClaimShow = lazyScreen(screens, 'ExpenseClaimShow');
const PayoutRunCreate = lazyScreen(screens, 'PayoutRunCreate');
const PayoutRunList = lazyScreen(screens, 'PayoutRunList');
const PayoutRunShow = lazyScreen(screens, 'PayoutRunShow');
const ReceiptIssue = lazyScreen(screens, 'ReceiptIssue');
const ReceiptList = lazyScreen(screens, 'ReceiptList');
const ReceiptRunCreate = lazyScreen(screens, 'ReceiptRunCreate');
const ReceiptRunList = lazyScreen(screens, 'ReceiptRunList');
const ReceiptRunShow = lazyScreen(screens, 'ReceiptRunShow');
const ReceiptShow = lazyScreen(screens, 'ReceiptShow');
const FiscalYearList = lazyScreen(screens, 'FiscalYearList');
const EntryCreate = lazyScreen(screens, 'EntryCreate');
const EntryList = lazyScreen(screens, 'EntryList');
const EntryShow = lazyScreen(screens, 'EntryShow');
const Exports = lazyScreen(screens, 'Exports');
const IncomeStatement = lazyScreen(screens, 'IncomeStatement');
const TrialBalance = lazyScreen(screens, 'TrialBalance');

/** The treasurer's screens: books, bank, receipts, claims and payouts. */
export const treasurerResources = [
  <Resource
    key="entries"
    name="entries"
    list={EntryList}
    show={EntryShow}
    create={EntryCreate}
    recordRepresentation="entryNumber"
  />,
  <Resource key="accounts" name="accounts" list={AccountList} show={AccountLedger} />,
  <Resource key="fiscal-years" name="fiscal-years" list={FiscalYearList} />,
  <Resource
    key="bank-statements"
    name="bank-statements"
    list={BankStatementList}
    show={BankStatementShow}
    create={BankStatementUpload}
  />,
  <Resource
    key="bank-transactions"
    name="bank-transactions"
    list={BankTransactionList}
    show={BankTransactionShow}
  />,
  <Resource key="donors" name="donors" />,
  <Resource
    key="receipts"
    name="receipts"
    list={ReceiptList}
    show={ReceiptShow}
    recordRepresentation="number"
  />,
  <Resource
    key="receipt-runs"
    name="receipt-runs"
    list={ReceiptRunList}
    show={ReceiptRunShow}
    create={ReceiptRunCreate}
  />,
  <Resource
    key="expense-claims"
    name="expense-claims"
    list={ExpenseClaimList}
    show={ExpenseClaimShow}
    create={ClaimCreate}
    recordRepresentation="description"
  />,
  <Resource
    key="payout-runs"
    name="payout-runs"
    list={PayoutRunList}
    show={PayoutRunShow}
    create={PayoutRunCreate}
  />,
  <CustomRoutes key="treasurer-routes">
    <Route path="/trial-balance" element={<TrialBalance />} />
    <Route path="/income-statement" element={<IncomeStatement />} />
    <Route path="/exports" element={<Exports />} />
    <Route path="/ledger-settings" element={<LedgerSettings />} />
    <Route path="/receipt-reconciliation" element={<ReceiptIssue />} />
  </CustomRoutes>,
];
