import { notFound } from '../errors/domain-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a well-formed UUID; anything else cannot name a row. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** How a repository's `get` resolves: lock the row; the request field the id came from. */
export interface ResolveOptions {
  lock?: boolean;
  /** Named in the 404 when the id came from the body (`intoDonorId`, `lines[0].account`). */
  field?: string;
}

/**
 * The rule for every id a request carries, in the path or in the body: it names a row of
 * the path's organisation (the lookup filters by it), or the answer is 404 as if the row
 * did not exist — never a fallback, never another tenant's row. Malformed ids never reach
 * the database. Each repository's `get(db, organisationId, id, options)` is built on this.
 */
export async function resolveIn<T>(
  entity: string,
  id: string,
  lookup: () => Promise<T | undefined>,
  field?: string,
): Promise<T> {
  if (!isUuid(id)) throw notFound(entity, String(id), field);
  const row = await lookup();
  if (!row) throw notFound(entity, id, field);
  return row;
}

/**
 * The same for a list of ids (`donationIds`, `receivableIds`): every one must be found in
 * the organisation, else 404 naming the first that is not. Returns the rows as the lookup
 * ordered them (a lock order, say).
 */
export async function resolveAllIn<T extends { id: string }>(
  entity: string,
  ids: readonly string[],
  lookup: (ids: string[]) => Promise<T[]>,
  field?: string,
): Promise<T[]> {
  const unique = [...new Set(ids)];
  const malformed = unique.find((id) => !isUuid(id));
  if (malformed !== undefined) throw notFound(entity, String(malformed), field);
  const rows = unique.length ? await lookup(unique) : [];
  const found = new Set(rows.map((row) => row.id));
  const missing = unique.find((id) => !found.has(id));
  if (missing) throw notFound(entity, missing, field);
  return rows;
}
