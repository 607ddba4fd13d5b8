// pdf-parse's index runs a self-test when required without a parent module; use the library file.
const pdfParse = require('pdf-parse/lib/pdf-parse.js') as (
  data: Buffer,
) => Promise<{ text: string; numpages: number }>;

/**
 * A PDF's text as a reader sees it: a compound broken after its hyphen at the line end
 * joined again ("Stuttgart-Körperschaften"), line breaks and runs of spaces made single spaces.
 */
export async function pdfText(pdf: Buffer): Promise<{ text: string; pages: number }> {
  const parsed = await pdfParse(pdf);
  return { text: readable(parsed.text), pages: parsed.numpages };
}

export const readable = (raw: string): string =>
  raw.replace(/-\n(?=\p{Lu})/gu, '-').replace(/\s+/g, ' ');

/**
 * Neighbouring words where one repeats the other or its stem ("Förderung Förderung",
 * "Finanzamtes Finanzamt"): the mark of data pasted into a template that already says it.
 * Words of four letters or more; the annex of a collective receipt is left out (a table,
 * whose rows repeat by nature).
 */
export function repeatedWords(text: string): string[] {
  const annex = text.indexOf('Anlage zur Sammelbestätigung Nr.');
  const words = (annex < 0 ? text : text.slice(0, annex)).split(/[^\p{L}]+/u);
  const found: string[] = [];
  for (let i = 1; i < words.length; i++) {
    const [a, b] = [words[i - 1].toLowerCase(), words[i].toLowerCase()];
    if (a.length < 4 || b.length < 4) continue;
    if (a.startsWith(b) || b.startsWith(a)) found.push(`${words[i - 1]} ${words[i]}`);
  }
  return found;
}
