import type { FieldError } from './domain-error';

/** What node-postgres tells about an error (TypeORM's QueryFailedError copies it). */
export interface PgError {
  code: string;
  message?: string;
  constraint?: string;
  table?: string;
  column?: string;
  detail?: string;
}

export interface DatabaseProblem {
  status: number;
  code: string;
  detail: string;
  errors?: FieldError[];
}

export function isPgError(e: unknown): e is PgError {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
}

const camel = (column: string): string =>
  column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** `Key (organisation_id, lower(name))=(…)` → `['organisationId', 'name']`. */
function keyFields(detail: string | undefined): string[] {
  const key = /^Key \((.*?)\)=\(/.exec(detail ?? '')?.[1];
  if (!key) return [];
  const parts: string[] = [];
  let depth = 0;
  let part = '';
  for (const ch of key) {
    if (ch === ',' && depth === 0) {
      parts.push(part);
      part = '';
      continue;
    }
    depth += ch === '(' ? 1 : ch === ')' ? -1 : 0;
    part += ch;
  }
  parts.push(part);
  // An expression index names its column inside a function call: lower(name) → name.
  const column = (p: string): string => {
    const inner = /^\w+\((.*)\)(?:::\w+)?$/.exec(p.trim())?.[1];
    return inner ? column(inner) : p.trim().replace(/^"|"$/g, '');
  };
  return parts.map((p) => camel(column(p)));
}

/** `members_postal_code_check` on `members` → `postalCode` (Postgres' naming; ours adds `_check_limit`). */
function checkedField(e: PgError): string | undefined {
  if (!e.constraint || !e.table) return undefined;
  const m = new RegExp(`^${e.table}_(.+?)_check(?:\\d*|_[a-z]+)$`).exec(e.constraint);
  return m ? camel(m[1]) : undefined;
}

const fieldErrors = (fields: string[], rule: string, message: string): FieldError[] =>
  fields.map((field) => ({ field, rule, message: `${field}: ${message}` }));

/** SQLSTATE class 22 (data exceptions): what the value was wrong about. */
const DATA_CODES: Record<string, string> = {
  '22001': 'VALUE_TOO_LONG',
  '22003': 'NUMBER_OUT_OF_RANGE',
  '22007': 'DATE_INVALID',
  '22008': 'DATE_INVALID',
  '22021': 'CHARACTER_INVALID',
  '22P05': 'CHARACTER_INVALID',
  '22P02': 'VALUE_MALFORMED',
};

/**
 * The database refused a value or a change: that is the caller's input, never a 500.
 * Class 22 (a value the column cannot hold) answers 400, class 23 (an integrity rule)
 * 409 or 422, naming the field wherever Postgres says which column it was.
 * Answers undefined for everything else (connection loss, our own SQL bugs).
 */
export function databaseProblem(e: PgError): DatabaseProblem | undefined {
  const cls = e.code.slice(0, 2);
  if (cls === '22') {
    // The message names the type and the offending value, not the data of others.
    return {
      status: 400,
      code: DATA_CODES[e.code] ?? 'VALUE_INVALID',
      detail: `The database cannot store a value of this request: ${e.message ?? e.code}`,
    };
  }
  if (cls !== '23') return undefined;
  switch (e.code) {
    case '23502': {
      const fields = e.column ? [camel(e.column)] : [];
      return {
        status: 400,
        code: 'VALIDATION_FAILED',
        detail: 'A required value is missing',
        errors: fieldErrors(fields, 'notNull', 'must be given'),
      };
    }
    case '23505':
      return {
        status: 409,
        code: 'CONFLICT',
        detail: 'The record conflicts with an existing one',
        errors: fieldErrors(keyFields(e.detail), 'unique', 'is taken already'),
      };
    case '23503':
      return /still referenced/.test(e.detail ?? '')
        ? { status: 409, code: 'STILL_REFERENCED', detail: 'Other records still refer to this one' }
        : {
            status: 422,
            code: 'REFERENCE_NOT_FOUND',
            detail: 'The request refers to a record that does not exist',
            errors: fieldErrors(keyFields(e.detail), 'exists', 'names no existing record'),
          };
    case '23514': {
      const field = checkedField(e);
      return {
        status: 422,
        code: 'CONSTRAINT_VIOLATED',
        detail: `The database refused the change (${e.constraint ?? 'a rule it checks'})`,
        errors: field ? fieldErrors([field], 'check', 'breaks a rule the database checks') : [],
      };
    }
    default:
      return { status: 409, code: 'CONFLICT', detail: 'The change conflicts with stored records' };
  }
}
