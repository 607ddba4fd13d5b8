import { Resource } from 'react-admin';
import { lazyScreen } from '../lazyScreen';

const screens = () => import('./screens');
const BankAccountList = lazyScreen(screens, 'BankAccountList');
const BankAccountCreate = lazyScreen(screens, 'BankAccountCreate');
const ExemptionNoticeList = lazyScreen(screens, 'ExemptionNoticeList');
const ExemptionNoticeCreate = lazyScreen(screens, 'ExemptionNoticeCreate');
const UserList = lazyScreen(screens, 'UserList');
const UserCreate = lazyScreen(screens, 'UserCreate');

/** Administration: users and their roles here, bank accounts, exemption notices. */
export const adminResources = [
  <Resource key="users" name="users" list={UserList} create={UserCreate} />,
  <Resource
    key="bank-accounts"
    name="bank-accounts"
    list={BankAccountList}
    create={BankAccountCreate}
  />,
  <Resource
    key="exemption-notices"
    name="exemption-notices"
    list={ExemptionNoticeList}
    create={ExemptionNoticeCreate}
  />,
];
