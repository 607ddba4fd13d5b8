import { Card, CardContent, Typography } from '@mui/material';
import { lazy, Suspense } from 'react';
import { Title, useGetIdentity, usePermissions, useTranslate } from 'react-admin';
import type { Permissions } from '../api/session';

/** Charts are heavy: the board's part loads only for those who see it. */
const BoardDashboard = lazy(() => import('../board/BoardDashboard'));

export function Dashboard() {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const { permissions } = usePermissions<Permissions>();
  const board = permissions?.roles.some((r) => r === 'board' || r === 'treasurer') ?? false;
  return (
    <>
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
      {board && (
        <Suspense fallback={null}>
          <BoardDashboard />
        </Suspense>
      )}
    </>
  );
}
