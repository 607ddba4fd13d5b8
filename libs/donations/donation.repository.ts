import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { resolveIn, type ResolveOptions } from '@dachwerk/shared';
import type { DonationKind } from './donation-accounts';

export interface Donation {
  id: string;
  donorId: string;
  kind: DonationKind;
  channel: string;
  receivedOn: string;
  amountCents: number;
  purpose: string | null;
  earmark: 'general' | 'purpose' | 'initiative';
  earmarkPurpose: string | null;
  costCentre: string | null;
  initiativeId: string | null;
  item: string | null;
  itemAge: string | null;
  itemCondition: string | null;
  purchasePriceCents: number | null;
  valueBasis: string | null;
  isFromBusinessAssets: boolean | null;
  reimbursementClaimRef: string | null;
  reimbursementAgreedOn: string | null;
  journalEntryId: string;
  replacesDonationId: string | null;
  /** Set when the donation was corrected (its booking reversed). */
  correctedAt: Date | null;
  correctionReason: string | null;
  createdAt: Date;
}

export type DonationRow = Omit<Donation, 'correctedAt' | 'correctionReason' | 'createdAt'>;

const COLUMNS = `d.id, d.donor_id AS "donorId", d.kind, d.channel, to_char(d.received_on, 'YYYY-MM-DD') AS "receivedOn",
  d.amount_cents AS "amountCents", d.purpose, d.earmark, d.earmark_purpose AS "earmarkPurpose",
  d.cost_centre AS "costCentre", d.initiative_id AS "initiativeId", d.item, d.item_age AS "itemAge", d.item_condition AS "itemCondition",
  d.purchase_price_cents AS "purchasePriceCents", d.value_basis AS "valueBasis",
  d.is_from_business_assets AS "isFromBusinessAssets", d.reimbursement_claim_ref AS "reimbursementClaimRef",
  to_char(d.reimbursement_agreed_on, 'YYYY-MM-DD') AS "reimbursementAgreedOn", d.journal_entry_id AS "journalEntryId",
  d.replaces_donation_id AS "replacesDonationId", c.corrected_at AS "correctedAt", c.reason AS "correctionReason",
  d.created_at AS "createdAt"`;
const FROM = `donations d LEFT JOIN donation_corrections c ON c.donation_id = d.id`;

type Db = EntityManager | DataSource;

/** All SQL on donations and their corrections. */
@Injectable()
export class DonationRepository {
  constructor(readonly db: DataSource) {}

  async find(db: Db, organisationId: string, id: string): Promise<Donation | undefined> {
    const [row] = await db.query<Donation[]>(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE d.organisation_id = $1 AND d.id = $2`,
      [organisationId, id],
    );
    return row;
  }

  /** The donation of this organisation, or 404. */
  get(db: Db, organisationId: string, id: string, options: ResolveOptions = {}): Promise<Donation> {
    return resolveIn('Donation', id, () => this.find(db, organisationId, id), options.field);
  }

  async list(
    organisationId: string,
    filter: { from?: string; to?: string; donorId?: string; costCentre?: string },
    skip: number,
    take: number,
  ): Promise<[Donation[], number]> {
    // A donor's donations include those of donors merged into it.
    const where = `d.organisation_id = $1 AND ($2::date IS NULL OR d.received_on >= $2) AND ($3::date IS NULL OR d.received_on <= $3)
      AND ($4::uuid IS NULL OR d.donor_id IN (SELECT id FROM donors WHERE id = $4 OR merged_into_id = $4))
      AND ($5::text IS NULL OR d.cost_centre = $5)`;
    const params = [
      organisationId,
      filter.from ?? null,
      filter.to ?? null,
      filter.donorId ?? null,
      filter.costCentre ?? null,
    ];
    const rows = await this.db.query<Donation[]>(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE ${where} ORDER BY d.received_on DESC, d.created_at DESC, d.id OFFSET $6 LIMIT $7`,
      [...params, skip, take],
    );
    const [{ count }] = await this.db.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM donations d WHERE ${where}`,
      params,
    );
    return [rows, count];
  }

  async insert(
    m: EntityManager,
    organisationId: string,
    createdBy: string,
    d: DonationRow,
  ): Promise<void> {
    await m.query(
      `INSERT INTO donations (id, organisation_id, donor_id, kind, channel, received_on, amount_cents, purpose, earmark,
         earmark_purpose, cost_centre, item, item_age, item_condition, purchase_price_cents, value_basis,
         is_from_business_assets, reimbursement_claim_ref, reimbursement_agreed_on, journal_entry_id,
         replaces_donation_id, created_by, initiative_id)
       VALUES ($22, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $23)`,
      [
        organisationId,
        d.donorId,
        d.kind,
        d.channel,
        d.receivedOn,
        d.amountCents,
        d.purpose,
        d.earmark,
        d.earmarkPurpose,
        d.costCentre,
        d.item,
        d.itemAge,
        d.itemCondition,
        d.purchasePriceCents,
        d.valueBasis,
        d.isFromBusinessAssets,
        d.reimbursementClaimRef,
        d.reimbursementAgreedOn,
        d.journalEntryId,
        d.replacesDonationId,
        createdBy,
        d.id,
        d.initiativeId,
      ],
    );
  }

  /** Money donations of an import, one statement per batch. */
  async insertMany(
    m: EntityManager,
    organisationId: string,
    createdBy: string,
    rows: {
      id: string;
      donorId: string;
      channel: string;
      receivedOn: string;
      amountCents: number;
      purpose: string | null;
      earmark: string;
      earmarkPurpose: string | null;
      costCentre: string | null;
      initiativeId: string | null;
      journalEntryId: string;
    }[],
  ): Promise<void> {
    const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
    await m.query(
      `INSERT INTO donations (id, organisation_id, donor_id, kind, channel, received_on, amount_cents, purpose, earmark,
         earmark_purpose, cost_centre, journal_entry_id, created_by, initiative_id)
       SELECT i, $1, d, 'money', c, r, a, p, e, ep, cc, j, $2, ini
         FROM unnest($3::uuid[], $4::uuid[], $5::text[], $6::date[], $7::bigint[], $8::text[], $9::text[], $10::text[], $11::text[], $12::uuid[], $13::uuid[])
           AS x(i, d, c, r, a, p, e, ep, cc, j, ini)`,
      [
        organisationId,
        createdBy,
        col('id'),
        col('donorId'),
        col('channel'),
        col('receivedOn'),
        col('amountCents'),
        col('purpose'),
        col('earmark'),
        col('earmarkPurpose'),
        col('costCentre'),
        col('journalEntryId'),
        col('initiativeId'),
      ],
    );
  }

  async insertCorrection(
    m: EntityManager,
    donationId: string,
    reversalEntryId: string,
    reason: string,
    userId: string,
  ): Promise<void> {
    await m.query(
      `INSERT INTO donation_corrections (donation_id, reversal_entry_id, reason, corrected_by) VALUES ($1, $2, $3, $4)`,
      [donationId, reversalEntryId, reason, userId],
    );
  }
}
