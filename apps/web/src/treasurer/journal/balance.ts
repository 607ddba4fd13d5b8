/** A line of the editor: the amount sits in the debit or the credit column, as on paper. */
export interface EditorLine {
  account?: number | null;
  debitCents?: number | null;
  creditCents?: number | null;
  sphere?: number | null;
  costCentre?: string | null;
}

const cents = (v: unknown): number => (typeof v === 'number' && Number.isSafeInteger(v) ? v : 0);

/** Debit minus credit over all lines, in integer cents (0 = balanced). */
export function difference(lines: EditorLine[] | undefined): number {
  return (lines ?? []).reduce((sum, l) => sum + cents(l.debitCents) - cents(l.creditCents), 0);
}

/** The API's lines (account, side, amount) from the editor's two columns. */
export function toPostedLines(lines: EditorLine[]) {
  return lines.map((l) => {
    const debit = cents(l.debitCents);
    return {
      account: l.account,
      side: debit > 0 ? ('debit' as const) : ('credit' as const),
      amountCents: debit > 0 ? debit : cents(l.creditCents),
      ...(l.sphere ? { sphere: l.sphere } : {}),
      ...(l.costCentre ? { costCentre: l.costCentre } : {}),
    };
  });
}
