import { addDays, foldText } from '@dachwerk/shared';
import type { BankTransaction } from './bank-statement.repository';
import type { TransitItem } from './transit.repository';

/** How long before a hand booking a statement line may show it, and how long after. */
const DAYS_BEFORE = 7;
const DAYS_AFTER = 60;

/** Whether a statement line names the same payer as a hand booking: by IBAN or by name. */
export function samePayer(tx: BankTransaction, item: TransitItem): boolean {
  if (tx.counterpartyIban && item.donorIban && tx.counterpartyIban === item.donorIban) return true;
  const name = foldText(tx.counterpartyName ?? '');
  const words = foldText(item.donorName ?? item.text)
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 3 && !['zuschuss', 'geldspende'].includes(w));
  return name.length > 0 && words.length > 0 && words.every((w) => name.includes(w));
}

/**
 * The hand booking a statement line settles, when the answer is clear: the same amount,
 * a date near it, and the same payer (IBAN or name) — the oldest such one. Anything less
 * is left to a person, who sees the candidates as suggestions (`transitCandidates`).
 */
export function transitMatch(tx: BankTransaction, open: TransitItem[]): TransitItem | undefined {
  return transitCandidates(tx, open).find((item) => samePayer(tx, item));
}

/** Hand bookings of the line's amount within the window, the payer's own first, then oldest first. */
export function transitCandidates(tx: BankTransaction, open: TransitItem[]): TransitItem[] {
  const from = addDays(tx.bookedOn, -DAYS_AFTER);
  const to = addDays(tx.bookedOn, DAYS_BEFORE);
  return open
    .filter((i) => i.amountCents === tx.amountCents && i.bookedOn >= from && i.bookedOn <= to)
    .sort(
      (a, b) =>
        Number(samePayer(tx, b)) - Number(samePayer(tx, a)) || a.bookedOn.localeCompare(b.bookedOn),
    );
}
