/**
 * Letters that are not a base letter plus accents, spelled in the SEPA set. German
 * umlauts first (ä → ae, as German banks and the Duden spell them without umlauts),
 * then ligatures and letters with strokes that Unicode does not decompose.
 */
const SPELLED: Record<string, string> = {
  ä: 'ae',
  ö: 'oe',
  ü: 'ue',
  Ä: 'Ae',
  Ö: 'Oe',
  Ü: 'Ue',
  ß: 'ss',
  ẞ: 'SS',
  Æ: 'AE',
  æ: 'ae',
  Œ: 'OE',
  œ: 'oe',
  Ø: 'O',
  ø: 'o',
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  Ð: 'D',
  ð: 'd',
  Þ: 'TH',
  þ: 'th',
  ı: 'i',
  Ħ: 'H',
  ħ: 'h',
  '&': '+',
  '€': 'EUR',
  '„': "'",
  '“': "'",
  '”': "'",
  '"': "'",
  '‘': "'",
  '’': "'",
  '‚': "'",
  '–': '-',
  '—': '-',
  _: '-',
};

/**
 * Text for names and remittance in SEPA files, in the restricted SEPA character set
 * (a-z A-Z 0-9 / - ? : ( ) . , ' + space) that every bank accepts. Only bank files use
 * it; letters to people keep proper German. Every letter outside the set is spelled in
 * it (ä → ae, ë → e, Ł → L, Æ → AE), never dropped: a name must stay recognisable on the
 * payer's statement. A letter of a script without a Latin spelling here becomes "?", so
 * the gap shows; other symbols become spaces. Cut to the field's length.
 */
export function toSepaText(text: string, maxLength: number): string {
  const spelled = text
    .normalize('NFC')
    .replace(/[^A-Za-z0-9/?:().,'+ -]/gu, (c) => SPELLED[c] ?? c)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .normalize('NFC');
  return spelled
    .replace(/[^A-Za-z0-9/?:().,'+ -]/gu, (c) => (/\p{L}/u.test(c) ? '?' : ' '))
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
