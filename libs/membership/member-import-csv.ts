import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import { CsvEncodingError, parseDayInput, readCsv, type FieldError } from '@dachwerk/shared';

/** The member fields a CSV column can be mapped to. */
export const MEMBER_IMPORT_FIELDS = [
  'memberNo',
  'firstName',
  'lastName',
  'organisationName',
  'street',
  'postalCode',
  'city',
  'country',
  'email',
  'phone',
  'joinedOn',
  'tier',
  'reduced',
  'iban',
  'mandateRef',
  'mandateSignedOn',
] as const;
export type MemberImportField = (typeof MEMBER_IMPORT_FIELDS)[number];

/** Column names understood without a mapping (lower case). */
export const DEFAULT_MAPPING: Record<string, MemberImportField> = {
  mitgliedsnummer: 'memberNo',
  mitgliedsnr: 'memberNo',
  member_no: 'memberNo',
  vorname: 'firstName',
  first_name: 'firstName',
  nachname: 'lastName',
  name: 'lastName',
  last_name: 'lastName',
  firma: 'organisationName',
  organisation: 'organisationName',
  verein: 'organisationName',
  strasse: 'street',
  straße: 'street',
  street: 'street',
  plz: 'postalCode',
  postal_code: 'postalCode',
  ort: 'city',
  city: 'city',
  land: 'country',
  country: 'country',
  email: 'email',
  'e-mail': 'email',
  telefon: 'phone',
  phone: 'phone',
  eintritt: 'joinedOn',
  eintrittsdatum: 'joinedOn',
  joined_on: 'joinedOn',
  beitragsstufe: 'tier',
  tarif: 'tier',
  tier: 'tier',
  ermaessigt: 'reduced',
  ermäßigt: 'reduced',
  reduced: 'reduced',
  iban: 'iban',
  mandatsreferenz: 'mandateRef',
  mandate_ref: 'mandateRef',
  mandatsdatum: 'mandateSignedOn',
  mandate_signed_on: 'mandateSignedOn',
};

export interface MemberImportRow {
  line: number;
  memberNo: string | null;
  kind: 'person' | 'organisation';
  firstName: string | null;
  lastName: string | null;
  organisationName: string | null;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  country: string;
  email: string | null;
  phone: string | null;
  joinedOn: string;
  tierCode: string;
  reduced: boolean;
  mandate: { iban: string; reference: string | null; signedOn: string } | null;
}

export interface MemberImportError extends FieldError {
  line: number;
}

const YES = new Set(['ja', 'j', 'yes', 'y', 'x', '1', 'true']);
const NO = new Set(['', 'nein', 'n', 'no', '0', 'false']);

/**
 * Reads a member list. `mapping` maps the file's column names to member fields; names
 * not in it fall back to the usual German and English ones. Every problem is reported
 * with its line, field and rule; rows come back only for lines without problems.
 */
export function parseMemberImport(
  file: Buffer,
  mapping: Record<string, string>,
  knownTiers: Set<string>,
  today: string,
): { rows: MemberImportRow[]; errors: MemberImportError[] } {
  let csv: ReturnType<typeof readCsv>;
  try {
    csv = readCsv(file);
  } catch (error) {
    if (!(error instanceof CsvEncodingError)) throw error;
    return {
      rows: [],
      errors: [{ line: 1, field: 'file', rule: 'encoding', message: error.message }],
    };
  }
  const lowerMapping = Object.fromEntries(
    Object.entries(mapping).map(([k, v]) => [k.toLowerCase(), v]),
  );
  const columns = csv.header.map(
    (h) => (lowerMapping[h] ?? DEFAULT_MAPPING[h]) as MemberImportField | undefined,
  );
  const unknown = csv.header.filter(
    (h, i) => !columns[i] || !MEMBER_IMPORT_FIELDS.includes(columns[i]),
  );
  const missing = (['joinedOn', 'tier'] as MemberImportField[]).filter((c) => !columns.includes(c));
  if (!columns.includes('lastName') && !columns.includes('organisationName'))
    missing.push('lastName');
  if (unknown.length || missing.length)
    return {
      rows: [],
      errors: [
        {
          line: 1,
          field: 'header',
          rule: 'columns',
          message: `unknown columns: ${unknown.join(', ') || '-'}; missing: ${missing.join(', ') || '-'}`,
        },
      ],
    };
  const rows: MemberImportRow[] = [];
  const errors: MemberImportError[] = [];
  const seenNumbers = new Map<string, number>();
  for (const { line, cells } of csv.rows) {
    if (cells.length !== columns.length) {
      errors.push({
        line,
        field: 'line',
        rule: 'columns',
        message: `expected ${columns.length} columns, found ${cells.length}`,
      });
      continue;
    }
    const get = (c: MemberImportField) => {
      const i = columns.indexOf(c);
      return i < 0 ? '' : cells[i];
    };
    const fail = (field: string, rule: string, message: string) =>
      errors.push({ line, field, rule, message });
    const memberNo = get('memberNo') || null;
    if (memberNo && !/^[A-Za-z0-9_/-]{1,20}$/.test(memberNo))
      fail('memberNo', 'format', '1 to 20 letters, digits, _, / or -');
    if (memberNo && seenNumbers.has(memberNo))
      fail('memberNo', 'unique', `also on line ${seenNumbers.get(memberNo)}`);
    if (memberNo) seenNumbers.set(memberNo, line);
    const organisationName = get('organisationName') || null;
    const lastName = get('lastName') || null;
    if (!organisationName && !lastName)
      fail('lastName', 'required', 'a member needs a last name or an organisation name');
    const joinedOn = parseDayInput(get('joinedOn'));
    if (!joinedOn) fail('joinedOn', 'isDate', 'must be a date (TT.MM.JJJJ or JJJJ-MM-TT)');
    else if (joinedOn > today) fail('joinedOn', 'notInFuture', 'must not lie in the future');
    const tierCode = get('tier');
    if (!knownTiers.has(tierCode)) fail('tier', 'exists', `no tier with the code "${tierCode}"`);
    const reducedText = get('reduced').toLowerCase();
    if (!YES.has(reducedText) && !NO.has(reducedText))
      fail('reduced', 'isBoolean', 'must be ja or nein');
    const postalCode = get('postalCode') || null;
    if (postalCode && !/^[0-9A-Za-z -]{3,10}$/.test(postalCode))
      fail('postalCode', 'format', 'must be 3 to 10 letters or digits');
    const country = get('country').toUpperCase() || 'DE';
    if (!/^[A-Z]{2}$/.test(country)) fail('country', 'format', 'must be an ISO 3166 alpha-2 code');
    const email = get('email') || null;
    if (email && !/^[^@\s]+@[^@\s]+$/.test(email))
      fail('email', 'isEmail', 'must be an e-mail address');
    const iban = get('iban') ? (electronicFormatIBAN(get('iban')) ?? get('iban')) : null;
    let mandate: MemberImportRow['mandate'] = null;
    if (iban) {
      const signedOn = parseDayInput(get('mandateSignedOn'));
      const reference = get('mandateRef') || null;
      if (!isValidIBAN(iban))
        fail('iban', 'isIban', 'must be a valid IBAN (check digits included)');
      if (!signedOn) fail('mandateSignedOn', 'required', 'a mandate needs the date it was signed');
      if (reference && !/^[A-Za-z0-9+?/:().,'-]{1,35}$/.test(reference))
        fail('mandateRef', 'format', 'at most 35 characters of the SEPA set');
      if (signedOn && reference !== undefined) mandate = { iban, reference, signedOn };
    }
    if (errors.some((e) => e.line === line)) continue;
    rows.push({
      line,
      memberNo,
      kind: organisationName ? 'organisation' : 'person',
      firstName: organisationName ? null : get('firstName') || null,
      lastName: organisationName ? null : lastName,
      organisationName,
      street: get('street') || null,
      postalCode,
      city: get('city') || null,
      country,
      email,
      phone: get('phone') || null,
      joinedOn: joinedOn!,
      tierCode,
      reduced: YES.has(reducedText),
      mandate,
    });
  }
  return { rows, errors };
}
