/**
 * Where each react-admin resource lives in the API. Paths are relative to
 * `/organisations/<orgId>` unless `global` (then relative to `/api/v1`).
 */
export interface ResourceDef {
  path: string;
  global?: boolean;
  /** The field that identifies a record when it is not `id` (ledger accounts: `number`). */
  idField?: string;
  /** The method the API takes for changes (PATCH unless it replaces the whole record). */
  update?: 'PATCH' | 'PUT';
  /** react-admin's full-text filter `q` goes to this query parameter. */
  search?: string;
}

export const RESOURCES: Record<string, ResourceDef> = {
  organisations: { path: 'organisations', global: true },
  users: { path: 'users', global: true },
  members: { path: 'members', search: 'search' },
  tiers: { path: 'tiers' },
  mandates: { path: 'mandates' },
  receivables: { path: 'receivables' },
  'fee-runs': { path: 'fee-runs' },
  'dunning-runs': { path: 'dunning-runs' },
  'member-imports': { path: 'member-imports' },
  donors: { path: 'donors', update: 'PUT', search: 'q' },
  donations: { path: 'donations' },
  'donation-imports': { path: 'donation-imports' },
  accounts: { path: 'ledger/accounts', idField: 'number', search: 'search' },
  entries: { path: 'ledger/entries' },
  'fiscal-years': { path: 'ledger/fiscal-years' },
  'bank-statements': { path: 'bank-statements' },
  'bank-transactions': { path: 'bank-transactions' },
  'bank-accounts': { path: 'bank-accounts' },
  'exemption-notices': { path: 'exemption-notices' },
  receipts: { path: 'receipts' },
  'receipt-runs': { path: 'receipt-runs' },
  initiatives: { path: 'initiatives' },
  programmes: { path: 'programmes' },
  applications: { path: 'applications', update: 'PUT' },
  'expense-claims': { path: 'expense-claims' },
  'payout-runs': { path: 'payout-runs' },
  'proofs-of-use': { path: 'proofs-of-use', idField: 'applicationId' },
  'audit-events': { path: 'audit-events' },
};

export function resourceDef(resource: string): ResourceDef {
  const def = RESOURCES[resource];
  if (!def) throw new Error(`Unknown resource ${resource}`);
  return def;
}

export const orgPath = (orgId: string, path: string): string =>
  `/organisations/${encodeURIComponent(orgId)}/${path}`;

export const resourcePath = (orgId: string, resource: string): string => {
  const def = resourceDef(resource);
  return def.global ? `/${def.path}` : orgPath(orgId, def.path);
};
