import type { FieldError } from '../errors/domain-error';

/**
 * What every request body and query goes through before its DTO's own rules, so that no
 * DTO can forget it: text is trimmed and freed of control characters, null is refused
 * unless the field is declared nullable, and text that trims to nothing is refused
 * unless the field may be null (then it becomes null: a cleared form field).
 */

/** C0 and C1 controls except tab and line feed; CR is folded into LF below. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** Trimmed, line ends as LF, without NUL and other control characters. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL, '').trim();
}

/** Passwords are taken byte for byte: trimming one would change it. */
const isVerbatim = (key: string): boolean => /password$/i.test(key);

const SWAGGER_PROPERTY = 'swagger/apiModelProperties';

/** Whether the DTO declares the field nullable (`@ApiProperty({ nullable: true })`). */
export function isNullable(dto: object, key: string): boolean {
  const meta = Reflect.getMetadata(SWAGGER_PROPERTY, Object.getPrototypeOf(dto) as object, key) as
    { nullable?: boolean } | undefined;
  return meta?.nullable === true;
}

const isDto = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.getPrototypeOf(value) !== Object.prototype &&
  Object.getPrototypeOf(value) !== null;

/**
 * Cleans every string of a transformed DTO in place (nested DTOs, arrays and free-form
 * objects included) and answers the fields that break the null and empty rules.
 */
export function cleanInput(value: unknown, path = ''): FieldError[] {
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => {
      if (typeof item === 'string') {
        value[i] = cleanText(item);
        return value[i] === ''
          ? [notEmpty(`${path}.${i}`.replace(/^\./, ''))]
          : ([] as FieldError[]);
      }
      return cleanInput(item, `${path}.${i}`);
    });
  }
  if (typeof value !== 'object' || value === null) return [];
  const dto = isDto(value);
  const errors: FieldError[] = [];
  for (const [key, item] of Object.entries(value)) {
    const field = path ? `${path}.${key}` : key;
    const record = value as Record<string, unknown>;
    if (typeof item === 'string') {
      if (isVerbatim(key)) continue;
      record[key] = cleanText(item);
      if (record[key] === '' && dto) {
        if (isNullable(value, key)) record[key] = null;
        else errors.push(notEmpty(field));
      }
    } else if (item === null) {
      if (dto && !isNullable(value, key))
        errors.push({ field, rule: 'notNull', message: `${field} must not be null` });
    } else {
      errors.push(...cleanInput(item, field));
    }
  }
  return errors;
}

const notEmpty = (field: string): FieldError => ({
  field,
  rule: 'isNotEmpty',
  message: `${field} must not be empty`,
});

/** Query strings: text cleaned, and an empty parameter (`?from=`) counts as not given. */
export function cleanQuery(query: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    const cleaned =
      typeof value === 'string'
        ? cleanText(value)
        : Array.isArray(value)
          ? (value as unknown[]).map((v) => (typeof v === 'string' ? cleanText(v) : v))
          : value;
    if (cleaned !== '') out[key] = cleaned;
  }
  return out;
}

export const INT4_MAX = 2 ** 31 - 1;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Path parameters: ids (`id`, `…Id`) are UUIDs, numbers are whole and fit the database's
 * integer — checked for every route, whatever pipe the route adds.
 */
export function pathParameterError(
  name: string,
  value: unknown,
  type: unknown,
): FieldError | undefined {
  const text = String(value);
  if (type === Number) {
    if (!/^\d{1,10}$/.test(text) || Number(text) > INT4_MAX)
      return {
        field: name,
        rule: 'isInt',
        message: `${name} must be a whole number from 0 to ${INT4_MAX}`,
      };
  } else if ((name === 'id' || /Id$/.test(name)) && !UUID.test(text)) {
    return { field: name, rule: 'isUuid', message: `${name} must be a UUID` };
  }
  return undefined;
}
