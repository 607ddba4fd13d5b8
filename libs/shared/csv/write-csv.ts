/**
 * Spreadsheets (Excel, LibreOffice, Numbers) run a cell that begins with = + - or @ as a
 * formula — `=HYPERLINK(…)` in a donor's name becomes a link, `=cmd|…` once ran
 * commands — and a leading tab or carriage return can smuggle one past a naive check.
 * Every text cell of every export goes through this one function: such a cell gets a
 * leading apostrophe, which spreadsheets show as text and DATEV keeps as a character.
 * Numbers and dates we write ourselves are not text cells and stay as they are.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A CSV text cell: formula neutralised, in double quotes, quotes doubled; null is empty. */
export function csvText(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return `"${neutraliseFormula(value).replace(/"/g, '""')}"`;
}
