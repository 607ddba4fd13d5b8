import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@dachwerk/audit';
import { DonationsService } from '@dachwerk/donations';
import { FEE_ACCOUNTS, ReceivablesService } from '@dachwerk/membership';
import {
  assertOrganisationRole,
  DomainError,
  germanAmount,
  notFound,
  pageOf,
  pageWindow,
  resolveIn,
  Transactions,
  type Actor,
  type Page,
} from '@dachwerk/shared';
import { BankStatementRepository, BankTransaction, TX_SELECT } from './bank-statement.repository';
import { BANKING_READERS } from './bank-statements.service';
import type { BankTransactionQueryDto, MatchTransactionDto } from './dto/banking.dto';
import { MatchingService } from './matching.service';
import { samePayer, transitCandidates } from './transit-match';
import { TransitRepository } from './transit.repository';

export interface Suggestion {
  /** transit: money entered by hand, waiting on Geldtransit; id is its journal entry. */
  kind: 'member' | 'donor' | 'transit';
  id: string;
  name: string;
  reason: 'iban' | 'name' | 'member-number' | 'amount';
  /** For transit: the hand booking's day and amount. */
  bookedOn?: string;
  amountCents?: number;
  /** For members: their unpaid receivables and the sum. */
  receivableIds?: string[];
  openCents?: number;
}

/** A donor as the bank line names them, for a person to check and save. */
export interface DonorDraft {
  kind: 'person' | 'organisation';
  firstName?: string;
  lastName?: string;
  organisationName?: string;
  iban: string | null;
}

const ORGANISATION_WORDS =
  /\b(e\.?\s?V\.?|g?GmbH|AG|KG|OHG|UG|eG|Stiftung|Verein|Verband|Gemeinde|Stadt|Inc\.?|Ltd\.?|GbR)\b/i;

/** The donor a line names: an organisation by its legal form, else a person (last word = last name). */
export function donorDraft(tx: BankTransaction): DonorDraft | null {
  const name = (tx.counterpartyName ?? '').replace(/\s+/g, ' ').trim();
  if (!name) return null;
  if (ORGANISATION_WORDS.test(name))
    return { kind: 'organisation', organisationName: name, iban: tx.counterpartyIban };
  const words = name.split(' ');
  return {
    kind: 'person',
    ...(words.length > 1 ? { firstName: words.slice(0, -1).join(' ') } : {}),
    lastName: words[words.length - 1],
    iban: tx.counterpartyIban,
  };
}

/**
 * The queue of transactions matching could not place, and what a person does with
 * them: pay receivables, confirm a donation, book against an account, or ignore with
 * a reason. Each resolution is booked and audited in one transaction.
 */
@Injectable()
export class BankTransactionsService {
  constructor(
    private readonly db: DataSource,
    private readonly statements: BankStatementRepository,
    private readonly matching: MatchingService,
    private readonly receivables: ReceivablesService,
    private readonly donations: DonationsService,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly transit: TransitRepository,
  ) {}

  async list(
    actor: Actor,
    organisationId: string,
    q: BankTransactionQueryDto,
  ): Promise<Page<BankTransaction>> {
    assertOrganisationRole(actor, organisationId, BANKING_READERS);
    const { skip, take } = pageWindow(q);
    // Search folds umlauts and accents on both sides: "Ueberweiser" finds "Überweiser".
    const where = `t.organisation_id = $1 AND ($2::text IS NULL OR t.status = $2) AND ($3::uuid IS NULL OR e.statement_id = $3)
      AND ($4::text IS NULL OR fold_text(concat_ws(' ', t.counterparty_name, t.counterparty_iban, t.remittance, t.creditor_ref, t.end_to_end_id))
           LIKE '%' || fold_text($4) || '%')`;
    const params = [organisationId, q.status ?? null, q.statementId ?? null, q.search ?? null];
    const items = await this.db.query<BankTransaction[]>(
      `${TX_SELECT} WHERE ${where} ORDER BY t.booked_on, e.entry_no, t.tx_no, t.id OFFSET $5 LIMIT $6`,
      [...params, skip, take],
    );
    const [{ n }] = await this.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM bank_transactions t JOIN bank_entries e ON e.id = t.entry_id WHERE ${where}`,
      params,
    );
    return pageOf(items, n, q);
  }

  async get(
    actor: Actor,
    organisationId: string,
    id: string,
  ): Promise<BankTransaction & { suggestions: Suggestion[]; donorDraft: DonorDraft | null }> {
    assertOrganisationRole(actor, organisationId, BANKING_READERS);
    const [tx] = await this.db.query<BankTransaction[]>(
      `${TX_SELECT} WHERE t.organisation_id = $1 AND t.id = $2`,
      [organisationId, id],
    );
    if (!tx) throw notFound('Bank transaction', id);
    const suggestions = tx.status === 'unmatched' ? await this.suggest(organisationId, tx) : [];
    return {
      ...tx,
      suggestions,
      // Money from someone not yet a donor: the new donor, filled in from the line.
      donorDraft:
        tx.status === 'unmatched' &&
        tx.amountCents > 0 &&
        !suggestions.some((s) => s.kind === 'donor')
          ? donorDraft(tx)
          : null,
    };
  }

  async match(
    actor: Actor,
    organisationId: string,
    id: string,
    input: MatchTransactionDto,
  ): Promise<BankTransaction> {
    assertOrganisationRole(actor, organisationId, ['treasurer']);
    await this.transactions.run(async (m) => {
      const [tx] = await m.query<
        (BankTransaction & { ledgerAccount: number; statementRef: string })[]
      >(
        `${TX_SELECT.replace(
          'FROM bank_transactions t JOIN bank_entries e ON e.id = t.entry_id',
          `, b.ledger_account AS "ledgerAccount", s.statement_ref AS "statementRef"
           FROM bank_transactions t JOIN bank_entries e ON e.id = t.entry_id JOIN bank_statements s ON s.id = e.statement_id
           JOIN organisation_bank_accounts b ON b.id = s.bank_account_id`,
        )} WHERE t.organisation_id = $1 AND t.id = $2 FOR UPDATE OF t`,
        [organisationId, id],
      );
      if (!tx) throw notFound('Bank transaction', id);
      if (tx.status !== 'unmatched')
        throw new DomainError(
          'TRANSACTION_NOT_UNMATCHED',
          `The transaction is ${tx.status} already`,
          {},
          409,
        );
      const ctx = {
        organisationId,
        userId: actor.userId,
        ledgerAccount: tx.ledgerAccount,
        statementRef: tx.statementRef,
      };
      const amount = Math.abs(tx.amountCents);
      // The body's single ids first, in this organisation (404 otherwise); then the rules.
      const returned =
        input.kind === 'return'
          ? await resolveIn(
              'Receivable',
              input.receivableId!,
              async () =>
                (await this.receivables.byIds(m, organisationId, [input.receivableId!]))[0],
              'receivableId',
            )
          : undefined;
      if (input.kind === 'transit')
        await resolveIn(
          'Journal entry',
          input.transitEntryId!,
          async () =>
            (
              await m.query<{ id: string }[]>(
                `SELECT id FROM journal_entries WHERE organisation_id = $1 AND id = $2`,
                [organisationId, input.transitEntryId],
              )
            )[0],
          'transitEntryId',
        );
      if (input.kind === 'ignore') {
        await m.query(
          `UPDATE bank_transactions SET status = 'ignored', note = $2, matched_by = $3, matched_at = now() WHERE id = $1`,
          [id, input.note!.trim(), actor.userId],
        );
      } else if (input.kind === 'receivables') {
        if (tx.amountCents <= 0)
          throw new DomainError('MATCH_NEEDS_CREDIT', 'Only money received can pay receivables', {
            field: 'kind',
          });
        const list = await this.receivables.resolveAll(
          m,
          organisationId,
          input.receivableIds!,
          'receivableIds',
        );
        if (list.some((r) => r.status === 'settled'))
          throw new DomainError(
            'RECEIVABLE_SETTLED',
            'A receivable is settled already',
            { field: 'receivableIds' },
            409,
          );
        const sum = list.reduce((s, r) => s + r.amountCents, 0);
        if (sum !== tx.amountCents)
          throw new DomainError(
            'MATCH_AMOUNT_MISMATCH',
            `The receivables sum to ${germanAmount(sum)}, the transaction is ${germanAmount(tx.amountCents)}`,
            { field: 'receivableIds' },
          );
        await this.matching.execute(m, ctx, [
          {
            txIds: [id],
            kind: 'receivables',
            posting: this.matching.posting(ctx, tx.bookedOn, `Zahlung ${list[0].memberNo}`, [
              { account: tx.ledgerAccount, side: 'debit', amountCents: amount, sphere: 1 },
              { account: FEE_ACCOUNTS.receivable, side: 'credit', amountCents: amount, sphere: 1 },
            ]),
            settle: list,
          },
        ]);
      } else if (input.kind === 'return') {
        if (tx.amountCents >= 0)
          throw new DomainError('MATCH_NEEDS_DEBIT', 'Only money taken back can be a return', {
            field: 'kind',
          });
        const r = returned!;
        if (r.status !== 'settled')
          throw new DomainError(
            'RECEIVABLE_NOT_COLLECTED',
            `Only a collected receivable can come back; this one is ${r.status}`,
            { field: 'receivableId' },
            409,
          );
        const planned = this.matching.planReturn(ctx, tx, r);
        if (!planned)
          throw new DomainError(
            'MATCH_AMOUNT_MISMATCH',
            `The return of ${germanAmount(-tx.amountCents)} is not the receivable's ${germanAmount(r.amountCents)} plus a bank charge`,
            { field: 'receivableId' },
          );
        await this.matching.execute(m, ctx, [planned]);
      } else if (input.kind === 'transit') {
        const item = (await this.transit.open(m, organisationId, [tx.amountCents])).find(
          (i) => i.entryId === input.transitEntryId,
        );
        if (!item)
          throw new DomainError(
            'TRANSIT_NOT_OPEN',
            `No hand booking of ${germanAmount(tx.amountCents)} waits on Geldtransit under this id (settled already, reversed, or another amount)`,
            { field: 'transitEntryId' },
            409,
          );
        await this.matching.execute(m, ctx, [this.matching.transitSettlement(ctx, tx, item)]);
      } else if (input.kind === 'donation') {
        if (tx.amountCents <= 0)
          throw new DomainError('MATCH_NEEDS_CREDIT', 'Only money received can be a donation', {
            field: 'kind',
          });
        const donation = await this.donations.recordFromBank(
          m,
          actor,
          organisationId,
          {
            donorId: input.donorId!,
            kind: 'money',
            channel: 'transfer',
            receivedOn: tx.bookedOn,
            amountCents: tx.amountCents,
            purpose: tx.remittance?.slice(0, 300),
            earmark: input.earmark ?? 'general',
            earmarkPurpose: input.earmarkPurpose,
            initiativeId: input.initiativeId,
          },
          tx.ledgerAccount,
        );
        await this.statements.markMatched(
          m,
          [
            {
              id,
              kind: 'donation',
              journalEntryId: donation.journalEntryId,
              note: `donation ${donation.id}`,
            },
          ],
          actor.userId,
        );
      } else {
        const credit = tx.amountCents > 0;
        // Booking money taken back onto the receivables account would leave the receivable
        // settled and never dunned: a return goes through kind=return.
        if (!credit && input.account === FEE_ACCOUNTS.receivable)
          throw new DomainError(
            'MATCH_USE_RETURN',
            'Money taken back from members is a return: match it with kind "return" and the receivable, so it is open again and dunned',
            { field: 'account' },
          );
        await this.matching.postAndMark(
          m,
          ctx,
          id,
          input.note?.trim() || tx.remittance || 'Bankbuchung',
          [
            {
              account: tx.ledgerAccount,
              side: credit ? 'debit' : 'credit',
              amountCents: amount,
              sphere: input.sphere ?? 1,
            },
            {
              account: input.account!,
              side: credit ? 'credit' : 'debit',
              amountCents: amount,
              sphere: input.sphere,
              costCentre: input.costCentre,
            },
          ],
          tx.bookedOn,
        );
      }
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId,
        action: 'bank-transaction.matched',
        entityType: 'bank_transaction',
        entityId: id,
        data: { ...input },
      });
    });
    const [tx] = await this.db.query<BankTransaction[]>(`${TX_SELECT} WHERE t.id = $1`, [id]);
    return tx;
  }

  private async suggest(organisationId: string, tx: BankTransaction): Promise<Suggestion[]> {
    const words = (tx.remittance ?? '')
      .split(/[\s,;:]+/)
      .filter((w) => w.length >= 2 && w.length <= 20);
    const name = (tx.counterpartyName ?? '').trim();
    const members = await this.db.query<
      (Suggestion & { receivableIds: string[] | null; openCents: number | null })[]
    >(
      `WITH hits AS (
         SELECT mb.id, 'member-number' AS reason FROM members mb WHERE mb.organisation_id = $1 AND mb.member_no = ANY($2::text[])
         UNION SELECT s.member_id, 'iban' FROM sepa_mandates s WHERE s.organisation_id = $1 AND s.iban = $3
         UNION SELECT mb.id, 'name' FROM members mb WHERE mb.organisation_id = $1 AND $4 <> '' AND mb.erased_at IS NULL
               AND fold_text($4) LIKE '%' || fold_text(COALESCE(mb.last_name, mb.organisation_name)) || '%')
       SELECT 'member' AS kind, mb.id, COALESCE(mb.organisation_name, concat_ws(' ', mb.first_name, mb.last_name)) AS name, min(h.reason) AS reason,
              array_agg(r.id) FILTER (WHERE r.id IS NOT NULL) AS "receivableIds", sum(r.amount_cents)::int AS "openCents"
         FROM hits h JOIN members mb ON mb.id = h.id
         LEFT JOIN receivables r ON r.member_id = mb.id AND r.status IN ('open', 'returned')
        GROUP BY mb.id LIMIT 10`,
      [organisationId, words, tx.counterpartyIban ?? '', name],
    );
    const donors = await this.db.query<Suggestion[]>(
      `SELECT 'donor' AS kind, id, COALESCE(organisation_name, concat_ws(' ', first_name, last_name)) AS name,
              CASE WHEN iban = $2 THEN 'iban' ELSE 'name' END AS reason
         FROM donors WHERE organisation_id = $1 AND merged_into_id IS NULL
          AND (iban = $2 OR ($3 <> '' AND fold_text($3) LIKE '%' || fold_text(COALESCE(last_name, organisation_name)) || '%')) LIMIT 10`,
      [organisationId, tx.counterpartyIban ?? '', name],
    );
    const transit = await this.db.transaction((m) =>
      this.transit.open(m, organisationId, [tx.amountCents]),
    );
    return [
      ...transitCandidates(tx, transit).map((i): Suggestion => ({
        kind: 'transit',
        id: i.entryId,
        name: i.donorName ?? i.text,
        reason: samePayer(tx, i)
          ? i.donorIban === tx.counterpartyIban
            ? 'iban'
            : 'name'
          : 'amount',
        bookedOn: i.bookedOn,
        amountCents: i.amountCents,
      })),
      ...members.map((s) => ({
        ...s,
        receivableIds: s.receivableIds ?? [],
        openCents: s.openCents ?? 0,
      })),
      ...donors,
    ];
  }
}
