import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { uuidv7 } from '@dachwerk/shared';
import type { ParsedStatement } from './camt053';

export type MatchKind =
  'receivables' | 'direct_debit' | 'return' | 'donation' | 'account' | 'payout' | 'transit';

export interface BankTransaction {
  id: string;
  statementId: string;
  entryNo: number;
  txNo: number;
  amountCents: number;
  bookedOn: string;
  originalAmountCents: number | null;
  originalCurrency: string | null;
  chargesCents: number;
  endToEndId: string | null;
  mandateRef: string | null;
  paymentInfoId: string | null;
  counterpartyName: string | null;
  counterpartyIban: string | null;
  remittance: string | null;
  creditorRef: string | null;
  returnReason: string | null;
  /** not_booked: pending, information only or in another currency — never matched or booked. */
  status: 'unmatched' | 'matched' | 'ignored' | 'not_booked';
  matchedAs: MatchKind | null;
  journalEntryId: string | null;
  note: string | null;
}

export interface StatementSummary {
  id: string;
  bankAccountId: string;
  iban: string;
  messageVersion: string;
  statementRef: string;
  electronicSeq: number | null;
  fromOn: string | null;
  toOn: string | null;
  openingBalanceCents: number | null;
  closingBalanceCents: number | null;
  entryCount: number;
  transactionCount: number;
  matchedCount: number;
  unmatchedCount: number;
  filename: string | null;
  importedAt: Date;
}

export interface StatementEntry {
  entryNo: number;
  amountCents: number;
  bookedOn: string;
  valueOn: string | null;
  isReversal: boolean;
  status: string;
  bankRef: string | null;
  paymentInfoId: string | null;
  transactionCount: number;
}

/** What continuity is checked on: the neighbours of a statement on the same account. */
export interface StatementFacts {
  statementRef: string;
  electronicSeq: number | null;
  fromOn: string | null;
  toOn: string | null;
  openingCents: number | null;
  closingCents: number | null;
}

export const TX_SELECT = `SELECT t.id, e.statement_id AS "statementId", e.entry_no AS "entryNo", t.tx_no AS "txNo",
    t.amount_cents::float8 AS "amountCents", to_char(t.booked_on, 'YYYY-MM-DD') AS "bookedOn",
    t.original_amount_cents::float8 AS "originalAmountCents", t.original_currency AS "originalCurrency",
    t.charges_cents::float8 AS "chargesCents", t.end_to_end_id AS "endToEndId", t.mandate_ref AS "mandateRef",
    e.payment_info_id AS "paymentInfoId", t.counterparty_name AS "counterpartyName", t.counterparty_iban AS "counterpartyIban",
    t.remittance, t.creditor_ref AS "creditorRef", t.return_reason AS "returnReason", t.status, t.matched_as AS "matchedAs", t.journal_entry_id AS "journalEntryId", t.note
  FROM bank_transactions t JOIN bank_entries e ON e.id = t.entry_id`;

const SUMMARY = `SELECT s.id, s.bank_account_id AS "bankAccountId", b.iban, s.message_version AS "messageVersion",
    s.statement_ref AS "statementRef", s.electronic_seq::int AS "electronicSeq", to_char(s.from_on, 'YYYY-MM-DD') AS "fromOn",
    to_char(s.to_on, 'YYYY-MM-DD') AS "toOn", s.opening_balance_cents::float8 AS "openingBalanceCents",
    s.closing_balance_cents::float8 AS "closingBalanceCents", s.entry_count AS "entryCount",
    c.total AS "transactionCount", c.matched AS "matchedCount", c.unmatched AS "unmatchedCount",
    s.filename, s.imported_at AS "importedAt"
  FROM bank_statements s JOIN organisation_bank_accounts b ON b.id = s.bank_account_id
  CROSS JOIN LATERAL (SELECT count(*)::int AS total, count(*) FILTER (WHERE t.status = 'matched')::int AS matched,
                             count(*) FILTER (WHERE t.status = 'unmatched')::int AS unmatched
                        FROM bank_entries e JOIN bank_transactions t ON t.entry_id = e.id WHERE e.statement_id = s.id) c`;

type Db = EntityManager | DataSource;

/** All SQL on statements, entries and transactions. What the bank said is written once. */
@Injectable()
export class BankStatementRepository {
  constructor(readonly db: DataSource) {}

  /** Statements of an organisation, newest first; filters: account, and a range the statement's period overlaps. */
  async list(
    organisationId: string,
    filter: { bankAccountId?: string; from?: string; to?: string },
    skip: number,
    take: number,
  ): Promise<[StatementSummary[], number]> {
    const where = `s.organisation_id = $1 AND ($2::uuid IS NULL OR s.bank_account_id = $2)
      AND ($3::date IS NULL OR COALESCE(s.to_on, s.from_on, s.imported_at::date) >= $3)
      AND ($4::date IS NULL OR COALESCE(s.from_on, s.to_on, s.imported_at::date) <= $4)`;
    const params = [
      organisationId,
      filter.bankAccountId ?? null,
      filter.from ?? null,
      filter.to ?? null,
    ];
    const rows = await this.db.query<StatementSummary[]>(
      `${SUMMARY} WHERE ${where} ORDER BY s.to_on DESC NULLS LAST, s.imported_at DESC, s.id OFFSET $5 LIMIT $6`,
      [...params, skip, take],
    );
    const [{ n }] = await this.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM bank_statements s WHERE ${where}`,
      params,
    );
    return [rows, n];
  }

  async find(db: Db, organisationId: string, id: string): Promise<StatementSummary | undefined> {
    const [row] = await db.query<StatementSummary[]>(
      `${SUMMARY} WHERE s.organisation_id = $1 AND s.id = $2`,
      [organisationId, id],
    );
    return row;
  }

  entriesOf(db: Db, statementId: string): Promise<StatementEntry[]> {
    return db.query(
      `SELECT entry_no AS "entryNo", amount_cents::float8 AS "amountCents", to_char(booked_on, 'YYYY-MM-DD') AS "bookedOn",
              to_char(value_on, 'YYYY-MM-DD') AS "valueOn", is_reversal AS "isReversal", status, bank_ref AS "bankRef",
              payment_info_id AS "paymentInfoId", transaction_count AS "transactionCount"
         FROM bank_entries WHERE statement_id = $1 ORDER BY entry_no`,
      [statementId],
    );
  }

  /**
   * Inserts a parsed statement and its entries; returns its transactions in statement
   * order, not yet stored, so matching can fill in their match before insertTransactions.
   */
  async insert(
    m: EntityManager,
    organisationId: string,
    bankAccountId: string,
    s: ParsedStatement,
    meta: { sha256: string; contentSha256: string; filename: string | null; userId: string | null },
  ): Promise<{ statementId: string; transactions: (BankTransaction & { entryId: string })[] }> {
    const statementId = uuidv7();
    await m.query(
      `INSERT INTO bank_statements (id, organisation_id, bank_account_id, message_version, statement_ref, electronic_seq, from_on, to_on,
         opening_balance_cents, closing_balance_cents, entry_count, file_sha256, filename, imported_by, content_sha256)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [
        statementId,
        organisationId,
        bankAccountId,
        s.version,
        s.statementRef,
        s.electronicSeq,
        s.fromOn,
        s.toOn,
        s.openingCents,
        s.closingCents,
        s.entries.length,
        meta.sha256,
        meta.filename,
        meta.userId,
        meta.contentSha256,
      ],
    );
    const entryIds = s.entries.map(() => uuidv7());
    await m.query(
      `INSERT INTO bank_entries (statement_id, id, entry_no, amount_cents, currency, booked_on, value_on, is_reversal, bank_ref, payment_info_id,
         transaction_count, status)
       SELECT $1, * FROM unnest($2::uuid[], $3::int[], $4::bigint[], $5::text[], $6::date[], $7::date[], $8::boolean[], $9::text[], $10::text[],
         $11::int[], $12::text[])`,
      [
        statementId,
        entryIds,
        s.entries.map((e) => e.entryNo),
        s.entries.map((e) => e.amountCents),
        s.entries.map((e) => e.currency),
        s.entries.map((e) => e.bookedOn),
        s.entries.map((e) => e.valueOn),
        s.entries.map((e) => e.isReversal),
        s.entries.map((e) => e.bankRef),
        s.entries.map((e) => e.paymentInfoId),
        s.entries.map((e) => e.transactions.length),
        s.entries.map((e) => e.status),
      ],
    );
    const transactions = s.entries.flatMap((e, i) =>
      e.transactions.map((t, j) => ({
        id: uuidv7(),
        statementId,
        entryNo: e.entryNo,
        txNo: j + 1,
        amountCents: t.amountCents,
        bookedOn: e.bookedOn,
        originalAmountCents: t.originalAmountCents,
        originalCurrency: t.originalCurrency,
        chargesCents: t.chargesCents,
        endToEndId: t.endToEndId,
        mandateRef: t.mandateRef,
        paymentInfoId: t.paymentInfoId,
        counterpartyName: t.counterpartyName,
        counterpartyIban: t.counterpartyIban,
        remittance: t.remittance,
        creditorRef: t.creditorRef,
        returnReason: t.returnReason,
        status: e.isSettled ? ('unmatched' as const) : ('not_booked' as const),
        matchedAs: null,
        journalEntryId: null,
        note: e.isSettled
          ? null
          : `not booked: status ${e.status}${e.currency !== s.currency ? `, in ${e.currency}` : ''}`,
        entryId: entryIds[i],
      })),
    );
    return { statementId, transactions };
  }

  /** Stores a statement's transactions with whatever matching decided, 10,000 per statement. */
  async insertTransactions(
    m: EntityManager,
    organisationId: string,
    transactions: (BankTransaction & { entryId: string })[],
    userId: string | null,
  ): Promise<void> {
    for (let start = 0; start < transactions.length; start += 10_000) {
      const part = transactions.slice(start, start + 10_000);
      const c = <K extends keyof BankTransaction | 'entryId'>(k: K) => part.map((t) => t[k]);
      await m.query(
        `INSERT INTO bank_transactions (organisation_id, id, entry_id, tx_no, amount_cents, booked_on, original_amount_cents, original_currency,
           charges_cents, end_to_end_id, mandate_ref, counterparty_name, counterparty_iban, remittance, return_reason,
           status, matched_as, journal_entry_id, creditor_ref, note, matched_by, matched_at)
         SELECT $1, x.*, CASE WHEN x.status = 'matched' THEN $21::uuid END, CASE WHEN x.status = 'matched' THEN now() END
           FROM unnest($2::uuid[], $3::uuid[], $4::int[], $5::bigint[], $6::date[], $7::bigint[], $8::text[], $9::bigint[],
                       $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::uuid[],
                       $19::text[], $20::text[])
             AS x(id, entry_id, tx_no, amount_cents, booked_on, original_amount_cents, original_currency, charges_cents, end_to_end_id,
                  mandate_ref, counterparty_name, counterparty_iban, remittance, return_reason, status, matched_as, journal_entry_id,
                  creditor_ref, note)`,
        [
          organisationId,
          c('id'),
          c('entryId'),
          c('txNo'),
          c('amountCents'),
          c('bookedOn'),
          c('originalAmountCents'),
          c('originalCurrency'),
          c('chargesCents'),
          c('endToEndId'),
          c('mandateRef'),
          c('counterpartyName'),
          c('counterpartyIban'),
          c('remittance'),
          c('returnReason'),
          c('status'),
          c('matchedAs'),
          c('journalEntryId'),
          c('creditorRef'),
          c('note'),
          userId,
        ],
      );
    }
  }

  /**
   * The statements of an account just before and just after a day (and electronic
   * number, where the bank gives one): the neighbours a new statement must join up with.
   */
  async neighbours(
    m: EntityManager,
    bankAccountId: string,
    on: string,
    seq: number | null,
  ): Promise<{ previous?: StatementFacts; next?: StatementFacts }> {
    const facts = `SELECT statement_ref AS "statementRef", electronic_seq::float8 AS "electronicSeq",
        to_char(from_on, 'YYYY-MM-DD') AS "fromOn", to_char(to_on, 'YYYY-MM-DD') AS "toOn",
        opening_balance_cents::float8 AS "openingCents", closing_balance_cents::float8 AS "closingCents"
      FROM bank_statements s CROSS JOIN LATERAL (SELECT COALESCE(s.to_on, s.from_on,
             (SELECT max(e.booked_on) FROM bank_entries e WHERE e.statement_id = s.id)) AS d, COALESCE(s.electronic_seq, -1) AS seq) k
      WHERE s.bank_account_id = $1`;
    const [previous] = await m.query<StatementFacts[]>(
      `${facts} AND (k.d, k.seq) < ($2::date, COALESCE($3::bigint, -1)) ORDER BY k.d DESC, k.seq DESC LIMIT 1`,
      [bankAccountId, on, seq],
    );
    const [next] = await m.query<StatementFacts[]>(
      `${facts} AND (k.d, k.seq) > ($2::date, COALESCE($3::bigint, -1)) ORDER BY k.d, k.seq LIMIT 1`,
      [bankAccountId, on, seq],
    );
    return { previous, next };
  }

  /** Records matches in one statement: status, kind and the journal entry of each. */
  async markMatched(
    m: EntityManager,
    matches: { id: string; kind: MatchKind; journalEntryId: string | null; note?: string | null }[],
    userId: string | null,
  ): Promise<void> {
    if (!matches.length) return;
    await m.query(
      `UPDATE bank_transactions t SET status = 'matched', matched_as = x.kind, journal_entry_id = x.entry, note = COALESCE(x.note, t.note),
              matched_by = $5, matched_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[]) AS x(id, kind, entry, note) WHERE t.id = x.id`,
      [
        matches.map((x) => x.id),
        matches.map((x) => x.kind),
        matches.map((x) => x.journalEntryId),
        matches.map((x) => x.note ?? null),
        userId,
      ],
    );
  }
}
