import { createHash } from 'node:crypto';

/** The fields of an entry that the hash chain protects. */
export interface HashableEntry {
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
  totalCents: number;
  lines: {
    lineNo: number;
    account: number;
    side: 'debit' | 'credit';
    amountCents: number;
    sphere: number;
    costCentre: string | null;
  }[];
}

/**
 * SHA-256 over the previous entry's hash and a canonical text of this entry. JSON of a
 * fixed array keeps it unambiguous (no separator can be forged into a field).
 */
export function entryHash(entry: HashableEntry, previousHash: Buffer | null): Buffer {
  const canonical = JSON.stringify([
    entry.organisationId,
    entry.fiscalYearId,
    entry.entryNumber,
    entry.bookedOn,
    entry.documentOn,
    entry.documentNo,
    entry.text,
    entry.description,
    entry.source,
    entry.sourceId,
    entry.reversesEntryId,
    entry.totalCents,
    [...entry.lines]
      .sort((a, b) => a.lineNo - b.lineNo)
      .map((l) => [l.lineNo, l.account, l.side, l.amountCents, l.sphere, l.costCentre]),
  ]);
  return createHash('sha256')
    .update(previousHash ?? Buffer.alloc(0))
    .update(canonical)
    .digest();
}
