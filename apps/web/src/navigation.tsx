import PeopleIcon from '@mui/icons-material/People';
import CalendarMonthIcon from '@mui/icons-material/CalendarMonth';
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
      {
        to: '/fiscal-years',
        label: 'resources.fiscal-years.name',
        icon: CalendarMonthIcon,
        roles: OFFICE,
      },
    ],
  },
];
