import { usePermissions } from 'react-admin';
import { Navigate } from 'react-router-dom';
import type { Permissions } from '../api/session';
import { InitiativeList } from './InitiativeList';

/** "Our fund": straight to it when the user belongs to one initiative, else the list. */
export function MyFund() {
  const { permissions, isPending } = usePermissions<Permissions>();
  if (isPending) return null;
  const own = permissions?.initiativeIds ?? [];
  return own.length === 1 ? (
    <Navigate to={`../initiatives/${own[0]}/fund`} replace />
  ) : (
    <InitiativeList />
  );
}
