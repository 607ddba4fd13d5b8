import {
  AMOUNT_HINT,
  CsvEncodingError,
  parseEuroToCents,
  readCsv,
  type FieldError,
} from '@dachwerk/shared';
import type { Side } from './ledger.types';

export interface CsvLineError extends FieldError {
  line: number;
}

export interface OpeningBalanceLine {
  account: number;
  side: Side;
  amountCents: number;
}

const HEADERS: Record<string, 'account' | 'debit' | 'credit'> = {
  konto: 'account',
  account: 'account',
  soll: 'debit',
  debit: 'debit',
  haben: 'credit',
  credit: 'credit',
};

/**
 * Reads opening balances, one account per line: `Konto;Soll;Haben` (or
 * account;debit;credit, `;` or `,` separated). Every problem is reported with its line
 * number; nothing is returned unless the whole file is right.
 */
export function parseOpeningBalancesCsv(file: Buffer): {
  lines: OpeningBalanceLine[];
  errors: CsvLineError[];
} {
  let csv: ReturnType<typeof readCsv>;
  try {
    csv = readCsv(file);
  } catch (error) {
    if (!(error instanceof CsvEncodingError)) throw error;
    return {
      lines: [],
      errors: [{ line: 1, field: 'file', rule: 'encoding', message: error.message }],
    };
  }
  if (!csv.header.length) {
    return {
      lines: [],
      errors: [{ line: 1, field: 'file', rule: 'notEmpty', message: 'the file is empty' }],
    };
  }
  const header = csv.header.map((h) => HEADERS[h]);
  const column = (name: 'account' | 'debit' | 'credit') => header.indexOf(name);
  if (column('account') < 0 || column('debit') < 0 || column('credit') < 0) {
    return {
      lines: [],
      errors: [
        {
          line: 1,
          field: 'header',
          rule: 'columns',
          message: 'the header must name Konto;Soll;Haben (or account;debit;credit)',
        },
      ],
    };
  }
  const errors: CsvLineError[] = [];
  const lines: OpeningBalanceLine[] = [];
  for (const row of csv.rows) {
    const cells = row.cells;
    if (cells.length !== header.length) {
      errors.push({
        line: row.line,
        field: 'line',
        rule: 'columns',
        message: `expected ${header.length} columns, found ${cells.length}`,
      });
      continue;
    }
    const account = Number(cells[column('account')]);
    if (!/^\d{1,8}$/.test(cells[column('account')]) || account < 1) {
      errors.push({
        line: row.line,
        field: 'account',
        rule: 'isAccountNumber',
        message: 'must be an account number',
      });
    }
    const amounts = (['debit', 'credit'] as const).map((side) => {
      const text = cells[column(side)];
      if (text === '') return 0;
      const cents = parseEuroToCents(text);
      if (cents === undefined || cents < 0) {
        errors.push({
          line: row.line,
          field: side,
          rule: 'isAmount',
          message: AMOUNT_HINT,
        });
        return 0;
      }
      return cents;
    });
    if (amounts[0] > 0 === amounts[1] > 0) {
      errors.push({
        line: row.line,
        field: 'debit',
        rule: 'oneSide',
        message: 'give either a debit or a credit amount',
      });
      continue;
    }
    lines.push({
      account,
      side: amounts[0] > 0 ? 'debit' : 'credit',
      amountCents: amounts[0] || amounts[1],
    });
  }
  return { lines: errors.length ? [] : lines, errors };
}
