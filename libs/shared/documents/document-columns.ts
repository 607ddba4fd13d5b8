/**
 * Every column that records a stored document, with the column holding its SHA-256 (hex
 * text, or 32 bytes when `bytea`). What `verify-documents` checks; a test compares it with
 * every `*_path` column of the schema, so a new kind of document cannot be left out.
 *
 * A list in code, not a view: a migration in one range cannot name a column that a
 * migration with a later timestamp adds.
 */
export const DOCUMENT_COLUMNS: readonly DocumentColumn[] = [
  { table: 'receipts', path: 'document_path', sha256: 'document_sha256', bytea: true },
  { table: 'receipts', path: 'void_document_path', sha256: 'void_document_sha256', bytea: true },
  { table: 'fee_runs', path: 'sepa_document_path', sha256: 'sepa_sha256' },
  { table: 'fee_runs', path: 'notices_document_path', sha256: 'notices_sha256' },
  { table: 'dunning_runs', path: 'document_path', sha256: 'document_sha256' },
  { table: 'funding_documents', path: 'path', sha256: 'sha256' },
  { table: 'payout_runs', path: 'document_path', sha256: 'sha256' },
];

export interface DocumentColumn {
  table: string;
  path: string;
  sha256: string;
  bytea?: boolean;
}

/** owner, owner_id, path, sha256 (hex) of every recorded document, as one SQL query. */
export function recordedDocumentsSql(columns = DOCUMENT_COLUMNS): string {
  return columns
    .map(
      (c) =>
        `SELECT '${c.table}' AS owner, id::text AS owner_id, ${c.path} AS path, ` +
        `${c.bytea ? `encode(${c.sha256}, 'hex')` : c.sha256} AS sha256 ` +
        `FROM ${c.table} WHERE ${c.path} IS NOT NULL`,
    )
    .join('\nUNION ALL\n');
}
