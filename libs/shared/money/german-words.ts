/**
 * Amounts in German words as a donation receipt states them ("einhundertzwanzig Euro").
 * Written here rather than taken from a library: the ones on npm wrote "Hundert
 * Zwanzig" and "Eins Million", which no Finanzamt reads as German.
 */
const UNITS = [
  'null',
  'eins',
  'zwei',
  'drei',
  'vier',
  'fünf',
  'sechs',
  'sieben',
  'acht',
  'neun',
  'zehn',
  'elf',
  'zwölf',
  'dreizehn',
  'vierzehn',
  'fünfzehn',
  'sechzehn',
  'siebzehn',
  'achtzehn',
  'neunzehn',
];
const TENS = [
  '',
  '',
  'zwanzig',
  'dreißig',
  'vierzig',
  'fünfzig',
  'sechzig',
  'siebzig',
  'achtzig',
  'neunzig',
];

/** 1..999, with "ein" instead of "eins" where another word follows in the compound. */
function belowThousand(n: number): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  let text = hundreds ? `${hundreds === 1 ? 'ein' : UNITS[hundreds]}hundert` : '';
  if (rest === 0) return text;
  if (rest < 20) return text + UNITS[rest];
  const unit = rest % 10;
  const tens = TENS[Math.floor(rest / 10)];
  text += unit ? `${unit === 1 ? 'ein' : UNITS[unit]}und${tens}` : tens;
  return text;
}

/**
 * A whole number in words. Counted on its own a number ending in one ends in "eins"
 * ("einhunderteins"); before a noun (`beforeNoun`) it ends in "ein" ("ein Euro",
 * "einhundertein Euro"). The rule is written down in docs/DOMAIN.md §3.
 */
export function numberInGermanWords(value: number, beforeNoun = false): string {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`Cannot spell ${value}`);
  if (value === 0) return 'null';
  if (value === 1) return beforeNoun ? 'ein' : 'eins';
  const parts: string[] = [];
  const scales: [number, string, string][] = [
    [1e9, 'Milliarde', 'Milliarden'],
    [1e6, 'Million', 'Millionen'],
  ];
  let rest = value;
  for (const [size, one, many] of scales) {
    const count = Math.floor(rest / size);
    rest %= size;
    if (count)
      parts.push(
        count === 1
          ? `eine ${one}`
          : `${numberInGermanWords(count, true).replace(/eins$/, 'ein')} ${many}`,
      );
  }
  const thousands = Math.floor(rest / 1000);
  const below = rest % 1000;
  let small = thousands ? `${thousands === 1 ? 'ein' : belowThousand(thousands)}tausend` : '';
  if (below) small += below === 1 && !small ? 'eins' : belowThousand(below);
  if (small) parts.push(small);
  const words = parts.join(' ');
  // Before a noun the final "eins" is "ein": "einhundertein Euro", "eintausendein Euro".
  return beforeNoun ? words.replace(/eins$/, 'ein') : words;
}

/** 12345 cents → "einhundertdreiundzwanzig Euro und fünfundvierzig Cent". */
export function amountInGermanWords(cents: number): string {
  if (!Number.isSafeInteger(cents) || cents < 0)
    throw new RangeError(`Cannot spell ${cents} cents`);
  const euros = Math.floor(cents / 100);
  const rest = cents % 100;
  const euroText = `${numberInGermanWords(euros, true)} Euro`;
  return rest ? `${euroText} und ${numberInGermanWords(rest, true)} Cent` : euroText;
}
