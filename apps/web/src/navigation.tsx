import PeopleIcon from '@mui/icons-material/People';
import SettingsIcon from '@mui/icons-material/Settings';
import ManageAccountsIcon from '@mui/icons-material/ManageAccounts';
import AccountBalanceWalletIcon from '@mui/icons-material/AccountBalanceWallet';
import GavelIcon from '@mui/icons-material/Gavel';
import HowToVoteIcon from '@mui/icons-material/HowToVote';
import NoteAddIcon from '@mui/icons-material/NoteAdd';
import SavingsIcon from '@mui/icons-material/Savings';
import GroupsIcon from '@mui/icons-material/Groups';
import AddCardIcon from '@mui/icons-material/AddCard';
import CalendarMonthIcon from '@mui/icons-material/CalendarMonth';
import MenuBookIcon from '@mui/icons-material/MenuBook';
import AccountBalanceIcon from '@mui/icons-material/AccountBalance';
import RuleIcon from '@mui/icons-material/Rule';
import AccountTreeIcon from '@mui/icons-material/AccountTree';
import BalanceIcon from '@mui/icons-material/Balance';
import AssessmentIcon from '@mui/icons-material/Assessment';
import FileDownloadIcon from '@mui/icons-material/FileDownload';
import ReceiptLongIcon from '@mui/icons-material/ReceiptLong';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import PaymentsIcon from '@mui/icons-material/Payments';
import SendIcon from '@mui/icons-material/Send';
import PersonAddIcon from '@mui/icons-material/PersonAdd';
import SellIcon from '@mui/icons-material/Sell';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import EventRepeatIcon from '@mui/icons-material/EventRepeat';
import NotificationImportantIcon from '@mui/icons-material/NotificationImportant';
import type { ComponentType } from 'react';
import type { Role } from './api/session';

/** One menu entry: where it leads, its label key, and the roles that see it. */
export interface MenuEntry {
  to: string;
  label: string;
  icon: ComponentType;
  roles: Role[];
}

export interface MenuSection {
  title: string;
  entries: MenuEntry[];
}

const OFFICE: Role[] = ['staff', 'treasurer', 'board', 'admin'];
const TREASURY: Role[] = ['treasurer', 'board', 'admin'];

export const MENU: MenuSection[] = [
  {
    title: 'dw.menu.staff',
    entries: [
      { to: '/members', label: 'resources.members.name', icon: PeopleIcon, roles: OFFICE },
      { to: '/members/create', label: 'dw.admission.title', icon: PersonAddIcon, roles: ['staff'] },
      { to: '/member-imports', label: 'dw.import.members', icon: UploadFileIcon, roles: ['staff'] },
      { to: '/tiers', label: 'resources.tiers.name', icon: SellIcon, roles: OFFICE },
      { to: '/fee-runs', label: 'resources.fee-runs.name', icon: EventRepeatIcon, roles: OFFICE },
      { to: '/dunning', label: 'dw.dunning.title', icon: NotificationImportantIcon, roles: OFFICE },
    ],
  },
  {
    title: 'dw.menu.treasurer',
    entries: [
      { to: '/entries', label: 'resources.entries.name', icon: MenuBookIcon, roles: OFFICE },
      {
        to: '/bank-statements',
        label: 'resources.bank-statements.name',
        icon: AccountBalanceIcon,
        roles: OFFICE,
      },
      { to: '/bank-transactions', label: 'dw.bank.queue', icon: RuleIcon, roles: OFFICE },
      { to: '/accounts', label: 'resources.accounts.name', icon: AccountTreeIcon, roles: OFFICE },
      { to: '/trial-balance', label: 'dw.reports.trial_balance', icon: BalanceIcon, roles: OFFICE },
      {
        to: '/income-statement',
        label: 'dw.reports.income_statement',
        icon: AssessmentIcon,
        roles: OFFICE,
      },
      { to: '/exports', label: 'dw.reports.exports', icon: FileDownloadIcon, roles: OFFICE },
      { to: '/receipts', label: 'resources.receipts.name', icon: ReceiptLongIcon, roles: OFFICE },
      {
        to: '/receipt-reconciliation',
        label: 'dw.receipts.reconciliation',
        icon: FactCheckIcon,
        roles: OFFICE,
      },
      {
        to: '/expense-claims',
        label: 'resources.expense-claims.name',
        icon: PaymentsIcon,
        roles: OFFICE,
      },
      { to: '/payout-runs', label: 'resources.payout-runs.name', icon: SendIcon, roles: TREASURY },
      {
        to: '/fiscal-years',
        label: 'resources.fiscal-years.name',
        icon: CalendarMonthIcon,
        roles: OFFICE,
      },
    ],
  },
  {
    title: 'dw.menu.initiative',
    entries: [
      { to: '/my-fund', label: 'dw.fund.ours', icon: SavingsIcon, roles: ['initiative'] },
      { to: '/initiatives', label: 'resources.initiatives.name', icon: GroupsIcon, roles: OFFICE },
      {
        to: '/expense-claims',
        label: 'dw.claims.ours',
        icon: PaymentsIcon,
        roles: ['initiative'],
      },
      {
        to: '/proofs-of-use',
        label: 'resources.proofs-of-use.name',
        icon: FactCheckIcon,
        roles: ['initiative', 'board', 'staff'],
      },
      {
        to: '/expense-claims/create',
        label: 'dw.claims.new',
        icon: AddCardIcon,
        roles: ['initiative'],
      },
    ],
  },
  {
    title: 'dw.menu.board',
    entries: [
      {
        to: '/applications',
        label: 'resources.applications.name',
        icon: HowToVoteIcon,
        roles: ['board', 'staff', 'initiative', 'treasurer', 'admin'],
      },
      {
        to: '/programmes',
        label: 'resources.programmes.name',
        icon: SavingsIcon,
        roles: ['board', 'staff', 'treasurer', 'admin'],
      },
      {
        to: '/applications/create',
        label: 'dw.applications.new',
        icon: NoteAddIcon,
        roles: ['initiative'],
      },
    ],
  },
  {
    title: 'dw.menu.admin',
    entries: [
      { to: '/users', label: 'resources.users.name', icon: ManageAccountsIcon, roles: ['admin'] },
      {
        to: '/bank-accounts',
        label: 'resources.bank-accounts.name',
        icon: AccountBalanceWalletIcon,
        roles: ['admin', 'treasurer'],
      },
      {
        to: '/exemption-notices',
        label: 'resources.exemption-notices.name',
        icon: GavelIcon,
        roles: ['admin', 'treasurer'],
      },
      {
        to: '/ledger-settings',
        label: 'dw.reports.settings',
        icon: SettingsIcon,
        roles: ['admin', 'treasurer'],
      },
    ],
  },
];
