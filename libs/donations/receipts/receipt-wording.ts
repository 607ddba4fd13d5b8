import type { ReceiptContent } from './receipt-content';

/**
 * How an organisation's data fits into the BMF template's sentences. The template says
 * "wegen Förderung (Zweck)", "des Finanzamtes (Name)", while organisations record their
 * purposes as they read in the statutes ("Förderung des Sports (§ 52 Abs. 2 Nr. 21 AO)")
 * and the tax office by its name ("Finanzamt Stuttgart-Körperschaften"). Pasting one into
 * the other printed "wegen Förderung Förderung des Sports" and "des Finanzamtes Finanzamt
 * Stuttgart" on every receipt. Pure functions, docs/DOMAIN.md §3.
 */

/** "Förderung des Sports (…)" and "des Sports (…)" both give "des Sports (…)". */
export function purposeAfterFoerderung(purpose: string): string {
  return purpose.trim().replace(/^(die\s+)?Förderung\s+/i, '');
}

/**
 * The purposes as the object of "Förderung": "des Sports, der Jugendhilfe sowie der
 * Altenhilfe" ("sowie" before the last, since purposes often contain "und" themselves).
 */
export function purposesAfterFoerderung(purposes: readonly string[]): string {
  const parts = purposes.map(purposeAfterFoerderung).filter((p) => p.length > 0);
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} sowie ${parts[parts.length - 1]}`;
}

/** "Finanzamt Stuttgart-Körperschaften" → "Stuttgart-Körperschaften", for "des Finanzamtes …". */
export function taxOfficePlace(taxOffice: string): string {
  return taxOffice.trim().replace(/^(Finanzamt(es)?|FA)\s+/i, '');
}

/**
 * § 10b Abs. 1 Satz 8 EStG: membership fees are not deductible for bodies that promote
 * sport (§ 52 Abs. 2 Satz 1 Nr. 21 AO), cultural activities mainly for leisure, Heimatpflege
 * and Heimatkunde (Nr. 22) or the purposes of Nr. 23 (animal and plant breeding, allotment
 * gardening, customs incl. carnival, soldiers' and reservists' care, amateur radio, model
 * flying, Freifunk, dog sport). One such purpose among others is enough. Decided from
 * the paragraph numbers (Nr. 21 and 23; Nr. 22 also covers Ortsverschönerung, which
 * Satz 8 leaves out) and from the purposes' words.
 */
export function excludesFeeDeduction(purposes: readonly string[]): boolean {
  return purposes.some(
    (p) =>
      /§\s*52\s+Abs\.\s*2\s+(Satz\s*1\s+)?Nr\.\s*(21|23)\b/i.test(p) ||
      SATZ_8_WORDS.test(p.replace(/§[^)]*/g, '')),
  );
}

const SATZ_8_WORDS =
  /(?<!tran)sport|heimatpflege|heimatkunde|tierzucht|pflanzenzucht|kleingärtner|brauchtum|karneval|fastnacht|fasching|soldaten|reservisten|amateurfunk|freifunk|modellflug|freizeitgestaltung/i;

/** The issuer as a receipt freezes it, with the § 10b Abs. 1 Satz 8 EStG decision. */
export function receiptIssuer(
  organisation: Omit<ReceiptContent['issuer'], 'excludesFeeDeduction'>,
): ReceiptContent['issuer'] {
  return { ...organisation, excludesFeeDeduction: excludesFeeDeduction(organisation.purposes) };
}
