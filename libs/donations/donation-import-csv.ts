import {
  AMOUNT_HINT,
  CsvEncodingError,
  parseDayInput,
  parseEuroToCents,
  readCsv,
  type FieldError,
} from '@dachwerk/shared';
import type { MoneyChannel } from './donation-accounts';

export interface ImportRow {
  line: number;
  receivedOn: string;
  amountCents: number;
  channel: MoneyChannel;
  earmark: 'general' | 'purpose' | 'initiative';
  costCentre: string | null;
  earmarkPurpose: string | null;
  purpose: string | null;
  donor: {
    kind: 'person' | 'organisation';
    firstName: string | null;
    lastName: string | null;
    organisationName: string | null;
    street: string | null;
    postalCode: string | null;
    city: string | null;
    email: string | null;
  };
}

export interface ImportError extends FieldError {
  line: number;
}

type Column =
  | 'date'
  | 'amount'
  | 'firstName'
  | 'lastName'
  | 'organisation'
  | 'street'
  | 'postalCode'
  | 'city'
  | 'email'
  | 'channel'
  | 'earmark'
  | 'costCentre'
  | 'purpose';

const HEADERS: Record<string, Column> = {
  datum: 'date',
  date: 'date',
  betrag: 'amount',
  amount: 'amount',
  vorname: 'firstName',
  first_name: 'firstName',
  nachname: 'lastName',
  last_name: 'lastName',
  name: 'lastName',
  firma: 'organisation',
  organisation: 'organisation',
  strasse: 'street',
  straße: 'street',
  street: 'street',
  plz: 'postalCode',
  postal_code: 'postalCode',
  ort: 'city',
  city: 'city',
  email: 'email',
  'e-mail': 'email',
  kanal: 'channel',
  channel: 'channel',
  zweckbindung: 'earmark',
  earmark: 'earmark',
  kostenstelle: 'costCentre',
  cost_centre: 'costCentre',
  zweck: 'purpose',
  purpose: 'purpose',
};
const CHANNELS: Record<string, MoneyChannel> = {
  '': 'transfer',
  überweisung: 'transfer',
  ueberweisung: 'transfer',
  transfer: 'transfer',
  bar: 'cash',
  cash: 'cash',
  lastschrift: 'direct_debit',
  direct_debit: 'direct_debit',
  online: 'online',
  paypal: 'online',
};
const EARMARKS: Record<string, ImportRow['earmark']> = {
  '': 'general',
  allgemein: 'general',
  general: 'general',
  zweck: 'purpose',
  purpose: 'purpose',
  initiative: 'initiative',
};

/**
 * Reads a donation list (money donations): one row per donation with the donor's name
 * and address. Columns are named in German or English; every problem is reported with
 * its line, field and rule, and no row is returned unless the whole file is right.
 */
export function parseDonationImport(
  file: Buffer,
  today: string,
): { rows: ImportRow[]; errors: ImportError[] } {
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
  const columns = csv.header.map((h) => HEADERS[h]);
  const unknown = csv.header.filter((h, i) => !columns[i]);
  const missing = (['date', 'amount'] as Column[]).filter((c) => !columns.includes(c));
  if (!columns.includes('lastName') && !columns.includes('organisation')) missing.push('lastName');
  if (unknown.length || missing.length || !csv.header.length) {
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
  }
  const rows: ImportRow[] = [];
  const errors: ImportError[] = [];
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
    const get = (c: Column) => {
      const i = columns.indexOf(c);
      return i < 0 ? '' : cells[i];
    };
    const fail = (field: string, rule: string, message: string) =>
      errors.push({ line, field, rule, message });
    const receivedOn = parseDayInput(get('date'));
    if (!receivedOn) fail('date', 'isDate', 'must be a date (TT.MM.JJJJ or JJJJ-MM-TT)');
    else if (receivedOn > today) fail('date', 'notInFuture', 'must not lie in the future');
    const amount = parseEuroToCents(get('amount'));
    if (amount === undefined) fail('amount', 'isAmount', AMOUNT_HINT);
    else if (amount <= 0) fail('amount', 'positive', 'must be greater than zero');
    const channel = CHANNELS[get('channel').toLowerCase()];
    if (!channel) fail('channel', 'isIn', 'must be Überweisung, Bar, Lastschrift or Online');
    const earmark = EARMARKS[get('earmark').toLowerCase()];
    if (!earmark) fail('earmark', 'isIn', 'must be allgemein, zweck or initiative');
    const costCentre = get('costCentre') || null;
    if (earmark === 'initiative' && !costCentre)
      fail('costCentre', 'required', 'an initiative earmark needs the cost centre');
    if (costCentre && !/^[A-Za-z0-9_-]{1,36}$/.test(costCentre))
      fail('costCentre', 'format', 'letters, digits, _ or -');
    if (earmark === 'purpose' && !get('purpose'))
      fail('purpose', 'required', 'an earmark for a purpose names the purpose');
    const organisationName = get('organisation') || null;
    const lastName = get('lastName') || null;
    if (!organisationName && !lastName)
      fail('lastName', 'required', 'a donor needs a last name or a company name');
    const postalCode = get('postalCode') || null;
    if (postalCode && !/^[0-9A-Za-z -]{3,10}$/.test(postalCode))
      fail('postalCode', 'format', 'must be 3 to 10 letters or digits');
    const email = get('email') || null;
    if (email && !/^[^@\s]+@[^@\s]+$/.test(email))
      fail('email', 'isEmail', 'must be an e-mail address');
    if (errors.some((e) => e.line === line)) continue;
    rows.push({
      line,
      receivedOn: receivedOn!,
      amountCents: amount!,
      channel,
      earmark,
      costCentre: earmark === 'initiative' ? costCentre : null,
      earmarkPurpose: earmark === 'purpose' ? get('purpose') : null,
      purpose: get('purpose') || null,
      donor: {
        kind: organisationName ? 'organisation' : 'person',
        firstName: organisationName ? null : get('firstName') || null,
        lastName: organisationName ? null : lastName,
        organisationName,
        street: get('street') || null,
        postalCode,
        city: get('city') || null,
        email: email?.toLowerCase() ?? null,
      },
    });
  }
  return { rows: errors.length ? [] : rows, errors };
}
