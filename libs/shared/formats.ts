// The formats people read and type, for the API and the web app alike: integer cents and
// TT.MM.JJJJ. Browser-safe (no Node imports): apps/web imports this file as
// `@dachwerk/formats`, so both sides parse "1.234,56" and "02.03.2026" by the same rules.
export { germanAmount, germanDate } from './money/german-format';
export { parseEuroToCents } from './money/parse-amount';
export { parseDayInput } from './dates/calendar';
