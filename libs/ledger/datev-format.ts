import { neutraliseFormula } from '@dachwerk/shared';
import type { AutomaticVat } from './ledger.types';
import { taxOfGross } from './posting-rules';

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
  /** Empty, or BU_NO_AUTOMATIC. */
  buKey: string;
}

/**
 * The 125 columns of the Buchungsstapel, format version 13, in DATEV's order and with
 * DATEV's headings (an en dash in the numbered groups, as DATEV writes them). Every row
 * carries all 125 fields, empty where unused, so DATEV's import needs no column mapping.
 * Checked against the field list of the DATEV format description as reproduced by public
 * implementations (see docs/DOMAIN.md, "DATEV export").
 */
export const DATEV_COLUMNS: readonly string[] = [
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
  ...[1, 2, 3, 4, 5, 6, 7, 8].flatMap((n) => [`Beleginfo – Art ${n}`, `Beleginfo – Inhalt ${n}`]),
  'KOST1 – Kostenstelle',
  'KOST2 – Kostenstelle',
  'Kost-Menge',
  'EU-Land u. UStID (Bestimmung)',
  'EU-Steuersatz (Bestimmung)',
  'Abw. Versteuerungsart',
  'Sachverhalt L+L',
  'Funktionsergänzung L+L',
  'BU 49 Hauptfunktionstyp',
  'BU 49 Hauptfunktionsnummer',
  'BU 49 Funktionsergänzung',
  ...Array.from({ length: 20 }, (_, i) => [
    `Zusatzinformation – Art ${i + 1}`,
    `Zusatzinformation – Inhalt ${i + 1}`,
  ]).flat(),
  'Stück',
  'Gewicht',
  'Zahlweise',
  'Forderungsart',
  'Veranlagungsjahr',
  'Zugeordnete Fälligkeit',
  'Skontotyp',
  'Auftragsnummer',
  'Buchungstyp',
  'USt-Schlüssel (Anzahlungen)',
  'EU-Mitgliedstaat (Anzahlungen)',
  'Sachverhalt L+L (Anzahlungen)',
  'EU-Steuersatz (Anzahlungen)',
  'Erlöskonto (Anzahlungen)',
  'Herkunft-Kz',
  'Leerfeld',
  'KOST-Datum',
  'SEPA-Mandatsreferenz',
  'Skontosperre',
  'Gesellschaftername',
  'Beteiligtennummer',
  'Identifikationsnummer',
  'Zeichnernummer',
  'Postensperre bis',
  'Bezeichnung SoBil-Sachverhalt',
  'Kennzeichen SoBil-Buchung',
  'Festschreibung',
  'Leistungsdatum',
  'Datum Zuord. Steuerperiode',
  'Fälligkeit',
  'Generalumkehr (GU)',
  'Steuersatz',
  'Land',
  'Abrechnungsreferenz',
  'BVV-Position',
  'EU-Mitgliedstaat u. UStID (Ursprung)',
  'EU-Steuersatz (Ursprung)',
  'Abw. Skontokonto',
];

export const KOST1_COLUMN = DATEV_COLUMNS.indexOf('KOST1 – Kostenstelle');
export const KOST2_COLUMN = DATEV_COLUMNS.indexOf('KOST2 – Kostenstelle');

/**
 * BU-Schlüssel 40, "Aufhebung der Automatik": the amount is booked as it stands, DATEV
 * splits no VAT off it. For lines on an automatic account that carry no tax (books from
 * before the account was automatic in Dachwerk).
 */
export const BU_NO_AUTOMATIC = '40';

/**
 * A text field: formula neutralised (the file is opened in spreadsheets too), quoted,
 * quotes doubled, line breaks flattened, cut to the DATEV length.
 */
export function quote(value: string | null | undefined, maxLength?: number): string {
  let text = neutraliseFormula(value ?? '').replace(/[\r\n]+/g, ' ');
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

/** Columns after KOST2, all empty: the row still carries every one of the 125. */
const AFTER_KOST2 = ';'.repeat(DATEV_COLUMNS.length - 1 - KOST2_COLUMN);
/** The empty fields between Buchungstext and KOST1 (Postensperre … Beleginfo 8). */
const GAP_BEFORE_KOST1 = ';'.repeat(KOST1_COLUMN - 13);

/** One booking row of 125 fields; built as one string because exports write millions of them. */
export function datevRowLine(row: DatevRow): string {
  const documentDate = `${row.documentOn.slice(8, 10)}${row.documentOn.slice(5, 7)}`;
  return (
    `${datevAmount(row.amountCents)};"S";"EUR";;;;${row.account};${row.contraAccount};"${row.buKey}";${documentDate};` +
    `${quote(row.documentNo, 36)};"";;${quote(row.text, 60)}${GAP_BEFORE_KOST1}` +
    `${quote(row.kost1 === null ? '' : String(row.kost1))};${quote(row.kost2 ?? '', 36)}${AFTER_KOST2}`
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
  /** Dachwerk's automatic VAT account definition, if the account has one. */
  vat: AutomaticVat | null;
  /** DATEV books VAT automatically on this account number (whatever Dachwerk's row says). */
  isDatevAutomatic: boolean;
}

type MergedLine = SplittableLine & { buKey: string };

/**
 * DATEV splits the VAT off a gross amount on its automatic accounts itself, so the export
 * hands over net + tax on the automatic account and leaves the tax line out. A line on an
 * account DATEV treats as automatic without its tax (older books) goes with BU 40, so that
 * DATEV books it as it stands.
 */
export function mergeAutomaticVat(lines: SplittableLine[]): MergedLine[] {
  const out = lines.map((l) => ({ ...l, merged: false }));
  const dropped = new Set<number>();
  for (const line of out) {
    const vat = line.vat;
    if (!vat) continue;
    const taxIndexes = out
      .map((_, i) => i)
      .filter(
        (i) => !dropped.has(i) && out[i].account === vat.taxAccount && out[i].side === line.side,
      );
    const tax = taxIndexes.reduce((sum, i) => sum + out[i].amountCents, 0);
    if (tax > 0 && taxOfGross(line.amountCents + tax, vat) === tax) {
      line.amountCents += tax;
      line.merged = true;
      for (const i of taxIndexes) dropped.add(i);
    }
  }
  return out
    .filter((_, i) => !dropped.has(i))
    .map(({ merged, ...l }) => ({
      ...l,
      buKey: l.isDatevAutomatic && !merged ? BU_NO_AUTOMATIC : '',
    }));
}

/**
 * DATEV knows only Konto/Gegenkonto pairs; a split entry becomes several rows by
 * pairing debit and credit lines in order, each row carrying the smaller remainder.
 * Automatic VAT lines go over gross (see mergeAutomaticVat).
 */
export function entryToRows(
  entry: { documentOn: string; documentNo: string; text: string },
  lines: SplittableLine[],
): DatevRow[] {
  const merged = mergeAutomaticVat(lines);
  const debits = merged
    .filter((l) => l.side === 'debit')
    .map((l) => ({ line: l, left: l.amountCents }));
  const credits = merged
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
      buKey: debit.buKey || credit.buKey,
    });
    debits[d].left -= amount;
    credits[c].left -= amount;
    if (debits[d].left === 0) d++;
    if (credits[c].left === 0) c++;
  }
  return rows;
}

/**
 * The Saldenvortrag account of DATEV's charts: 9000 with four-digit, 90000 with the five
 * digits of SKR 42 ("Saldenvorträge, Sachkonten").
 */
export function openingBalanceAccount(accountLength: number): number {
  return 9 * 10 ** (accountLength - 1);
}

/**
 * Opening balances go to DATEV line by line against the Saldenvortrag account, never as
 * bookings against equity: DATEV carries equity forward itself, so a pair "bank to capital"
 * would count the capital twice.
 */
export function openingBalanceRows(
  entry: { documentOn: string; documentNo: string; text: string },
  lines: SplittableLine[],
  openingAccount: number,
): DatevRow[] {
  return lines.map((line) => ({
    amountCents: line.amountCents,
    account: line.side === 'debit' ? line.account : openingAccount,
    contraAccount: line.side === 'debit' ? openingAccount : line.account,
    documentOn: entry.documentOn,
    documentNo: entry.documentNo,
    text: entry.text,
    kost1: null,
    kost2: null,
    buKey: '',
  }));
}
