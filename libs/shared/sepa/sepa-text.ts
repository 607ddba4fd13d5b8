const TRANSLITERATION: Record<string, string> = {
  ä: 'ae',
  ö: 'oe',
  ü: 'ue',
  Ä: 'Ae',
  Ö: 'Oe',
  Ü: 'Ue',
  ß: 'ss',
  '&': '+',
  é: 'e',
  è: 'e',
  á: 'a',
  à: 'a',
  ó: 'o',
  ò: 'o',
  í: 'i',
  ç: 'c',
  ñ: 'n',
  š: 's',
  č: 'c',
  ž: 'z',
  ł: 'l',
  ø: 'o',
  å: 'a',
};

/**
 * Text for names and remittance in SEPA files, in the restricted SEPA character set
 * (a-z A-Z 0-9 / - ? : ( ) . , ' + space) that every bank accepts: umlauts spelled
 * out, anything else dropped, cut to the field's length.
 */
export function toSepaText(text: string, maxLength: number): string {
  const spelled = text.replace(/[^\x20-\x7e]|&/g, (c) => TRANSLITERATION[c] ?? '');
  return spelled
    .replace(/[^A-Za-z0-9/?:().,'+ -]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, maxLength)
    .trim();
}

/** XML text content: the five predefined entities. */
export function xmlText(text: string): string {
  return text.replace(/[<>&'"]/g, (c) =>
    c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : c === "'" ? '&apos;' : '&quot;',
  );
}

/** Cents as a SEPA amount: 1234 → "12.34". */
export function sepaAmount(cents: number): string {
  return `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}
