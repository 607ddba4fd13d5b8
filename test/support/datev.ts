import iconv from 'iconv-lite';

/** A DATEV EXTF file read back the way DATEV's import reads it. */
export interface ParsedDatev {
  header: string[];
  columns: string[];
  rows: string[][];
}

/** Windows-1252, CRLF, `;`-separated, text in double quotes with doubled quotes. */
export function parseDatev(raw: Buffer): ParsedDatev {
  const text = iconv.decode(raw, 'win1252');
  if (!text.endsWith('\r\n')) throw new Error('A DATEV file ends with CRLF');
  const lines = text.slice(0, -2).split('\r\n');
  if (lines.some((l) => l.includes('\n'))) throw new Error('A bare LF inside a DATEV file');
  const [header, columns, ...rows] = lines.map(splitFields);
  return { header, columns, rows };
}

function splitFields(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted && ch === '"' && line[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (ch === ';' && !quoted) {
      out.push(field);
      field = '';
    } else {
      field += ch;
    }
  }
  out.push(field);
  return out;
}

/** "1234,56" → 123456 cents. */
export function datevCents(amount: string): number {
  const match = /^(\d+),(\d{2})$/.exec(amount);
  if (!match) throw new Error(`Not a DATEV amount: ${amount}`);
  return Number(match[1]) * 100 + Number(match[2]);
}

/**
 * What DATEV books from the rows: debit minus credit per account, with the VAT that DATEV
 * splits off the gross amount on its automatic accounts (unless BU 40 lifts the automatic).
 */
export function datevBalances(
  rows: string[][],
  automatic: (account: number) => { rateBasisPoints: number; taxAccount: number } | null,
): Map<number, number> {
  const balances = new Map<number, number>();
  const add = (account: number, cents: number) =>
    balances.set(account, (balances.get(account) ?? 0) + cents);
  for (const row of rows) {
    const cents = datevCents(row[0]);
    const sign = row[1] === 'S' ? 1 : row[1] === 'H' ? -1 : NaN;
    if (Number.isNaN(sign)) throw new Error(`Soll/Haben-Kennzeichen ${row[1]}`);
    const [konto, gegenkonto] = [Number(row[6]), Number(row[7])];
    for (const [account, side] of [
      [konto, sign],
      [gegenkonto, -sign],
    ] as const) {
      const vat = row[8] === '40' ? null : automatic(account);
      if (!vat) {
        add(account, side * cents);
        continue;
      }
      const tax = Math.floor(
        (cents * vat.rateBasisPoints * 2 + (10000 + vat.rateBasisPoints)) /
          (2 * (10000 + vat.rateBasisPoints)),
      );
      add(account, side * (cents - tax));
      add(vat.taxAccount, side * tax);
    }
  }
  for (const [account, cents] of balances) if (cents === 0) balances.delete(account);
  return balances;
}
