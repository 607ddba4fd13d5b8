import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { ReceiptContent } from './receipt-content';

export interface Receipt {
  id: string;
  organisationId: string;
  year: number;
  number: string;
  kind: ReceiptContent['kind'];
  donorId: string;
  content: ReceiptContent;
  totalCents: number;
  issuedOn: string;
  replacesReceiptId: string | null;
  documentPath: string | null;
  documentSha256: Buffer | null;
  renderedAt: Date | null;
  voidedAt: Date | null;
  voidReason: string | null;
  /** The stored copy marked "UNGÜLTIG", once the worker has rendered it. */
  voidDocumentPath: string | null;
  voidDocumentSha256: Buffer | null;
  /** The number of the receipt that replaced this voided one. */
  replacedByNumber: string | null;
  donationIds: string[];
  /** For receipts of membership fees: the fee receivables. */
  receivableIds: string[];
  createdAt: Date;
}

export interface DonationForReceipt {
  id: string;
  donorId: string;
  kind: 'money' | 'in_kind' | 'expense_waiver';
  receivedOn: string;
  amountCents: number;
  corrected: boolean;
  hasValidReceipt: boolean;
  inKind: ReceiptContent['inKind'] | null;
}

const COLUMNS = `r.id, r.organisation_id AS "organisationId", r.year, r.number, r.kind, r.donor_id AS "donorId", r.content,
  r.total_cents AS "totalCents", to_char(r.issued_on, 'YYYY-MM-DD') AS "issuedOn", r.replaces_receipt_id AS "replacesReceiptId",
  r.document_path AS "documentPath", r.document_sha256 AS "documentSha256", r.rendered_at AS "renderedAt",
  r.voided_at AS "voidedAt", r.void_reason AS "voidReason", r.created_at AS "createdAt",
  r.void_document_path AS "voidDocumentPath", r.void_document_sha256 AS "voidDocumentSha256",
  (SELECT n.number FROM receipts n WHERE n.replaces_receipt_id = r.id) AS "replacedByNumber",
  ARRAY(SELECT i.donation_id FROM receipt_items i WHERE i.receipt_id = r.id AND i.donation_id IS NOT NULL
        ORDER BY i.received_on, i.donation_id) AS "donationIds",
  ARRAY(SELECT i.receivable_id FROM receipt_items i WHERE i.receipt_id = r.id AND i.receivable_id IS NOT NULL
        ORDER BY i.received_on, i.receivable_id) AS "receivableIds"`;

type Db = EntityManager | DataSource;

/** All SQL on receipts, their items and numbering. */
@Injectable()
export class ReceiptRepository {
  constructor(readonly db: DataSource) {}

  async find(
    db: Db,
    organisationId: string,
    id: string,
    lock = false,
  ): Promise<Receipt | undefined> {
    if (lock)
      await db.query(`SELECT 1 FROM receipts WHERE organisation_id = $1 AND id = $2 FOR UPDATE`, [
        organisationId,
        id,
      ]);
    const [row] = await db.query<Receipt[]>(
      `SELECT ${COLUMNS} FROM receipts r WHERE r.organisation_id = $1 AND r.id = $2`,
      [organisationId, id],
    );
    return row;
  }

  async findById(id: string): Promise<Receipt | undefined> {
    const [row] = await this.db.query<Receipt[]>(
      `SELECT ${COLUMNS} FROM receipts r WHERE r.id = $1`,
      [id],
    );
    return row;
  }

  async list(
    organisationId: string,
    year: number | undefined,
    skip: number,
    take: number,
  ): Promise<[Receipt[], number]> {
    const where = `r.organisation_id = $1 AND ($2::int IS NULL OR r.year = $2)`;
    const rows = await this.db.query<Receipt[]>(
      `SELECT ${COLUMNS} FROM receipts r WHERE ${where} ORDER BY r.year DESC, r.seq DESC OFFSET $3 LIMIT $4`,
      [organisationId, year ?? null, skip, take],
    );
    const [{ count }] = await this.db.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM receipts r WHERE ${where}`,
      [organisationId, year ?? null],
    );
    return [rows, count];
  }

  async donationsForReceipt(
    m: EntityManager,
    organisationId: string,
    ids: string[],
  ): Promise<DonationForReceipt[]> {
    return m.query<DonationForReceipt[]>(
      `SELECT d.id, COALESCE(dn.merged_into_id, dn.id) AS "donorId", d.kind, to_char(d.received_on, 'YYYY-MM-DD') AS "receivedOn",
              d.amount_cents AS "amountCents",
              EXISTS (SELECT 1 FROM donation_corrections c WHERE c.donation_id = d.id) AS corrected,
              EXISTS (SELECT 1 FROM receipt_items i WHERE i.donation_id = d.id AND NOT i.is_void) AS "hasValidReceipt",
              CASE WHEN d.kind = 'in_kind' THEN json_build_object('item', d.item, 'age', d.item_age, 'condition', d.item_condition,
                'purchasePriceCents', d.purchase_price_cents, 'valueBasis', d.value_basis,
                'isFromBusinessAssets', d.is_from_business_assets) END AS "inKind"
         FROM donations d JOIN donors dn ON dn.id = d.donor_id
        WHERE d.organisation_id = $1 AND d.id = ANY($2::uuid[])`,
      [organisationId, ids],
    );
  }

  async issuer(m: EntityManager, organisationId: string): Promise<ReceiptContent['issuer']> {
    const [row] = await m.query<ReceiptContent['issuer'][]>(
      `SELECT name, street, postal_code AS "postalCode", city, purposes, is_receipt_machine_signed AS "isMachineSigned"
         FROM organisations WHERE id = $1`,
      [organisationId],
    );
    return row;
  }

  async donor(
    m: EntityManager,
    donorId: string,
  ): Promise<{
    id: string;
    name: string;
    street: string;
    postalCode: string;
    city: string;
    country: string;
  }> {
    const [row] = await m.query<
      {
        id: string;
        name: string;
        street: string;
        postalCode: string;
        city: string;
        country: string;
      }[]
    >(
      `SELECT id, COALESCE(organisation_name, concat_ws(' ', first_name, last_name)) AS name, street,
              postal_code AS "postalCode", city, country FROM donors WHERE id = $1`,
      [donorId],
    );
    return row;
  }

  /** Newest first. */
  async exemptionNotices(
    m: EntityManager,
    organisationId: string,
  ): Promise<
    {
      kind: 'freistellungsbescheid' | 'feststellung_60a';
      taxOffice: string;
      taxNumber: string | null;
      issuedOn: string;
      periodFrom: string | null;
      periodTo: string | null;
    }[]
  > {
    return m.query(
      `SELECT kind, tax_office AS "taxOffice", tax_number AS "taxNumber", to_char(issued_on, 'YYYY-MM-DD') AS "issuedOn",
              to_char(period_from, 'YYYY-MM-DD') AS "periodFrom", to_char(period_to, 'YYYY-MM-DD') AS "periodTo"
         FROM exemption_notices WHERE organisation_id = $1 ORDER BY issued_on DESC, created_at DESC`,
      [organisationId],
    );
  }

  /** The next number of the year, gapless: the counter row stays locked until commit. */
  async nextNumber(m: EntityManager, organisationId: string, year: number): Promise<number> {
    const [{ last_number }] = await m.query<{ last_number: number }[]>(
      `INSERT INTO receipt_counters (organisation_id, year, last_number) VALUES ($1, $2, 1)
       ON CONFLICT (organisation_id, year) DO UPDATE SET last_number = receipt_counters.last_number + 1
       RETURNING last_number`,
      [organisationId, year],
    );
    return last_number;
  }

  async insert(
    m: EntityManager,
    r: {
      id: string;
      organisationId: string;
      year: number;
      seq: number;
      number: string;
      kind: string;
      donorId: string;
      content: ReceiptContent;
      totalCents: number;
      issuedOn: string;
      replacesReceiptId: string | null;
      createdBy: string;
      items: {
        donationId: string | null;
        receivableId: string | null;
        amountCents: number;
        receivedOn: string;
        isWaiver: boolean;
      }[];
    },
  ): Promise<void> {
    await m.query(
      `INSERT INTO receipts (id, organisation_id, year, seq, number, kind, donor_id, content, total_cents, issued_on, replaces_receipt_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        r.id,
        r.organisationId,
        r.year,
        r.seq,
        r.number,
        r.kind,
        r.donorId,
        JSON.stringify(r.content),
        r.totalCents,
        r.issuedOn,
        r.replacesReceiptId,
        r.createdBy,
      ],
    );
    await m.query(
      `INSERT INTO receipt_items (receipt_id, donation_id, receivable_id, amount_cents, received_on, is_waiver)
       SELECT $1, d, f, a, o, w FROM unnest($2::uuid[], $6::uuid[], $3::bigint[], $4::date[], $5::boolean[]) AS x(d, f, a, o, w)`,
      [
        r.id,
        r.items.map((i) => i.donationId),
        r.items.map((i) => i.amountCents),
        r.items.map((i) => i.receivedOn),
        r.items.map((i) => i.isWaiver),
        r.items.map((i) => i.receivableId),
      ],
    );
  }

  feeItemsOf(m: EntityManager, receiptId: string) {
    return m.query<{ receivableId: string; receivedOn: string; amountCents: number }[]>(
      `SELECT receivable_id AS "receivableId", to_char(received_on, 'YYYY-MM-DD') AS "receivedOn", amount_cents::int AS "amountCents"
         FROM receipt_items WHERE receipt_id = $1 AND receivable_id IS NOT NULL`,
      [receiptId],
    );
  }

  async register(organisationId: string, year: number | undefined) {
    return this.db.query<
      {
        number: string;
        issuedOn: string;
        donorName: string;
        totalCents: number;
        kind: string;
        voidedAt: Date | null;
        replacesNumber: string | null;
      }[]
    >(
      `SELECT r.number, to_char(r.issued_on, 'YYYY-MM-DD') AS "issuedOn", r.content->'donor'->>'name' AS "donorName",
              r.total_cents AS "totalCents", r.kind, r.voided_at AS "voidedAt", o.number AS "replacesNumber"
         FROM receipts r LEFT JOIN receipts o ON o.id = r.replaces_receipt_id
        WHERE r.organisation_id = $1 AND ($2::int IS NULL OR r.year = $2) ORDER BY r.year, r.seq`,
      [organisationId, year ?? null],
    );
  }

  async reconciliation(organisationId: string, year: number) {
    const withoutReceipt = await this.db.query<
      { donationId: string; donorId: string; receivedOn: string; amountCents: number }[]
    >(
      `SELECT d.id AS "donationId", d.donor_id AS "donorId", to_char(d.received_on, 'YYYY-MM-DD') AS "receivedOn", d.amount_cents AS "amountCents"
         FROM donations d
        WHERE d.organisation_id = $1 AND d.received_on BETWEEN make_date($2, 1, 1) AND make_date($2, 12, 31)
          AND NOT EXISTS (SELECT 1 FROM donation_corrections c WHERE c.donation_id = d.id)
          AND NOT EXISTS (SELECT 1 FROM receipt_items i WHERE i.donation_id = d.id AND NOT i.is_void)
        ORDER BY d.received_on, d.id`,
      [organisationId, year],
    );
    const mismatched = await this.db.query<
      { receiptId: string; number: string; receiptedCents: number; bookedCents: number }[]
    >(
      `SELECT r.id AS "receiptId", r.number, r.total_cents AS "receiptedCents",
              COALESCE(sum(d.amount_cents) FILTER (WHERE NOT EXISTS (SELECT 1 FROM donation_corrections c WHERE c.donation_id = d.id)), 0)::bigint AS "bookedCents"
         FROM receipts r JOIN receipt_items i ON i.receipt_id = r.id JOIN donations d ON d.id = i.donation_id
        WHERE r.organisation_id = $1 AND r.voided_at IS NULL
          AND EXISTS (SELECT 1 FROM receipt_items x JOIN donations y ON y.id = x.donation_id
                       WHERE x.receipt_id = r.id AND y.received_on BETWEEN make_date($2, 1, 1) AND make_date($2, 12, 31))
        GROUP BY r.id, r.number, r.total_cents
       HAVING r.total_cents <> COALESCE(sum(d.amount_cents) FILTER (WHERE NOT EXISTS (SELECT 1 FROM donation_corrections c WHERE c.donation_id = d.id)), 0)
        ORDER BY r.number`,
      [organisationId, year],
    );
    return { withoutReceipt, mismatched };
  }

  async donorEmail(donorId: string): Promise<string | null> {
    const [row] = await this.db.query<{ email: string | null }[]>(
      `SELECT email FROM donors WHERE id = $1`,
      [donorId],
    );
    return row?.email ?? null;
  }

  async insertDelivery(
    m: EntityManager,
    id: string,
    receiptId: string,
    email: string,
    userId: string,
  ): Promise<void> {
    await m.query(
      `INSERT INTO receipt_deliveries (id, receipt_id, email, status, requested_by) VALUES ($1, $2, $3, 'pending', $4)`,
      [id, receiptId, email, userId],
    );
  }

  async delivery(
    id: string,
  ): Promise<{ receiptId: string; email: string; status: string } | undefined> {
    const [row] = await this.db.query<{ receiptId: string; email: string; status: string }[]>(
      `SELECT receipt_id AS "receiptId", email, status FROM receipt_deliveries WHERE id = $1`,
      [id],
    );
    return row;
  }

  async markDelivered(id: string): Promise<void> {
    await this.db.query(
      `UPDATE receipt_deliveries SET status = 'sent', sent_at = now(), error = NULL WHERE id = $1`,
      [id],
    );
  }

  async markDeliveryFailed(id: string, error: string): Promise<void> {
    await this.db.query(
      `UPDATE receipt_deliveries SET status = 'failed', error = left($2, 500) WHERE id = $1 AND status <> 'sent'`,
      [id, error],
    );
  }

  async deliveries(receiptId: string): Promise<
    {
      id: string;
      email: string;
      status: string;
      error: string | null;
      requestedAt: Date;
      sentAt: Date | null;
    }[]
  > {
    return this.db.query(
      `SELECT id, email, status, error, requested_at AS "requestedAt", sent_at AS "sentAt" FROM receipt_deliveries
        WHERE receipt_id = $1 ORDER BY requested_at`,
      [receiptId],
    );
  }

  async markVoid(m: EntityManager, id: string, reason: string, at: Date): Promise<void> {
    await m.query(`UPDATE receipts SET voided_at = $3, void_reason = $2 WHERE id = $1`, [
      id,
      reason,
      at,
    ]);
    await m.query(`UPDATE receipt_items SET is_void = true WHERE receipt_id = $1`, [id]);
  }

  async attachDocument(id: string, path: string, sha256: Buffer): Promise<void> {
    await this.db.query(
      `UPDATE receipts SET document_path = $2, document_sha256 = $3, rendered_at = now() WHERE id = $1 AND rendered_at IS NULL`,
      [id, path, sha256],
    );
  }

  /** Attaches the copy marked "UNGÜLTIG" once; the original stays as issued. */
  async attachVoidDocument(id: string, path: string, sha256: Buffer): Promise<void> {
    await this.db.query(
      `UPDATE receipts SET void_document_path = $2, void_document_sha256 = $3
        WHERE id = $1 AND voided_at IS NOT NULL AND void_document_path IS NULL`,
      [id, path, sha256],
    );
  }

  /** Receipts whose document (or, once voided, whose marked copy) is still missing. */
  async unrendered(olderThanSeconds: number): Promise<{ id: string; isVoid: boolean }[]> {
    return this.db.query<{ id: string; isVoid: boolean }[]>(
      `(SELECT id, false AS "isVoid" FROM receipts
         WHERE rendered_at IS NULL AND created_at < now() - make_interval(secs => $1) ORDER BY created_at LIMIT 1000)
       UNION ALL
       (SELECT id, true FROM receipts
         WHERE voided_at IS NOT NULL AND void_document_path IS NULL AND voided_at < now() - make_interval(secs => $1)
         ORDER BY voided_at LIMIT 1000)`,
      [olderThanSeconds],
    );
  }
}
