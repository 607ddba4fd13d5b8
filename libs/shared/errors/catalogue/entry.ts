import { germanAmount, germanDate } from '../../money/german-format';

/** Values a problem carries in `details`; templates read them, never the English message. */
export type Params = Record<string, unknown>;
/** A parameter as text (numbers, text, lists), or the fallback when it is missing. */
export function str(v: unknown, fallback = ''): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map((x) => str(x)).join(', ');
  return fallback;
}
export type Template = string | ((p: Params) => string);

/**
 * One problem code in both languages. German is complete (title and detail); English gives
 * the title, and its detail defaults to the message the service threw, which is English
 * and names the values at hand.
 */
export interface CatalogueEntry {
  de: { title: string; detail: Template };
  en: { title: string; detail?: Template };
}

export type Catalogue = Record<string, CatalogueEntry>;

/** "1.234,56 €", or nothing when the value is missing. */
export const eur = (v: unknown): string => (typeof v === 'number' ? germanAmount(v) : '');
/** "02.03.2026" for an ISO date, the value itself otherwise. */
export const day = (v: unknown): string =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? germanDate(v) : str(v);
/** A list as text: "a, b und c". */
export const list = (v: unknown, and = 'und'): string => {
  const items = (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((x) => str(x));
  return items.length < 2
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
};
/** ` (text)` / ` text` only when the value is there, so a template reads well without it. */
export const opt = (v: unknown, wrap: (s: string) => string): string =>
  str(v) === '' ? '' : wrap(str(v));
