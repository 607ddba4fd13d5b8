/**
 * ISO 11649 structured creditor references ("RF18 5390 0754 7034"): RF, two check
 * digits, up to 21 letters or digits. The check is the IBAN's: move the first four
 * characters to the end, letters to numbers (A = 10 … Z = 35), the number mod 97 is 1.
 */
export function isCreditorReference(ref: string): boolean {
  const compact = ref.replace(/\s+/g, '').toUpperCase();
  if (!/^RF\d{2}[A-Z0-9]{1,21}$/.test(compact)) return false;
  const digits = (compact.slice(4) + compact.slice(0, 4)).replace(/[A-Z]/g, (ch) =>
    String(ch.charCodeAt(0) - 55),
  );
  let rest = 0;
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  return rest === 1;
}

/** The reference an RF reference carries (after RF and its check digits), or null. */
export function creditorReferencePayload(ref: string | null): string | null {
  if (!ref || !isCreditorReference(ref)) return null;
  return ref.replace(/\s+/g, '').toUpperCase().slice(4);
}

/** Builds the RF reference for a payload, e.g. a member number without its dash. */
export function toCreditorReference(payload: string): string {
  const body = payload.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
  const digits = `${body}RF00`.replace(/[A-Z]/g, (ch) => String(ch.charCodeAt(0) - 55));
  let rest = 0;
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  return `RF${String(98 - rest).padStart(2, '0')}${body}`;
}
