import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export type ReceivableKind = 'fee' | 'admission' | 'dunning_fee' | 'return_fee';
export type ReceivableStatus = 'open' | 'submitted' | 'settled' | 'returned';

export interface Receivable {
  id: string;
  memberId: string;
  memberNo: string;
  memberName: string;
  kind: ReceivableKind;
  periodStart: string | null;
  periodEnd: string | null;
  description: string;
  amountCents: number;
  dueOn: string;
  feeRunId: string | null;
  mandateId: string | null;
  endToEndId: string;
  status: ReceivableStatus;
  dunningLevel: number;
  journalEntryId: string;
}

export interface NewReceivable {
  id: string;
  memberId: string;
  kind: ReceivableKind;
  periodStart: string | null;
  periodEnd: string | null;
  description: string;
  amountCents: number;
  dueOn: string;
  feeRunId: string | null;
  mandateId: string | null;
  sepaSequence: 'FRST' | 'RCUR' | null;
  endToEndId: string;
  status: ReceivableStatus;
  journalEntryId: string;
}

export interface ReceivableEvent {
  receivableId: string;
  kind: 'raised' | 'submitted' | 'settled' | 'returned' | 'dunned';
  amountCents: number;
  occurredOn: string;
  reasonCode?: string | null;
  bankTransactionId?: string | null;
  journalEntryId?: string | null;
}

type Db = EntityManager | DataSource;

export const RECEIVABLE_SELECT = `SELECT r.id, r.member_id AS "memberId", mb.member_no AS "memberNo",
    COALESCE(mb.organisation_name, concat_ws(' ', mb.first_name, mb.last_name)) AS "memberName", r.kind,
    to_char(r.period_start, 'YYYY-MM-DD') AS "periodStart", to_char(r.period_end, 'YYYY-MM-DD') AS "periodEnd", r.description,
    r.amount_cents::int AS "amountCents", to_char(r.due_on, 'YYYY-MM-DD') AS "dueOn", r.fee_run_id AS "feeRunId",
    r.mandate_id AS "mandateId", r.end_to_end_id AS "endToEndId", r.status, r.dunning_level AS "dunningLevel",
    r.journal_entry_id AS "journalEntryId"
  FROM receivables r JOIN members mb ON mb.id = r.member_id`;

/** All SQL on receivables and their event history. */
@Injectable()
export class ReceivableRepository {
  constructor(readonly db: DataSource) {}

  async list(
    organisationId: string,
    q: { memberId?: string; feeRunId?: string; status?: string },
    skip: number,
    take: number,
  ): Promise<[Receivable[], number]> {
    const where = `r.organisation_id = $1 AND ($2::uuid IS NULL OR r.member_id = $2) AND ($3::uuid IS NULL OR r.fee_run_id = $3)
      AND ($4::text IS NULL OR r.status = $4)`;
    const params = [organisationId, q.memberId ?? null, q.feeRunId ?? null, q.status ?? null];
    const rows = await this.db.query<Receivable[]>(
      `${RECEIVABLE_SELECT} WHERE ${where} ORDER BY r.due_on, mb.member_no, r.id OFFSET $5 LIMIT $6`,
      [...params, skip, take],
    );
    const [{ n }] = await this.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM receivables r WHERE ${where}`,
      params,
    );
    return [rows, n];
  }

  byIds(db: Db, organisationId: string, ids: string[], lock = false): Promise<Receivable[]> {
    return db.query(
      `${RECEIVABLE_SELECT} WHERE r.organisation_id = $1 AND r.id = ANY($2::uuid[]) ORDER BY r.due_on, r.id ${lock ? 'FOR UPDATE OF r' : ''}`,
      [organisationId, ids],
    );
  }

  byEndToEndIds(db: Db, organisationId: string, ids: string[]): Promise<Receivable[]> {
    return db.query(
      `${RECEIVABLE_SELECT} WHERE r.organisation_id = $1 AND r.end_to_end_id = ANY($2::text[]) FOR UPDATE OF r`,
      [organisationId, ids],
    );
  }

  /** Open and returned receivables of members, oldest first — what a payment may settle. */
  unpaidOf(db: Db, organisationId: string, memberIds: string[]): Promise<Receivable[]> {
    return db.query(
      `${RECEIVABLE_SELECT} WHERE r.organisation_id = $1 AND r.member_id = ANY($2::uuid[]) AND r.status IN ('open', 'returned')
        ORDER BY r.due_on, r.id`,
      [organisationId, memberIds],
    );
  }

  async insertMany(m: EntityManager, organisationId: string, rows: NewReceivable[]): Promise<void> {
    if (!rows.length) return;
    const col = <K extends keyof NewReceivable>(k: K) => rows.map((r) => r[k]);
    await m.query(
      `INSERT INTO receivables (organisation_id, id, member_id, kind, period_start, period_end, description, amount_cents, due_on,
         fee_run_id, mandate_id, end_to_end_id, status, journal_entry_id, sepa_sequence)
       SELECT $1, * FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::date[], $6::date[], $7::text[], $8::bigint[], $9::date[],
         $10::uuid[], $11::uuid[], $12::text[], $13::text[], $14::uuid[], $15::text[])`,
      [
        organisationId,
        col('id'),
        col('memberId'),
        col('kind'),
        col('periodStart'),
        col('periodEnd'),
        col('description'),
        col('amountCents'),
        col('dueOn'),
        col('feeRunId'),
        col('mandateId'),
        col('endToEndId'),
        col('status'),
        col('journalEntryId'),
        col('sepaSequence'),
      ],
    );
  }

  async setStatus(m: EntityManager, ids: string[], status: ReceivableStatus): Promise<void> {
    if (ids.length)
      await m.query(`UPDATE receivables SET status = $2 WHERE id = ANY($1::uuid[])`, [ids, status]);
  }

  /** A returned debit: open again, due from the day of the return. */
  async reopen(m: EntityManager, id: string, dueOn: string): Promise<void> {
    await m.query(`UPDATE receivables SET status = 'returned', due_on = $2 WHERE id = $1`, [
      id,
      dueOn,
    ]);
  }

  /** Receivables raised to a dunning level on a day, each with its event. */
  async markDunned(
    m: EntityManager,
    items: { id: string; level: number }[],
    on: string,
  ): Promise<void> {
    if (!items.length) return;
    await m.query(
      `UPDATE receivables r SET dunning_level = x.level, last_dunned_on = $2
         FROM unnest($1::uuid[], $3::int[]) AS x(id, level) WHERE r.id = x.id`,
      [items.map((i) => i.id), on, items.map((i) => i.level)],
    );
    await this.addEvents(
      m,
      items.map((i) => ({ receivableId: i.id, kind: 'dunned', amountCents: 0, occurredOn: on })),
    );
  }

  async addEvents(m: EntityManager, events: ReceivableEvent[]): Promise<void> {
    if (!events.length) return;
    await m.query(
      `INSERT INTO receivable_events (receivable_id, kind, amount_cents, occurred_on, reason_code, bank_transaction_id, journal_entry_id)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::date[], $5::text[], $6::uuid[], $7::uuid[])`,
      [
        events.map((e) => e.receivableId),
        events.map((e) => e.kind),
        events.map((e) => e.amountCents),
        events.map((e) => e.occurredOn),
        events.map((e) => e.reasonCode ?? null),
        events.map((e) => e.bankTransactionId ?? null),
        events.map((e) => e.journalEntryId ?? null),
      ],
    );
  }
}
