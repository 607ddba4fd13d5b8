import { germanAmount } from './german-format';

// Browser-safe (no Node or Nest imports): parse-amount.ts and so the web app use it too.

/**
 * The largest amount one line may carry: 1,000,000,000.00 EUR. Far above anything a
 * Verein books, and small enough that 90,000 such lines still sum to a safe integer —
 * so no total, balance or report can overflow (two 2^53 donations once broke a year's
 * trial balance for good). The database holds the same limit (migration
 * `…-amount-limits.ts`).
 */
export const MAX_AMOUNT_CENTS = 100_000_000_000;

/** Whether a whole number of cents lies within the limit (either sign). */
export function isWithinAmountLimit(cents: number): boolean {
  return Number.isSafeInteger(cents) && Math.abs(cents) <= MAX_AMOUNT_CENTS;
}

/** How an upload's error names a wrong amount. */
export const AMOUNT_HINT = `must be an amount in euros of at most ${germanAmount(MAX_AMOUNT_CENTS)}, e.g. 1.234,56`;
