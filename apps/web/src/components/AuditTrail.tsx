import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { usePermissions, useTranslate } from 'react-admin';
import type { Permissions } from '../api/session';
import { useApi } from '../api/useApi';

interface AuditEvent {
  id: number;
  occurredAt: string;
  action: string;
  actorUserId: string | null;
  changes: Record<string, { before: unknown; after: unknown }> | null;
}

const when = (iso: string): string =>
  new Date(iso).toLocaleString('de-DE', { dateStyle: 'medium', timeStyle: 'short' });

/** Who changed what and when, for board and admins (the API allows no one else). */
export function AuditTrail({ entityType, entityId }: { entityType: string; entityId: string }) {
  const translate = useTranslate();
  const { permissions } = usePermissions<Permissions>();
  const allowed = permissions?.roles.some((r) => r === 'admin' || r === 'board') ?? false;
  const { data } = useApi<{ items: AuditEvent[] }>(allowed ? 'audit-events' : undefined, {
    entityType,
    entityId,
    pageSize: 100,
  });
  if (!allowed) return null;
  return (
    <>
      <Typography variant="h6" component="h3" sx={{ mt: 3 }}>
        {translate('dw.audit.title')}
      </Typography>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{translate('dw.audit.when')}</TableCell>
            <TableCell>{translate('dw.audit.action')}</TableCell>
            <TableCell>{translate('dw.audit.changes')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {(data?.items ?? []).map((e) => (
            <TableRow key={e.id}>
              <TableCell>{when(e.occurredAt)}</TableCell>
              <TableCell>{e.action}</TableCell>
              <TableCell>
                {Object.entries(e.changes ?? {})
                  .map(([field, c]) => `${field}: ${String(c.before)} → ${String(c.after)}`)
                  .join('; ')}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
