/** Everything a receipt prints, frozen when it is issued (the PDF is rendered from this). */
export interface ReceiptContent {
  number: string;
  kind: 'money' | 'in_kind' | 'collective';
  issuedOn: string;
  issuer: {
    name: string;
    street: string;
    postalCode: string;
    city: string;
    purposes: string[];
    isMachineSigned: boolean;
    /**
     * The purposes fall under § 10b Abs. 1 Satz 8 EStG (membership fees not deductible):
     * money receipts carry the template's sentence that the donation is no such fee.
     * Absent on receipts issued before it was decided from the purposes.
     */
    excludesFeeDeduction?: boolean;
  };
  donor: { name: string; street: string; postalCode: string; city: string; country: string };
  totalCents: number;
  totalInWords: string;
  /** Single receipts: the day; collective: the period. */
  receivedOn?: string;
  period?: { from: string; to: string };
  isWaiver: boolean;
  /** Paid membership fees (the BMF template's "Mitgliedsbeitrag"), not donations. */
  isMembershipFee?: boolean;
  items: { receivedOn: string; amountCents: number; isWaiver: boolean; label: string }[];
  inKind?: {
    item: string;
    age: string | null;
    condition: string | null;
    purchasePriceCents: number | null;
    valueBasis: string;
    isFromBusinessAssets: boolean;
  };
  exemption:
    | {
        kind: 'freistellungsbescheid';
        taxOffice: string;
        taxNumber: string | null;
        issuedOn: string;
        periodFrom: string;
        periodTo: string;
      }
    | { kind: 'feststellung_60a'; taxOffice: string; taxNumber: string | null; issuedOn: string };
  replacesNumber: string | null;
}
