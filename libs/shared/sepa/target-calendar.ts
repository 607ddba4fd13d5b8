import { addDays } from '../dates/calendar';

/**
 * TARGET2 business days, the calendar of SEPA collections: every weekday except
 * 1 January, Good Friday, Easter Monday, 1 May, 25 and 26 December.
 */
export function isTargetBusinessDay(iso: string): boolean {
  const date = new Date(`${iso}T00:00:00Z`);
  const day = date.getUTCDay();
  if (day === 0 || day === 6) return false;
  const md = iso.slice(5);
  if (md === '01-01' || md === '05-01' || md === '12-25' || md === '12-26') return false;
  const easter = easterSunday(date.getUTCFullYear());
  const offset = Math.round((date.getTime() - easter.getTime()) / 86_400_000);
  return offset !== -2 && offset !== 1;
}

/** The next TARGET business day on or after the date. */
export function nextTargetBusinessDay(iso: string): string {
  let d = iso;
  while (!isTargetBusinessDay(d)) d = addDays(d, 1);
  return d;
}

/** Gregorian Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(Date.UTC(year, month - 1, day));
}
