/** Calendar arithmetic on ISO dates (YYYY-MM-DD), in UTC so no time zone shifts a day. */

const toDate = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
const toIso = (date: Date): string => date.toISOString().slice(0, 10);

export function addDays(iso: string, days: number): string {
  const d = toDate(iso);
  d.setUTCDate(d.getUTCDate() + days);
  return toIso(d);
}

export function addMonths(iso: string, months: number): string {
  const d = toDate(iso);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return toIso(d);
}

export function firstOfMonth(iso: string): string {
  return `${iso.slice(0, 7)}-01`;
}

export function lastOfMonth(iso: string): string {
  return addDays(addMonths(firstOfMonth(iso), 1), -1);
}

/** Monthly periods from start to end; the first and last may be partial months. */
export function monthlyPeriods(
  startsOn: string,
  endsOn: string,
): { periodNo: number; startsOn: string; endsOn: string }[] {
  const periods: { periodNo: number; startsOn: string; endsOn: string }[] = [];
  let start = startsOn;
  while (start <= endsOn) {
    const monthEnd = lastOfMonth(start);
    const end = monthEnd < endsOn ? monthEnd : endsOn;
    periods.push({ periodNo: periods.length + 1, startsOn: start, endsOn: end });
    start = addDays(end, 1);
  }
  return periods;
}

/** A date as people type it in German files (TT.MM.JJJJ) or ISO; undefined when it is no real day. */
export function parseDayInput(text: string): string | undefined {
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  const iso = german
    ? `${german[3]}-${german[2].padStart(2, '0')}-${german[1].padStart(2, '0')}`
    : text;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return undefined;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : undefined;
}
