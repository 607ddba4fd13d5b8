import { CustomRoutes, Resource } from 'react-admin';
import { Route } from 'react-router-dom';
import { BankStatementList } from './bank/BankStatementList';
import { BankStatementShow } from './bank/BankStatementShow';
import { BankStatementUpload } from './bank/BankStatementUpload';
import { BankTransactionList } from './bank/BankTransactionList';
import { BankTransactionShow } from './bank/BankTransactionShow';
import { AccountLedger } from './accounts/AccountLedger';
import { AccountList } from './accounts/AccountList';
import { ClaimCreate } from '../initiative/ClaimCreate';
import { ExpenseClaimList } from './claims/ExpenseClaimList';
import { ExpenseClaimShow } from './claims/ExpenseClaimShow';
import { PayoutRunCreate, PayoutRunList, PayoutRunShow } from './payouts/PayoutRuns';
import { ReceiptIssue } from './receipts/ReceiptIssue';
import { ReceiptList } from './receipts/ReceiptList';
import { ReceiptRunCreate } from './receipts/ReceiptRunCreate';
import { ReceiptRunList } from './receipts/ReceiptRunList';
import { ReceiptRunShow } from './receipts/ReceiptRunShow';
import { ReceiptShow } from './receipts/ReceiptShow';
import { FiscalYearList } from './fiscal-years/FiscalYearList';
import { EntryCreate } from './journal/EntryCreate';
import { EntryList } from './journal/EntryList';
import { EntryShow } from './journal/EntryShow';
import { Exports } from './reports/Exports';
import { IncomeStatement } from './reports/IncomeStatement';
import { TrialBalance } from './reports/TrialBalance';

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
    <Route path="/receipt-reconciliation" element={<ReceiptIssue />} />
  </CustomRoutes>,
];
