import { Card, CardContent, Typography } from '@mui/material';
import { Title, useGetIdentity, usePermissions, useTranslate } from 'react-admin';
import type { Permissions } from '../api/session';

export function Dashboard() {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const { permissions } = usePermissions<Permissions>();
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate('dw.dashboard.title')} />
      <CardContent>
        <Typography variant="h5" component="h2">
          {translate('dw.dashboard.welcome', { name: identity?.fullName ?? '' })}
        </Typography>
        <Typography variant="body2">
          {translate('dw.dashboard.roles', {
            roles: (permissions?.roles ?? []).map((r) => translate(`dw.roles.${r}`)).join(', '),
          })}
        </Typography>
      </CardContent>
    </Card>
  );
}
