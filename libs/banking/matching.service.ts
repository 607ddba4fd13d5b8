import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { LedgerService, TRANSIT_ACCOUNT, type PostingInput } from '@dachwerk/ledger';
import { FUNDING_ACCOUNTS, PayoutRunsService } from '@dachwerk/funding';
import { FEE_ACCOUNTS, ReceivablesService, type Receivable } from '@dachwerk/membership';
import type { BankTransaction, MatchKind } from './bank-statement.repository';
import { BankStatementRepository } from './bank-statement.repository';
import { creditorReferencePayload } from './creditor-reference';
import { transitMatch } from './transit-match';
import { TransitRepository, type TransitItem } from './transit.repository';

/** SKR 42: Nebenkosten des Geldverkehrs — what the bank charges for a return. */
export const BANK_CHARGES_ACCOUNT = 68550;

export interface BankContext {
  organisationId: string;
  userId: string | null;
  ledgerAccount: number;
  statementRef: string;
}

export interface PlannedMatch {
  txIds: string[];
  kind: MatchKind;
  posting: PostingInput;
  /** A payout the bank executed: the claim is paid. */
  paidClaimId?: string;
  /** A hand booking on Geldtransit that this line settles. */
  transitEntryId?: string;
  settle?: Receivable[];
  returned?: {
    receivable: Receivable;
    reason: string | null;
    chargesCents: number;
    on: string;
    txId: string;
  };
}

const RECEIVABLE_REF = /\bR[0-9a-f]{32}\b/g;

/**
 * Automatic matching of bank transactions, inside the import's transaction (docs/DOMAIN.md §5):
 * 1. a credit whose end-to-end id is a submitted receivable settles it (direct debit);
 *    a batch entry without details settles its whole batch by payment-information id;
 * 2. a debit with a return reason (or the end-to-end id of a collected receivable)
 *    reopens the receivable, books the return and the bank's charge, and passes the
 *    charge on to the member;
 * 3. a debit with the end-to-end id of a claim in a payout run pays that claim;
 * 4. a transfer naming a receivable, a member number, or from a mandate's IBAN settles
 *    that member's unpaid receivables when the amount fits them exactly;
 * 5. money entered by hand and waiting on Geldtransit is settled by the line with its
 *    amount, near its date, from the same payer (`transit-match.ts`);
 * everything else stays unmatched for a person. Every match is booked.
 */
@Injectable()
export class MatchingService {
  constructor(
    private readonly receivables: ReceivablesService,
    private readonly ledger: LedgerService,
    private readonly statements: BankStatementRepository,
    private readonly payouts: PayoutRunsService,
    private readonly transit: TransitRepository,
  ) {}

  async autoMatch(m: EntityManager, ctx: BankContext, txs: BankTransaction[]): Promise<number> {
    const { organisationId } = ctx;
    const e2e = [...new Set(txs.flatMap((t) => (t.endToEndId ? [t.endToEndId] : [])))];
    const remittanceRefs = [
      ...new Set(
        txs.flatMap((t) =>
          t.amountCents > 0 && t.remittance ? (t.remittance.match(RECEIVABLE_REF) ?? []) : [],
        ),
      ),
    ];
    const byE2e = new Map(
      (await this.receivables.byEndToEndIds(m, organisationId, [...e2e, ...remittanceRefs])).map(
        (r) => [r.endToEndId, r],
      ),
    );
    const state = new Map<string, Receivable['status']>();
    const statusOf = (r: Receivable) => state.get(r.id) ?? r.status;
    const planned: PlannedMatch[] = [];
    const leftover: BankTransaction[] = [];
    const returns: { tx: BankTransaction; r: Receivable }[] = [];

    // Entries in statement order: a collection and its return may arrive in one statement.
    const byEntry = new Map<number, BankTransaction[]>();
    for (const t of txs) byEntry.set(t.entryNo, [...(byEntry.get(t.entryNo) ?? []), t]);
    for (const entryTxs of byEntry.values()) {
      const collected: { tx: BankTransaction; r: Receivable }[] = [];
      for (const tx of entryTxs) {
        const r = tx.endToEndId ? byE2e.get(tx.endToEndId) : undefined;
        if (
          tx.amountCents > 0 &&
          r &&
          ['submitted', 'open', 'returned'].includes(statusOf(r)) &&
          r.amountCents === tx.amountCents &&
          !tx.returnReason
        ) {
          collected.push({ tx, r });
          state.set(r.id, 'settled');
        } else if (tx.amountCents < 0 && r && (tx.returnReason || r.mandateId)) {
          // A return: planned once its collection is settled — which, for a batch booked
          // without details in the same statement, happens only after the batches below.
          returns.push({ tx, r });
        } else leftover.push(tx);
      }
      if (collected.length) {
        const sum = collected.reduce((s, c) => s + c.tx.amountCents, 0);
        planned.push({
          txIds: collected.map((c) => c.tx.id),
          kind: collected.every((c) => c.r.mandateId) ? 'direct_debit' : 'receivables',
          posting: this.posting(
            ctx,
            collected[0].tx.bookedOn,
            collected.length > 1
              ? `Lastschrifteinzug ${collected.length} Beitraege`
              : `Zahlung ${collected[0].r.memberNo}`,
            [
              { account: ctx.ledgerAccount, side: 'debit', amountCents: sum, sphere: 1 },
              { account: FEE_ACCOUNTS.receivable, side: 'credit', amountCents: sum, sphere: 1 },
            ],
          ),
          settle: collected.map((c) => c.r),
        });
      }
    }

    const afterPayouts = await this.matchPayouts(m, ctx, leftover, planned);
    const afterTransfers = await this.matchBatchesAndTransfers(
      m,
      ctx,
      afterPayouts,
      state,
      planned,
    );
    for (const { tx, r } of returns) {
      const returned = statusOf(r) === 'settled' ? this.planReturn(ctx, tx, r) : undefined;
      if (returned) {
        state.set(r.id, 'returned');
        planned.push(returned);
      } else afterTransfers.push(tx);
    }
    const rest = await this.matchTransit(m, ctx, afterTransfers, planned);
    // The transactions are not stored yet: their match goes in with them (no second write).
    const byId = new Map(txs.map((t) => [t.id, t]));
    for (const mark of await this.book(m, ctx, planned))
      Object.assign(byId.get(mark.id)!, {
        status: 'matched',
        matchedAs: mark.kind,
        journalEntryId: mark.journalEntryId,
      });
    return txs.length - rest.length;
  }

  /**
   * A returned collection: the receivable is open again (12100 against the bank), the
   * bank's charge is booked (68550) and passed on to the member. Undefined when the line's
   * amount is not the receivable plus the charge.
   */
  planReturn(ctx: BankContext, tx: BankTransaction, r: Receivable): PlannedMatch | undefined {
    const charges = tx.chargesCents || Math.max(0, -tx.amountCents - r.amountCents);
    if (-tx.amountCents !== r.amountCents + charges) return undefined;
    return {
      txIds: [tx.id],
      kind: 'return',
      posting: this.posting(
        ctx,
        tx.bookedOn,
        `Rücklastschrift ${tx.returnReason ?? ''} ${r.memberNo}`,
        [
          {
            account: FEE_ACCOUNTS.receivable,
            side: 'debit',
            amountCents: r.amountCents,
            sphere: 1,
          },
          ...(charges
            ? [
                {
                  account: BANK_CHARGES_ACCOUNT,
                  side: 'debit' as const,
                  amountCents: charges,
                  sphere: 1 as const,
                },
              ]
            : []),
          { account: ctx.ledgerAccount, side: 'credit', amountCents: -tx.amountCents, sphere: 1 },
        ],
      ),
      returned: {
        receivable: r,
        reason: tx.returnReason,
        chargesCents: charges,
        on: tx.bookedOn,
        txId: tx.id,
      },
    };
  }

  /** Lines that settle money entered by hand (Geldtransit). Returns the rest. */
  private async matchTransit(
    m: EntityManager,
    ctx: BankContext,
    txs: BankTransaction[],
    planned: PlannedMatch[],
  ): Promise<BankTransaction[]> {
    if (!txs.length) return txs;
    let open = await this.transit.open(m, ctx.organisationId, [
      ...new Set(txs.map((t) => t.amountCents)),
    ]);
    const rest: BankTransaction[] = [];
    for (const tx of txs) {
      const item = transitMatch(tx, open);
      if (!item) {
        rest.push(tx);
        continue;
      }
      open = open.filter((i) => i !== item);
      planned.push(this.transitSettlement(ctx, tx, item));
    }
    return rest;
  }

  /** The booking that moves a hand booking's money from Geldtransit to the bank account. */
  transitSettlement(ctx: BankContext, tx: BankTransaction, item: TransitItem): PlannedMatch {
    const amount = Math.abs(tx.amountCents);
    const incoming = tx.amountCents > 0;
    return {
      txIds: [tx.id],
      kind: 'transit',
      posting: this.posting(ctx, tx.bookedOn, `Geldtransit ${item.donorName ?? item.text}`, [
        {
          account: ctx.ledgerAccount,
          side: incoming ? 'debit' : 'credit',
          amountCents: amount,
          sphere: 1,
        },
        {
          account: TRANSIT_ACCOUNT,
          side: incoming ? 'credit' : 'debit',
          amountCents: amount,
          sphere: 1,
        },
      ]),
      transitEntryId: item.entryId,
    };
  }

  /** Debits carrying the end-to-end id of a claim in a payout run: the payable is paid. Returns the rest. */
  private async matchPayouts(
    m: EntityManager,
    ctx: BankContext,
    txs: BankTransaction[],
    planned: PlannedMatch[],
  ): Promise<BankTransaction[]> {
    const debits = txs.filter((t) => t.amountCents < 0 && t.endToEndId && !t.returnReason);
    if (!debits.length) return txs;
    const claims = new Map(
      (
        await this.payouts.inPayout(
          m,
          ctx.organisationId,
          debits.map((t) => t.endToEndId!),
        )
      ).map((c) => [c.endToEndId, c]),
    );
    const matched = new Set<string>();
    for (const tx of debits) {
      const claim = claims.get(tx.endToEndId!);
      if (!claim || claim.amountCents !== -tx.amountCents) continue;
      claims.delete(tx.endToEndId!);
      matched.add(tx.id);
      planned.push({
        txIds: [tx.id],
        kind: 'payout',
        posting: this.posting(ctx, tx.bookedOn, `Auszahlung ${claim.payeeName}`, [
          {
            account: FUNDING_ACCOUNTS.payable,
            side: 'debit',
            amountCents: claim.amountCents,
            sphere: 1,
          },
          { account: ctx.ledgerAccount, side: 'credit', amountCents: claim.amountCents, sphere: 1 },
        ]),
        paidClaimId: claim.id,
      });
    }
    return txs.filter((t) => !matched.has(t.id));
  }

  /** Batches without details, and transfers by reference, member number or IBAN. Returns the rest. */
  private async matchBatchesAndTransfers(
    m: EntityManager,
    ctx: BankContext,
    txs: BankTransaction[],
    state: Map<string, Receivable['status']>,
    planned: PlannedMatch[],
  ): Promise<BankTransaction[]> {
    const credits = txs.filter((t) => t.amountCents > 0);
    const batchIds = [
      ...new Set(
        credits.flatMap((t) => (t.paymentInfoId && !t.endToEndId ? [t.paymentInfoId] : [])),
      ),
    ];
    const batches = new Map<string, Receivable[]>();
    if (batchIds.length) {
      const rows = await m.query<{ pmt: string; id: string }[]>(
        `SELECT f.sepa_message_id || '-' || r.sepa_sequence AS pmt, r.id FROM receivables r JOIN fee_runs f ON f.id = r.fee_run_id
          WHERE r.organisation_id = $1 AND f.sepa_message_id || '-' || r.sepa_sequence = ANY($2::text[]) AND r.status = 'submitted'`,
        [ctx.organisationId, batchIds],
      );
      const all = await this.receivables.byIds(
        m,
        ctx.organisationId,
        rows.map((r) => r.id),
      );
      const pmtOf = new Map(rows.map((r) => [r.id, r.pmt]));
      for (const r of all)
        batches.set(pmtOf.get(r.id)!, [...(batches.get(pmtOf.get(r.id)!) ?? []), r]);
    }

    // Member candidates: by a member number named in the text, or by the payer's IBAN.
    const tokens = [...new Set(credits.flatMap(referenceWords))];
    const ibans = [
      ...new Set(credits.flatMap((t) => (t.counterpartyIban ? [t.counterpartyIban] : []))),
    ];
    const members = await m.query<{ id: string; memberNo: string; iban: string | null }[]>(
      `SELECT mb.id, mb.member_no AS "memberNo", NULL AS iban FROM members mb WHERE mb.organisation_id = $1
          AND (mb.member_no = ANY($2::text[]) OR upper(replace(mb.member_no, '-', '')) = ANY($2::text[]))
       UNION ALL
       SELECT DISTINCT s.member_id, mb.member_no, s.iban FROM sepa_mandates s JOIN members mb ON mb.id = s.member_id
        WHERE s.organisation_id = $1 AND s.iban = ANY($3::text[])`,
      [ctx.organisationId, tokens, ibans],
    );
    const byNo = new Map(
      members
        .filter((x) => !x.iban)
        .flatMap((x) => [
          [x.memberNo, x.id] as const,
          [x.memberNo.replace(/-/g, '').toUpperCase(), x.id] as const,
        ]),
    );
    const byIban = new Map<string, Set<string>>();
    for (const x of members.filter((x) => x.iban))
      byIban.set(x.iban!, new Set([...(byIban.get(x.iban!) ?? []), x.id]));
    const unpaid = await this.receivables.unpaidOf(m, ctx.organisationId, [
      ...new Set(members.map((x) => x.id)),
    ]);
    const unpaidOf = new Map<string, Receivable[]>();
    for (const r of unpaid) unpaidOf.set(r.memberId, [...(unpaidOf.get(r.memberId) ?? []), r]);

    const unmatched: BankTransaction[] = [];
    for (const tx of txs) {
      const settle =
        tx.amountCents > 0 ? this.fit(tx, batches, byNo, byIban, unpaidOf, state) : undefined;
      if (!settle) {
        unmatched.push(tx);
        continue;
      }
      settle.forEach((r) => state.set(r.id, 'settled'));
      planned.push({
        txIds: [tx.id],
        kind: settle.every((r) => r.status === 'submitted') ? 'direct_debit' : 'receivables',
        posting: this.posting(
          ctx,
          tx.bookedOn,
          settle.length > 1 && tx.paymentInfoId
            ? `Lastschrifteinzug ${settle.length} Beitraege`
            : `Zahlung ${settle[0].memberNo}`,
          [
            { account: ctx.ledgerAccount, side: 'debit', amountCents: tx.amountCents, sphere: 1 },
            {
              account: FEE_ACCOUNTS.receivable,
              side: 'credit',
              amountCents: tx.amountCents,
              sphere: 1,
            },
          ],
        ),
        settle,
      });
    }
    return unmatched;
  }

  /** The receivables a credit pays exactly, if there is one clear answer. */
  private fit(
    tx: BankTransaction,
    batches: Map<string, Receivable[]>,
    byNo: Map<string, string>,
    byIban: Map<string, Set<string>>,
    unpaidOf: Map<string, Receivable[]>,
    state: Map<string, Receivable['status']>,
  ): Receivable[] | undefined {
    const open = (list: Receivable[]) =>
      list.filter((r) => (state.get(r.id) ?? r.status) !== 'settled');
    if (tx.paymentInfoId && !tx.endToEndId && batches.has(tx.paymentInfoId)) {
      const batch = open(batches.get(tx.paymentInfoId)!);
      if (batch.reduce((s, r) => s + r.amountCents, 0) === tx.amountCents) return batch;
    }
    const named = referenceWords(tx).flatMap((w) => (byNo.has(w) ? [byNo.get(w)!] : []));
    const candidates = new Set(
      named.length ? named : [...(byIban.get(tx.counterpartyIban ?? '') ?? [])],
    );
    if (candidates.size !== 1) return undefined;
    const list = open(unpaidOf.get([...candidates][0]) ?? []).filter(
      (r) => r.status !== 'submitted',
    );
    if (list.reduce((s, r) => s + r.amountCents, 0) === tx.amountCents && list.length) return list;
    const single = list.filter((r) => r.amountCents === tx.amountCents);
    return single.length ? [single[0]] : undefined;
  }

  /** Books planned matches of stored transactions and records them. */
  async execute(m: EntityManager, ctx: BankContext, planned: PlannedMatch[]): Promise<void> {
    await this.statements.markMatched(m, await this.book(m, ctx, planned), ctx.userId);
  }

  /** Books the planned matches (one postMany) and updates the receivables; returns what matched how. */
  private async book(
    m: EntityManager,
    ctx: BankContext,
    planned: PlannedMatch[],
  ): Promise<{ id: string; kind: MatchKind; journalEntryId: string }[]> {
    if (!planned.length) return [];
    const entries = await this.ledger.postMany(
      m,
      ctx.organisationId,
      ctx.userId,
      // The booking belongs to the (first) transaction it books: reversed only with it.
      planned.map((p) => ({ ...p.posting, sourceId: p.txIds[0] })),
    );
    const marks: { id: string; kind: MatchKind; journalEntryId: string }[] = [];
    const settlements: Parameters<ReceivablesService['settle']>[1] = [];
    const paid: { claimId: string; entryId: string }[] = [];
    const transit: { entryId: string; bankTransactionId: string; settledByEntryId: string }[] = [];
    for (let i = 0; i < planned.length; i++) {
      const p = planned[i];
      const journalEntryId = entries[i].id;
      for (const receivable of p.settle ?? [])
        settlements.push({
          receivable,
          by: {
            bankTransactionId: p.txIds.length === 1 ? p.txIds[0] : null,
            on: p.posting.bookedOn,
            journalEntryId,
          },
        });
      if (p.returned) {
        // Settlements before a return go first: a collection and its return can share a statement.
        await this.receivables.settle(m, settlements.splice(0));
        const { receivable, reason, chargesCents, on, txId } = p.returned;
        await this.receivables.markReturned(m, receivable, reason, {
          bankTransactionId: txId,
          on,
          journalEntryId,
        });
        if (chargesCents > 0)
          await this.receivables.charge(m, ctx.organisationId, ctx.userId, {
            memberId: receivable.memberId,
            memberNo: receivable.memberNo,
            kind: 'return_fee',
            amountCents: chargesCents,
            on,
            description: `Rücklastschriftgebühr ${reason ?? ''} ${receivable.memberNo}`.replace(
              /\s+/g,
              ' ',
            ),
          });
      }
      if (p.paidClaimId) paid.push({ claimId: p.paidClaimId, entryId: journalEntryId });
      if (p.transitEntryId)
        transit.push({
          entryId: p.transitEntryId,
          bankTransactionId: p.txIds[0],
          settledByEntryId: journalEntryId,
        });
      for (const id of p.txIds) marks.push({ id, kind: p.kind, journalEntryId });
    }
    if (paid.length)
      await this.payouts.markPaid(
        m,
        paid.map((p) => p.claimId),
        paid.map((p) => p.entryId),
      );
    await this.receivables.settle(m, settlements);
    await this.transit.settle(m, ctx.organisationId, transit, ctx.userId);
    return marks;
  }

  /** A manual booking of one transaction against an account. */
  async postAndMark(
    m: EntityManager,
    ctx: BankContext,
    txId: string,
    text: string,
    lines: PostingInput['lines'],
    on: string,
  ) {
    const entries = await this.ledger.postMany(m, ctx.organisationId, ctx.userId, [
      { ...this.posting(ctx, on, text, lines), sourceId: txId },
    ]);
    await this.statements.markMatched(
      m,
      [{ id: txId, kind: 'account', journalEntryId: entries[0].id }],
      ctx.userId,
    );
    return entries;
  }

  posting(ctx: BankContext, on: string, text: string, lines: PostingInput['lines']): PostingInput {
    return {
      bookedOn: on,
      documentOn: on,
      documentNo: `KA-${ctx.statementRef}`.slice(0, 36),
      text: text.slice(0, 60),
      source: 'bank',
      lines,
    };
  }
}

/**
 * The words of a line that may name a member or an invoice: those with a digit in the
 * remittance text, and a structured creditor reference — an RF reference by its payload
 * (an RF reference for member M-00002 carries M00002).
 */
function referenceWords(tx: BankTransaction): string[] {
  const words = (tx.remittance ?? '')
    .split(/[\s,;:]+/)
    .map((w) => w.replace(/[.)]+$/, ''))
    .filter((w) => /\d/.test(w) && w.length <= 35);
  const payload = creditorReferencePayload(tx.creditorRef);
  return [...words, ...(tx.creditorRef ? [tx.creditorRef] : []), ...(payload ? [payload] : [])];
}
