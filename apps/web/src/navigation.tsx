import PeopleIcon from '@mui/icons-material/People';
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
    entries: [{ to: '/members', label: 'resources.members.name', icon: PeopleIcon, roles: OFFICE }],
  },
];
