import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { resolveIn, type ResolveOptions } from '@dachwerk/shared';
import type { FeeInterval } from './fee-calculation';
import type { MemberForm } from './member.repository';

export interface TierRate {
  validFrom: string;
  amountCents: number;
  reducedAmountCents: number | null;
  admissionFeeCents: number;
}

export interface Tier {
  id: string;
  code: string;
  name: string;
  memberForm: MemberForm;
  interval: FeeInterval;
  proRata: boolean;
  /** Fees of this tier may get a donation receipt (not for sport, cultural leisure, Heimatpflege, ...). */
  feesDeductible: boolean;
  validFrom: string;
  validTo: string | null;
  rates: TierRate[];
}

type Db = EntityManager | DataSource;

const SELECT = `SELECT t.id, t.code, t.name, t.member_form AS "memberForm", t.fee_interval AS interval, t.pro_rata AS "proRata",
    t.fees_deductible AS "feesDeductible", to_char(t.valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(t.valid_to, 'YYYY-MM-DD') AS "validTo",
    COALESCE((SELECT json_agg(json_build_object('validFrom', to_char(r.valid_from, 'YYYY-MM-DD'), 'amountCents', r.amount_cents,
        'reducedAmountCents', r.reduced_amount_cents, 'admissionFeeCents', r.admission_fee_cents) ORDER BY r.valid_from)
      FROM membership_tier_rates r WHERE r.tier_id = t.id), '[]') AS rates
  FROM membership_tiers t`;

/** All SQL on the fee schedule. */
@Injectable()
export class TierRepository {
  constructor(readonly db: DataSource) {}

  list(db: Db, organisationId: string): Promise<Tier[]> {
    return db.query(`${SELECT} WHERE t.organisation_id = $1 ORDER BY t.member_form, t.code`, [
      organisationId,
    ]);
  }

  /** The tier of this organisation, or 404; `lock` holds the row until the transaction ends. */
  async get(
    db: Db,
    organisationId: string,
    id: string,
    options: ResolveOptions = {},
  ): Promise<Tier> {
    return resolveIn(
      'Tier',
      id,
      async () => {
        if (options.lock)
          await db.query(
            `SELECT 1 FROM membership_tiers WHERE organisation_id = $1 AND id = $2 FOR UPDATE`,
            [organisationId, id],
          );
        return this.find(db, organisationId, id);
      },
      options.field,
    );
  }

  async find(db: Db, organisationId: string, id: string): Promise<Tier | undefined> {
    const [row] = await db.query<Tier[]>(`${SELECT} WHERE t.organisation_id = $1 AND t.id = $2`, [
      organisationId,
      id,
    ]);
    return row;
  }

  async insert(
    m: EntityManager,
    organisationId: string,
    t: Omit<Tier, 'id' | 'rates'>,
  ): Promise<string> {
    const [{ id }] = await m.query<{ id: string }[]>(
      `INSERT INTO membership_tiers (organisation_id, code, name, member_form, fee_interval, pro_rata, valid_from, valid_to, fees_deductible)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        organisationId,
        t.code,
        t.name,
        t.memberForm,
        t.interval,
        t.proRata,
        t.validFrom,
        t.validTo,
        t.feesDeductible,
      ],
    );
    return id;
  }

  async insertRate(
    m: EntityManager,
    tierId: string,
    r: TierRate,
    userId: string | null,
  ): Promise<void> {
    await m.query(
      `INSERT INTO membership_tier_rates (tier_id, valid_from, amount_cents, reduced_amount_cents, admission_fee_cents, created_by)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [tierId, r.validFrom, r.amountCents, r.reducedAmountCents, r.admissionFeeCents, userId],
    );
  }

  async endValidity(m: EntityManager, tierId: string, validTo: string): Promise<void> {
    await m.query(`UPDATE membership_tiers SET valid_to = $2 WHERE id = $1`, [tierId, validTo]);
  }

  /** The latest fee period already raised for members of the tier, if any. */
  async lastRaisedPeriod(db: Db, tierId: string): Promise<string | null> {
    const [row] = await db.query<{ d: string | null }[]>(
      `SELECT to_char(max(r.period_start), 'YYYY-MM-DD') AS d FROM receivables r
        WHERE r.kind IN ('fee', 'admission') AND r.member_id IN (SELECT member_id FROM member_tier_assignments WHERE tier_id = $1)`,
      [tierId],
    );
    return row?.d ?? null;
  }
}
