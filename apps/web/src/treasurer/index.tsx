import { Resource } from 'react-admin';
import { FiscalYearList } from './fiscal-years/FiscalYearList';

/** The treasurer's screens: books, bank, receipts, claims and payouts. */
export const treasurerResources = [
  <Resource key="fiscal-years" name="fiscal-years" list={FiscalYearList} />,
];
