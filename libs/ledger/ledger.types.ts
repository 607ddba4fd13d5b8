export const SPHERES = [1, 2, 3, 4] as const;
/** KOST1: 1 ideeller Bereich, 2 Vermögensverwaltung, 3 Zweckbetrieb, 4 wirtschaftlicher Geschäftsbetrieb. */
export type Sphere = (typeof SPHERES)[number];

export const ACCOUNT_TYPES = ['asset', 'liability', 'equity', 'income', 'expense'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

export type Side = 'debit' | 'credit';

export interface PostingLine {
  account: number;
  side: Side;
  amountCents: number;
  /** Defaults to the account's only allowed sphere. */
  sphere?: Sphere;
  /** KOST2, e.g. an initiative's cost centre. */
  costCentre?: string | null;
}

/** What a library hands to LedgerService.post. */
export interface PostingInput {
  bookedOn: string;
  documentOn: string;
  /** Belegnummer, at most 36 characters (DATEV Belegfeld 1). */
  documentNo: string;
  /** Buchungstext, at most 60 characters (DATEV). */
  text: string;
  description?: string | null;
  /** manual, donation, membership-fee, bank, payout, opening-balance, reversal, ... */
  source: string;
  sourceId?: string | null;
  lines: PostingLine[];
}

export interface PostedLine {
  lineNo: number;
  account: number;
  side: Side;
  amountCents: number;
  sphere: Sphere;
  costCentre: string | null;
}

export interface PostedEntry {
  id: string;
  organisationId: string;
  fiscalYearId: string;
  entryNumber: number;
  bookedOn: string;
  documentOn: string;
  documentNo: string;
  text: string;
  description: string | null;
  source: string;
  sourceId: string | null;
  reversesEntryId: string | null;
  reversedByEntryId?: string | null;
  totalCents: number;
  postedBy: string | null;
  postedAt: Date;
  hash: string;
  lines: PostedLine[];
}

/** An automatic VAT account of DATEV (AM/AV): its lines need their tax in the same entry. */
export interface AutomaticVat {
  rateBasisPoints: number;
  /** Where the tax goes: 38xxx Umsatzsteuer, 14xxx Vorsteuer. */
  taxAccount: number;
}

export interface Account {
  number: number;
  name: string;
  type: AccountType;
  spheres: Sphere[];
  isActive: boolean;
  vat: AutomaticVat | null;
  /** An account of an old chart that SKR 42 gives another meaning: where its balance belongs. */
  supersededBy: number | null;
}
