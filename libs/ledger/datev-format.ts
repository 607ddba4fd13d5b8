/**
 * DATEV "EXTF" Buchungsstapel, format 700, category 21, format version 13: pure
 * formatting, no I/O. The exporter encodes the text as Windows-1252 with CRLF.
 */

export interface DatevHeader {
  createdAt: Date;
  consultantNumber: number | null;
  clientNumber: number | null;
  fiscalYearStart: string;
  accountLength: number;
  from: string;
  to: string;
  label: string;
  isLocked: boolean;
}

/** One DATEV row: amount from Konto (debit) to Gegenkonto (credit). */
export interface DatevRow {
  amountCents: number;
  account: number;
  contraAccount: number;
  documentOn: string;
  documentNo: string;
  text: string;
  kost1: number | null;
  kost2: string | null;
}

export const DATEV_COLUMNS = [
  'Umsatz (ohne Soll/Haben-Kz)',
  'Soll/Haben-Kennzeichen',
  'WKZ Umsatz',
  'Kurs',
  'Basis-Umsatz',
  'WKZ Basis-Umsatz',
  'Konto',
  'Gegenkonto (ohne BU-Schlüssel)',
  'BU-Schlüssel',
  'Belegdatum',
  'Belegfeld 1',
  'Belegfeld 2',
  'Skonto',
  'Buchungstext',
  'Postensperre',
  'Diverse Adressnummer',
  'Geschäftspartnerbank',
  'Sachverhalt',
  'Zinssperre',
  'Beleglink',
  ...[1, 2, 3, 4, 5, 6, 7, 8].flatMap((n) => [`Beleginfo - Art ${n}`, `Beleginfo - Inhalt ${n}`]),
  'KOST1 - Kostenstelle',
  'KOST2 - Kostenstelle',
] as const;

export const KOST1_COLUMN = DATEV_COLUMNS.indexOf('KOST1 - Kostenstelle');
export const KOST2_COLUMN = DATEV_COLUMNS.indexOf('KOST2 - Kostenstelle');

/** A text field: quoted, quotes doubled, line breaks flattened, cut to the DATEV length. */
export function quote(value: string | null | undefined, maxLength?: number): string {
  let text = (value ?? '').replace(/[\r\n]+/g, ' ');
  // Cut by characters, not UTF-16 units; only strings that may be too long are split.
  if (maxLength !== undefined && text.length > maxLength)
    text = [...text].slice(0, maxLength).join('');
  return `"${text.replace(/"/g, '""')}"`;
}

const compactDate = (iso: string): string => iso.replace(/-/g, '');

/** 12345 cents → "123,45": no sign, no thousands separator, decimal comma. */
export function datevAmount(cents: number): string {
  const abs = Math.abs(cents);
  return `${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

export function datevHeaderLine(h: DatevHeader): string {
  const created = h.createdAt
    .toISOString()
    .replace(/[-:TZ.]/g, '')
    .slice(0, 17);
  const fields = [
    quote('EXTF'),
    '700',
    '21',
    quote('Buchungsstapel'),
    '13',
    created,
    '',
    quote('RE'),
    quote(''),
    quote(''),
    h.consultantNumber ?? '',
    h.clientNumber ?? '',
    compactDate(h.fiscalYearStart),
    String(h.accountLength),
    compactDate(h.from),
    compactDate(h.to),
    quote(h.label, 30),
    quote(''),
    '1',
    '0',
    h.isLocked ? '1' : '0',
    quote('EUR'),
    '',
    quote(''),
    '',
    '',
    quote('42'),
    '',
    '',
    quote(''),
    quote(''),
  ];
  return fields.join(';');
}

export function datevColumnLine(): string {
  return DATEV_COLUMNS.join(';');
}

/** The empty fields between Buchungstext and KOST1 (Postensperre … Beleginfo 8). */
const GAP_BEFORE_KOST1 = ';'.repeat(KOST1_COLUMN - 13);

/** One booking row; built as one string because exports write millions of them. */
export function datevRowLine(row: DatevRow): string {
  const documentDate = `${row.documentOn.slice(8, 10)}${row.documentOn.slice(5, 7)}`;
  return (
    `${datevAmount(row.amountCents)};"S";"EUR";;;;${row.account};${row.contraAccount};"";${documentDate};` +
    `${quote(row.documentNo, 36)};"";;${quote(row.text, 60)}${GAP_BEFORE_KOST1}` +
    `${quote(row.kost1 === null ? '' : String(row.kost1))};${quote(row.kost2 ?? '', 36)}`
  );
}

export interface SplittableLine {
  account: number;
  side: 'debit' | 'credit';
  amountCents: number;
  sphere: number;
  costCentre: string | null;
  /** Income or expense account: its sphere and cost centre label the DATEV row. */
  isResultAccount: boolean;
}

/**
 * DATEV knows only Konto/Gegenkonto pairs; a split entry becomes several rows by
 * pairing debit and credit lines in order, each row carrying the smaller remainder.
 */
export function entryToRows(
  entry: { documentOn: string; documentNo: string; text: string },
  lines: SplittableLine[],
): DatevRow[] {
  const debits = lines
    .filter((l) => l.side === 'debit')
    .map((l) => ({ line: l, left: l.amountCents }));
  const credits = lines
    .filter((l) => l.side === 'credit')
    .map((l) => ({ line: l, left: l.amountCents }));
  const rows: DatevRow[] = [];
  let d = 0;
  let c = 0;
  while (d < debits.length && c < credits.length) {
    const amount = Math.min(debits[d].left, credits[c].left);
    const debit = debits[d].line;
    const credit = credits[c].line;
    const labelled = debit.isResultAccount ? debit : credit.isResultAccount ? credit : debit;
    rows.push({
      amountCents: amount,
      account: debit.account,
      contraAccount: credit.account,
      documentOn: entry.documentOn,
      documentNo: entry.documentNo,
      text: entry.text,
      kost1: labelled.sphere,
      kost2: labelled.costCentre,
    });
    debits[d].left -= amount;
    credits[c].left -= amount;
    if (debits[d].left === 0) d++;
    if (credits[c].left === 0) c++;
  }
  return rows;
}
