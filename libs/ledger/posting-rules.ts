import { DomainError, germanAmount, isWithinAmountLimit, MAX_AMOUNT_CENTS } from '@dachwerk/shared';
import type { Account, AutomaticVat, PostingInput, Side, Sphere } from './ledger.types';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date in ISO form (no Date object: this runs for every posted entry). */
export function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= days;
}

export function checkDateRange(from: string, to: string): void {
  if (!isCalendarDate(from))
    throw new DomainError('INVALID_DATE', 'from is not a date', { field: 'from' }, 400);
  if (!isCalendarDate(to))
    throw new DomainError('INVALID_DATE', 'to is not a date', { field: 'to' }, 400);
  if (from > to)
    throw new DomainError('RANGE_INVALID', 'from must not be after to', { field: 'from' }, 400);
}

/**
 * The rules every entry obeys before it reaches the database (which checks the balance
 * again). Pure, so the property tests can hammer it. Returns the total in cents.
 */
export function checkEntryShape(input: PostingInput, index = 0): number {
  const at = (field: string) => ({ entryIndex: index, field });
  if (!isCalendarDate(input.bookedOn))
    throw new DomainError('INVALID_DATE', 'bookedOn is not a date', at('bookedOn'), 400);
  if (!isCalendarDate(input.documentOn))
    throw new DomainError('INVALID_DATE', 'documentOn is not a date', at('documentOn'), 400);
  if (!input.text?.trim() || [...input.text].length > 60) {
    throw new DomainError(
      'TEXT_INVALID',
      'The booking text needs 1 to 60 characters (DATEV)',
      at('text'),
      400,
    );
  }
  if (!input.documentNo?.trim() || [...input.documentNo].length > 36) {
    throw new DomainError(
      'DOCUMENT_NO_INVALID',
      'The document number needs 1 to 36 characters (DATEV)',
      at('documentNo'),
      400,
    );
  }
  if (!/^[a-z][a-z-]{1,39}$/.test(input.source)) {
    throw new DomainError('SOURCE_INVALID', 'source must be a lower-case word', at('source'), 400);
  }
  if (input.lines.length < 2) {
    throw new DomainError(
      'ENTRY_TOO_FEW_LINES',
      'An entry needs at least one debit and one credit line',
      at('lines'),
    );
  }
  if (input.lines.length > 500) {
    throw new DomainError(
      'ENTRY_TOO_MANY_LINES',
      'An entry has at most 500 lines',
      at('lines'),
      400,
    );
  }
  let debit = 0;
  let credit = 0;
  input.lines.forEach((line, i) => {
    if (!Number.isSafeInteger(line.amountCents) || line.amountCents <= 0) {
      throw new DomainError(
        'AMOUNT_NOT_POSITIVE',
        'Every line amount must be a positive whole number of cents',
        {
          ...at(`lines.${i}.amountCents`),
          amountCents: line.amountCents,
        },
      );
    }
    if (!isWithinAmountLimit(line.amountCents)) {
      throw new DomainError(
        'AMOUNT_TOO_LARGE',
        `A line carries at most ${germanAmount(MAX_AMOUNT_CENTS)}`,
        { ...at(`lines.${i}.amountCents`), amountCents: line.amountCents },
      );
    }
    if (line.side === 'debit') debit += line.amountCents;
    else credit += line.amountCents;
  });
  if (debit !== credit) {
    throw new DomainError('ENTRY_UNBALANCED', 'Debits and credits differ', {
      ...at('lines'),
      debitCents: debit,
      creditCents: credit,
    });
  }
  if (!Number.isSafeInteger(debit))
    throw new DomainError('AMOUNT_TOO_LARGE', 'The entry total is too large', at('lines'));
  return debit;
}

/** The line's sphere: as given, or the account's only allowed one; checked against the account. */
export function resolveSphere(account: Account, given: Sphere | undefined, field: string): Sphere {
  if (given !== undefined && ![1, 2, 3, 4].includes(given)) {
    throw new DomainError(
      'SPHERE_INVALID',
      'sphere must be 1, 2, 3 or 4',
      { field, sphere: given },
      400,
    );
  }
  const sphere = given ?? (account.spheres.length === 1 ? account.spheres[0] : undefined);
  if (sphere === undefined) {
    throw new DomainError(
      'SPHERE_REQUIRED',
      `Account ${account.number} is used in several spheres; name one`,
      { field, account: account.number },
    );
  }
  if (account.spheres.length && !account.spheres.includes(sphere)) {
    throw new DomainError(
      'SPHERE_NOT_ALLOWED',
      `Account ${account.number} is not booked in sphere ${sphere}`,
      {
        field,
        account: account.number,
        sphere,
        allowedSpheres: account.spheres,
      },
    );
  }
  return sphere;
}

/**
 * The tax DATEV books on an automatic account for a gross amount: gross × rate / (100 % +
 * rate), rounded half up to the cent. Dachwerk books the same split, so that the DATEV
 * export can hand the gross amount over and DATEV arrives at the same net and tax.
 */
export function taxOfGross(grossCents: number, vat: AutomaticVat): number {
  return Math.floor(
    (grossCents * vat.rateBasisPoints * 2 + (10000 + vat.rateBasisPoints)) /
      (2 * (10000 + vat.rateBasisPoints)),
  );
}

/** A gross amount split as DATEV splits it. */
export function splitGross(
  grossCents: number,
  vat: AutomaticVat,
): { netCents: number; taxCents: number } {
  const taxCents = taxOfGross(grossCents, vat);
  return { netCents: grossCents - taxCents, taxCents };
}

interface VatLine {
  account: number;
  side: Side;
  amountCents: number;
}

/**
 * Automatic VAT accounts are never booked without their tax: a line on one needs, in the
 * same entry and on the same side, its tax on the account's tax account — the amount DATEV
 * would split off the gross (net + tax). One automatic line per tax account and side, so
 * that the export can hand over each gross amount unambiguously.
 */
export function checkAutomaticVat(
  lines: VatLine[],
  vatOf: (account: number) => AutomaticVat | null,
  entryIndex = 0,
): void {
  const groups = new Map<string, { line: number; vat: AutomaticVat; side: Side }>();
  lines.forEach((line, i) => {
    const vat = vatOf(line.account);
    if (!vat) return;
    const key = `${vat.taxAccount}|${line.side}`;
    if (groups.has(key)) {
      throw new DomainError(
        'VAT_ACCOUNT_TWICE',
        `Book one line per automatic VAT account and side in an entry (tax account ${vat.taxAccount})`,
        {
          entryIndex,
          field: `lines.${i}.account`,
          account: line.account,
          taxAccount: vat.taxAccount,
        },
      );
    }
    groups.set(key, { line: i, vat, side: line.side });
  });
  for (const { line: i, vat, side } of groups.values()) {
    const net = lines[i].amountCents;
    const tax = lines
      .filter((l) => l.account === vat.taxAccount && l.side === side)
      .reduce((sum, l) => sum + l.amountCents, 0);
    if (taxOfGross(net + tax, vat) !== tax) {
      const expected = expectedTax(net, vat);
      throw new DomainError(
        tax === 0 ? 'VAT_LINE_MISSING' : 'VAT_AMOUNT_WRONG',
        `Account ${lines[i].account} books VAT automatically: the entry needs ${expected} cents on ${vat.taxAccount}, on the same side`,
        {
          entryIndex,
          field: `lines.${i}.account`,
          account: lines[i].account,
          taxAccount: vat.taxAccount,
          rateBasisPoints: vat.rateBasisPoints,
          expectedTaxCents: expected,
          bookedTaxCents: tax,
        },
      );
    }
  }
}

/** The tax that makes net + tax split back into exactly this net. */
export function expectedTax(netCents: number, vat: AutomaticVat): number {
  const guess = Math.round((netCents * vat.rateBasisPoints) / 10000);
  for (const tax of [guess, guess - 1, guess + 1, guess - 2, guess + 2])
    if (tax >= 0 && taxOfGross(netCents + tax, vat) === tax) return tax;
  return guess;
}
