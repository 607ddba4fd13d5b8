import { DomainError } from '@dachwerk/shared';

/**
 * Sources the ledger owns itself: entries posted through its own routes (a manual
 * booking, opening balances, a reclassification to a successor account, the reversal of
 * any of these), which its reversal route may
 * reverse (a reversal is then refused as such). Every other source
 * belongs to a domain record (a donation, a receivable, a claim, a bank transaction …)
 * and is reversed only by that domain, so the record and its booking never disagree.
 * The default is "owned": a new domain's source is protected without being listed here.
 * The database enforces the same rule (migration …-journal-entry-owners.ts).
 */
export const LEDGER_OWN_SOURCES: readonly string[] = [
  'manual',
  'opening-balance',
  'reclassification',
  'reversal',
];

/**
 * The kind of record a source's `source_id` names, where the two differ; a source not
 * listed names a record of its own name. For the problem text only, never for a decision.
 */
const OWNER_KIND: Record<string, string> = {
  'membership-fee': 'receivable',
  'funding-commitment': 'application',
  bank: 'bank-transaction',
  'fund-inflow': 'initiative',
  'fund-transfer': 'initiative',
  'fund-yearly-fee': 'initiative',
};

/** The domain record an entry belongs to: its kind, its id, and the entry's source. */
export interface EntryOwner {
  kind: string;
  id: string | null;
  source: string;
}

/** Who owns an entry; null for the ledger's own entries. */
export function ownerOf(entry: { source: string; sourceId: string | null }): EntryOwner | null {
  if (LEDGER_OWN_SOURCES.includes(entry.source)) return null;
  return {
    kind: OWNER_KIND[entry.source] ?? entry.source,
    // fund-yearly-fee names `initiative:year`; the initiative is the record.
    id: entry.sourceId?.split(':')[0] ?? null,
    source: entry.source,
  };
}

/** How a domain says which of its records it reverses: the entry's source and source id. */
export interface ReversingOwner {
  source: string;
  sourceId: string;
}

/**
 * Refuses the reversal of an entry by anyone but its owner: through the ledger's route
 * (no `by`) an owned entry answers 422 ENTRY_OWNED_BY_DOMAIN naming the owner, so the
 * caller knows which domain corrects it; a domain may reverse only its own record's entry.
 */
export function assertMayReverse(
  entry: { id: string; source: string; sourceId: string | null },
  by: ReversingOwner | undefined,
): EntryOwner | null {
  const owner = ownerOf(entry);
  if (!owner && !by) return null;
  if (owner && by && by.source === entry.source && by.sourceId === entry.sourceId) return owner;
  if (owner) {
    throw new DomainError(
      'ENTRY_OWNED_BY_DOMAIN',
      `This entry belongs to ${owner.kind} ${owner.id ?? '(unnamed)'}; correct it there, which reverses the entry with the record`,
      { entryId: entry.id, owner },
      422,
    );
  }
  // A domain naming an entry the ledger owns: a programming error, refused all the same.
  throw new DomainError(
    'ENTRY_NOT_OWNED',
    `This entry is not the booking of ${by!.source} ${by!.sourceId}`,
    { entryId: entry.id, source: entry.source },
    409,
  );
}
