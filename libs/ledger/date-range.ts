import { addDays, addMonths, firstOfMonth, lastOfMonth } from '@dachwerk/shared';

/**
 * Splits [from, to] into whole months (read from account_month_balances) and at most
 * two partial edges (summed from journal_lines). Any range is then exact, and a range
 * of whole months touches no line at all.
 */
export interface SplitRange {
  months: { from: string; to: string } | null;
  edges: { from: string; to: string }[];
}

export function splitRange(from: string, to: string): SplitRange {
  const firstFull = from === firstOfMonth(from) ? from : addMonths(firstOfMonth(from), 1);
  const lastFull = to === lastOfMonth(to) ? firstOfMonth(to) : addMonths(firstOfMonth(to), -1);
  if (firstFull > lastFull) return { months: null, edges: [{ from, to }] };
  const edges: { from: string; to: string }[] = [];
  if (from < firstFull) edges.push({ from, to: addDays(firstFull, -1) });
  const afterFull = addMonths(lastFull, 1);
  if (afterFull <= to) edges.push({ from: afterFull, to });
  return { months: { from: firstFull, to: lastFull }, edges };
}
