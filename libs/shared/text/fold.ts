/**
 * Text folded for comparing and searching: lower case, German umlauts and ß spelled out
 * (so "Überweiser" and "Ueberweiser" are the same word), other accents dropped.
 */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}
