import { BANKING } from './banking';
import { DONATIONS } from './donations';
import { Catalogue, CatalogueEntry, Params } from './entry';
import { germanFieldMessage } from './field-rules';
import { FUNDING } from './funding';
import { GENERAL } from './general';
import { LEDGER } from './ledger';
import { MEMBERSHIP } from './membership';

export type { Catalogue, CatalogueEntry, Params } from './entry';
export { germanFieldMessage } from './field-rules';

/**
 * The one catalogue of problem codes: title and detail in German (the users' language)
 * and English. Split by domain only so that helpers adding codes touch different files;
 * a code appears once (`problem-catalogue.spec.ts` checks every thrown code is here).
 */
export const PROBLEM_CATALOGUE: Catalogue = {
  ...GENERAL,
  ...LEDGER,
  ...MEMBERSHIP,
  ...DONATIONS,
  ...BANKING,
  ...FUNDING,
};

export const LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * Picks the answer language from Accept-Language (RFC 9110 §12.5.4): the supported language
 * with the highest q-value, ties in the order given; German when nothing fits.
 */
export function negotiateLanguage(header: string | string[] | undefined): Language {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  let best: { lang: Language; q: number } | undefined;
  for (const part of text.split(',')) {
    const [tag, ...params] = part.trim().split(';');
    const primary = tag.trim().toLowerCase().split('-')[0];
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    const lang =
      primary === '*'
        ? 'de'
        : (LANGUAGES as readonly string[]).includes(primary)
          ? (primary as Language)
          : undefined;
    if (lang && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? 'de';
}

function render(
  template: CatalogueEntry['de']['detail'] | undefined,
  params: Params,
): string | undefined {
  if (template === undefined) return undefined;
  return typeof template === 'string' ? template : template(params);
}

export interface LocalisedText {
  title: string;
  detail: string;
}

/**
 * Title and detail of a problem in the given language. `fallbackDetail` is what the code
 * said (English); it is the English detail unless the catalogue has its own, and both
 * answers fall back to it for a code missing from the catalogue.
 */
export function problemText(
  code: string,
  language: Language,
  params: Params,
  fallbackDetail: string,
  fallbackTitle: string,
): LocalisedText {
  const entry = PROBLEM_CATALOGUE[code];
  if (!entry) return { title: fallbackTitle, detail: fallbackDetail };
  const text = entry[language];
  return {
    title: text.title,
    detail: render(text.detail, params) ?? fallbackDetail,
  };
}

/** Field errors in the given language: German by rule, English as the validators wrote them. */
export function localiseFieldErrors<T extends { field: string; rule: string; message: string }>(
  errors: T[],
  language: Language,
): T[] {
  if (language === 'en') return errors;
  return errors.map((e) => ({ ...e, message: germanFieldMessage(e.field, e.rule, e.message) }));
}
