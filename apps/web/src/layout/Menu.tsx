import { ListSubheader } from '@mui/material';
import {
  Menu as RaMenu,
  useBasename,
  usePermissions,
  useSidebarState,
  useTranslate,
} from 'react-admin';
import type { Permissions } from '../api/session';
import { MENU } from '../navigation';

/** The sections a user sees follow their roles in the current organisation. */
export function Menu() {
  const translate = useTranslate();
  const [open] = useSidebarState();
  // Menu links are absolute; the organisation's admin lives below /o/<id>.
  const basename = useBasename();
  const { permissions } = usePermissions<Permissions>();
  const roles = new Set(permissions?.roles ?? []);
  return (
    <RaMenu>
      <RaMenu.DashboardItem />
      {MENU.map((section) => {
        const entries = section.entries.filter((e) => e.roles.some((r) => roles.has(r)));
        if (!entries.length) return null;
        return [
          open ? (
            <ListSubheader
              key={section.title}
              component="div"
              role="none"
              disableSticky
              sx={{ lineHeight: '2.2em', mt: 1 }}
            >
              {translate(section.title)}
            </ListSubheader>
          ) : null,
          ...entries.map((entry) => (
            <RaMenu.Item
              key={entry.to}
              to={`${basename}${entry.to}`}
              primaryText={translate(entry.label, { smart_count: 2 })}
              leftIcon={<entry.icon />}
            />
          )),
        ];
      })}
    </RaMenu>
  );
}
