import { Box } from '@mui/material';
import {
  AppBar as RaAppBar,
  LocalesMenuButton,
  TitlePortal,
  UserMenu,
  useGetIdentity,
  useTranslate,
} from 'react-admin';
import { OrganisationSwitcher } from './OrganisationSwitcher';

/** The button shows the user's name, so its accessible name starts with it too. */
function NamedUserMenu() {
  const { identity } = useGetIdentity();
  const translate = useTranslate();
  const profile = translate('ra.auth.user_menu');
  return <UserMenu label={identity?.fullName ? `${identity.fullName} (${profile})` : profile} />;
}

export function AppBar() {
  return (
    <RaAppBar
      color="primary"
      userMenu={<NamedUserMenu />}
      toolbar={
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          <OrganisationSwitcher />
          <LocalesMenuButton />
        </Box>
      }
    >
      <TitlePortal />
    </RaAppBar>
  );
}
