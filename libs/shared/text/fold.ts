/**
 * Text folded for comparing and searching: lower case, German umlauts and ß spelled out
 * (so "Überweiser" and "Ueberweiser" are the same word), other accents dropped.
 */
export function foldText(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/ä/g, 'ae')
      .replace(/ö/g, 'oe')
      .replace(/ü/g, 'ue')
      .replace(/ß/g, 'ss')
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      // Letters with strokes do not decompose; spelled as the database's fold_text does.
      .replace(/[łøđðı]/g, (c) => ({ ł: 'l', ø: 'o', đ: 'd', ð: 'd', ı: 'i' })[c]!)
  );
}
