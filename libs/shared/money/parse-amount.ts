import { isWithinAmountLimit } from './amount-limit';

/**
 * Parses a euro amount as people write it in German or English ("1.234,56",
 * "1234.56", "12,5", "-3 €") into integer cents, by string arithmetic: no float ever
 * touches the value. Returns undefined for anything else, including more than two
 * decimals ("1,234" is refused rather than guessed) and anything past the amount limit.
 */
export function parseEuroToCents(text: string): number | undefined {
  const value = text.replace(/\s|€|EUR/g, '');
  const negative = value.startsWith('-');
  const body = negative ? value.slice(1) : value;
  let decimalSeparator: ',' | '.' | undefined;
  if (body.includes(',') && body.includes('.')) {
    decimalSeparator = body.lastIndexOf(',') > body.lastIndexOf('.') ? ',' : '.';
  } else if (body.includes(',')) {
    decimalSeparator = ',';
  } else if (body.includes('.') && !/^\d{1,3}(\.\d{3})+$/.test(body)) {
    decimalSeparator = '.';
  }
  const thousands =
    decimalSeparator === ','
      ? '.'
      : decimalSeparator === '.'
        ? ','
        : body.includes('.')
          ? '.'
          : ',';
  const [whole, fraction = '', ...rest] = decimalSeparator ? body.split(decimalSeparator) : [body];
  if (rest.length || !/^\d{0,2}$/.test(fraction) || (decimalSeparator && fraction === ''))
    return undefined;
  const groups = whole.split(thousands);
  const grouped = groups.length > 1;
  if (
    !/^\d+$/.test(groups[0]) ||
    (grouped && (groups[0].length > 3 || groups.slice(1).some((g) => !/^\d{3}$/.test(g))))
  ) {
    return undefined;
  }
  const cents = Number(groups.join('')) * 100 + Number(fraction.padEnd(2, '0'));
  if (!isWithinAmountLimit(cents)) return undefined;
  return negative ? -cents : cents;
}
