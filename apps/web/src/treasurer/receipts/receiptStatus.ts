export interface ReceiptLike {
  voidedAt: string | null;
  renderedAt: string | null;
}

/** What the list shows: voided wins; otherwise whether the worker has rendered the PDF yet. */
export const receiptStatus = (r: ReceiptLike): 'voided' | 'ready' | 'rendering' =>
  r.voidedAt ? 'voided' : r.renderedAt ? 'ready' : 'rendering';
