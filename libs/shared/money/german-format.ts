/** 2026-03-02 → 02.03.2026, as German letters and receipts print dates. */
export const germanDate = (iso: string): string =>
  `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/** 123456 cents → "1.234,56 €". */
export const germanAmount = (cents: number): string =>
  `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100).toLocaleString('de-DE')},${String(Math.abs(cents) % 100).padStart(2, '0')} €`;
