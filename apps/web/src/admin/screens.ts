/** Every screen of this area: one chunk, loaded when the first of them opens. */
export { BankAccountCreate, BankAccountList } from './BankAccounts';
export { ExemptionNoticeCreate, ExemptionNoticeList } from './ExemptionNotices';
export { UserCreate, UserList } from './Users';
