/** Fields whose values never go into the audit log, only the fact that they changed. */
const SECRET_FIELDS = new Set(['passwordHash', 'password']);

export type FieldChange = { before: unknown; after: unknown };

const normalise = (value: unknown): unknown =>
  value instanceof Date ? value.toISOString() : value;

/**
 * The fields that differ between two versions of a record, with before and after.
 * `before` undefined means the record was created.
 */
export function diffFields(
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown>,
): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  for (const key of Object.keys(after)) {
    const old = normalise(before?.[key]);
    const now = normalise(after[key]);
    if (JSON.stringify(old) === JSON.stringify(now)) continue;
    changes[key] = SECRET_FIELDS.has(key)
      ? { before: '[redacted]', after: '[redacted]' }
      : { before: old ?? null, after: now ?? null };
  }
  return changes;
}
