/** Today's calendar date (UTC) as YYYY-MM-DD: the default booking, receipt and run date. */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
