import iconv from 'iconv-lite';

export interface CsvRow {
  /** 1-based line number in the file, for error messages. */
  line: number;
  cells: string[];
}

export class CsvEncodingError extends Error {}

/**
 * Uploaded text: UTF-8 (with or without BOM) or Windows-1252, which German banking and
 * accounting software still exports. Binary content is refused.
 */
export function decodeText(file: Buffer): string {
  if (file.includes(0)) throw new CsvEncodingError('the file is not text (it contains NUL bytes)');
  const utf8 = file.toString('utf8');
  const text = utf8.includes('\uFFFD') ? iconv.decode(file, 'win1252') : utf8;
  return text.replace(/^\uFEFF/, '');
}

/**
 * Splits CSV text into rows of cells: `;` or `,` (whichever the header uses), fields in
 * double quotes may hold separators and doubled quotes. Blank lines are skipped.
 */
export function readCsv(file: Buffer): { header: string[]; rows: CsvRow[] } {
  const lines = decodeText(file).split(/\r?\n/);
  const separator = (lines[0] ?? '').includes(';') ? ';' : ',';
  const split = (text: string): string[] => {
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (quoted && ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') {
        quoted = !quoted;
      } else if (ch === separator && !quoted) {
        cells.push(cell.trim());
        cell = '';
      } else {
        cell += ch;
      }
    }
    cells.push(cell.trim());
    return cells;
  };
  const rows = lines.map((text, i) => ({ line: i + 1, text })).filter((r) => r.text.trim() !== '');
  if (!rows.length) return { header: [], rows: [] };
  return {
    header: split(rows[0].text).map((h) => h.toLowerCase()),
    rows: rows.slice(1).map((r) => ({ line: r.line, cells: split(r.text) })),
  };
}
