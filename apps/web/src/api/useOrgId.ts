import { useParams } from 'react-router-dom';

/** The current organisation, from the URL (`/o/<id>/…`). */
export function useOrgId(): string {
  return useParams().orgId ?? '';
}
