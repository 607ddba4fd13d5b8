/**
 * SEPA creditor identifier (Gläubiger-Identifikationsnummer): country code, two
 * check digits, a three-character business code that the check ignores, and the
 * national identifier. Check digits follow ISO 7064 MOD 97-10 as for IBANs.
 */
export function isValidCreditorId(value: string): boolean {
  const id = value.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]{3}[A-Z0-9]{1,28}$/.test(id)) return false;
  if (id.startsWith('DE') && id.length !== 18) return false;
  const country = id.slice(0, 2);
  const check = id.slice(2, 4);
  const national = id.slice(7);
  const digits = `${national}${country}${check}`.replace(/[A-Z]/g, (c) =>
    String(c.charCodeAt(0) - 55),
  );
  let remainder = 0;
  for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  return remainder === 1;
}
