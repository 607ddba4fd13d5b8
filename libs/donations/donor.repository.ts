import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { resolveIn, retentionEndsSql, type ResolveOptions } from '@dachwerk/shared';

export interface Donor {
  id: string;
  kind: 'person' | 'organisation';
  firstName: string | null;
  lastName: string | null;
  organisationName: string | null;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  country: string;
  email: string | null;
  iban: string | null;
  memberId: string | null;
  consentsToContact: boolean;
  consentsToNameSharing: boolean;
  mergedIntoId: string | null;
  /** Art. 18 GDPR: kept only for the retention the books need; no new donations. */
  restrictedAt: Date | null;
  /** Art. 17 GDPR: pseudonymised; the row stays for the donations and receipts. */
  erasedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export type DonorInput = Omit<
  Donor,
  'id' | 'mergedIntoId' | 'restrictedAt' | 'erasedAt' | 'createdAt' | 'updatedAt'
>;

const COLUMNS = `id, kind, first_name AS "firstName", last_name AS "lastName", organisation_name AS "organisationName",
  street, postal_code AS "postalCode", city, country, email, iban, member_id AS "memberId",
  consents_to_contact AS "consentsToContact", consents_to_name_sharing AS "consentsToNameSharing",
  merged_into_id AS "mergedIntoId", restricted_at AS "restrictedAt", erased_at AS "erasedAt", created_at AS "createdAt", updated_at AS "updatedAt"`;

type Db = EntityManager | DataSource;

/** All SQL on donors. */
@Injectable()
export class DonorRepository {
  constructor(readonly db: DataSource) {}

  async find(db: Db, organisationId: string, id: string, lock = false): Promise<Donor | undefined> {
    const [row] = await db.query<Donor[]>(
      `SELECT ${COLUMNS} FROM donors WHERE organisation_id = $1 AND id = $2 ${lock ? 'FOR UPDATE' : ''}`,
      [organisationId, id],
    );
    return row;
  }

  /**
   * The donor of this organisation, or 404 — the one way an id from a request becomes a
   * donor. An erased donor is gone for every request (its row stays for the books).
   */
  get(db: Db, organisationId: string, id: string, options: ResolveOptions = {}): Promise<Donor> {
    return resolveIn(
      'Donor',
      id,
      async () => {
        const donor = await this.find(db, organisationId, id, options.lock);
        return donor?.erasedAt ? undefined : donor;
      },
      options.field,
    );
  }

  /**
   * 404 unless the member exists in this organisation. Members belong to membership, which
   * builds on donations, so the check is a query here; the database's composite key
   * (organisation_id, member_id) holds it as well.
   */
  async assertMemberIn(db: Db, organisationId: string, memberId: string): Promise<void> {
    await resolveIn(
      'Member',
      memberId,
      async () =>
        (
          await db.query<{ id: string }[]>(
            `SELECT id FROM members WHERE organisation_id = $1 AND id = $2`,
            [organisationId, memberId],
          )
        )[0],
      'memberId',
    );
  }

  async list(
    organisationId: string,
    search: string | undefined,
    skip: number,
    take: number,
    searchContact = true,
  ): Promise<[Donor[], number]> {
    const where = `organisation_id = $1 AND merged_into_id IS NULL AND erased_at IS NULL AND ($2::text IS NULL OR
      fold_text(concat_ws(' ', first_name, last_name, organisation_name, city${searchContact ? ', email' : ''})) LIKE '%' || fold_text($2) || '%')`;
    const rows = await this.db.query<Donor[]>(
      `SELECT ${COLUMNS} FROM donors WHERE ${where}
        ORDER BY lower(COALESCE(last_name, organisation_name)), lower(COALESCE(first_name, '')), id OFFSET $3 LIMIT $4`,
      [organisationId, search ?? null, skip, take],
    );
    const [{ count }] = await this.db.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM donors WHERE ${where}`,
      [organisationId, search ?? null],
    );
    return [rows, count];
  }

  async insert(m: EntityManager, organisationId: string, d: DonorInput): Promise<string> {
    const [{ id }] = await m.query<{ id: string }[]>(
      `INSERT INTO donors (organisation_id, kind, first_name, last_name, organisation_name, street, postal_code, city,
         country, email, iban, member_id, consents_to_contact, consents_to_name_sharing)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
      [
        organisationId,
        d.kind,
        d.firstName,
        d.lastName,
        d.organisationName,
        d.street,
        d.postalCode,
        d.city,
        d.country,
        d.email,
        d.iban,
        d.memberId,
        d.consentsToContact,
        d.consentsToNameSharing,
      ],
    );
    return id;
  }

  async update(m: EntityManager, organisationId: string, id: string, d: DonorInput): Promise<void> {
    await m.query(
      `UPDATE donors SET kind = $2, first_name = $3, last_name = $4, organisation_name = $5, street = $6,
         postal_code = $7, city = $8, country = $9, email = $10, iban = $11, member_id = $12,
         consents_to_contact = $13, consents_to_name_sharing = $14, updated_at = now()
       WHERE id = $1 AND organisation_id = $15`,
      [
        id,
        d.kind,
        d.firstName,
        d.lastName,
        d.organisationName,
        d.street,
        d.postalCode,
        d.city,
        d.country,
        d.email,
        d.iban,
        d.memberId,
        d.consentsToContact,
        d.consentsToNameSharing,
        organisationId,
      ],
    );
  }

  /** Same name and postcode, or the same IBAN: probably the same person. */
  async duplicatesOf(organisationId: string, donor: Donor): Promise<Donor[]> {
    return this.db.query<Donor[]>(
      `SELECT ${COLUMNS} FROM donors
        WHERE organisation_id = $1 AND id <> $2 AND merged_into_id IS NULL
          AND ((lower(COALESCE(last_name, organisation_name)) = lower(COALESCE($3, $4)) AND postal_code = $5)
               OR (iban IS NOT NULL AND iban = $6))
        ORDER BY created_at, id LIMIT 20`,
      [
        organisationId,
        donor.id,
        donor.lastName,
        donor.organisationName,
        donor.postalCode,
        donor.iban,
      ],
    );
  }

  async donationsOf(db: Db, id: string): Promise<Record<string, unknown>[]> {
    return db.query(
      `SELECT d.id, to_char(d.received_on, 'YYYY-MM-DD') AS "receivedOn", d.amount_cents::float8 AS "amountCents",
              d.kind, d.channel, d.purpose, d.earmark, d.item
         FROM donations d JOIN donors o ON o.id = d.donor_id
        WHERE o.id = $1 OR o.merged_into_id = $1 ORDER BY d.received_on, d.id`,
      [id],
    );
  }

  async receiptsOf(db: Db, id: string): Promise<Record<string, unknown>[]> {
    return db.query(
      `SELECT r.number, r.kind, to_char(r.issued_on, 'YYYY-MM-DD') AS "issuedOn", r.total_cents::float8 AS "totalCents",
              r.content, r.voided_at AS "voidedAt", r.void_reason AS "voidReason"
         FROM receipts r JOIN donors o ON o.id = r.donor_id
        WHERE o.id = $1 OR o.merged_into_id = $1 ORDER BY r.year, r.seq`,
      [id],
    );
  }

  /** The day the books last needed this donor: their latest donation (merged donors' too). */
  async retentionEndsOn(db: Db, id: string): Promise<string | null> {
    const [row] = await db.query<{ endsOn: string | null }[]>(
      `SELECT to_char(${retentionEndsSql('max(d.received_on)')}, 'YYYY-MM-DD') AS "endsOn"
         FROM donations d JOIN donors o ON o.id = d.donor_id
        WHERE o.id = $1 OR o.merged_into_id = $1`,
      [id],
    );
    return row?.endsOn ?? null;
  }

  /**
   * Restriction keeps what the retention needs (name and address, to which receipts and
   * bookings refer) and drops at once what it does not: e-mail, IBAN, consents.
   */
  async restrict(m: EntityManager, id: string): Promise<void> {
    await m.query(
      `UPDATE donors SET restricted_at = COALESCE(restricted_at, now()), email = NULL, iban = NULL,
         consents_to_contact = false, consents_to_name_sharing = false, updated_at = now() WHERE id = $1`,
      [id],
    );
  }

  /** Pseudonymised, not deleted: donations and receipts keep pointing to the row. */
  async erase(m: EntityManager, id: string): Promise<void> {
    await m.query(
      `UPDATE donors SET first_name = NULL, last_name = NULL, organisation_name = NULL, street = NULL,
         postal_code = NULL, city = NULL, email = NULL, iban = NULL, consents_to_contact = false,
         consents_to_name_sharing = false, restricted_at = COALESCE(restricted_at, now()),
         erased_at = now(), updated_at = now() WHERE id = $1`,
      [id],
    );
  }

  /** Restricted donors whose retention has ended, over all organisations (the nightly job). */
  async dueForErasure(today: string): Promise<{ id: string; organisationId: string }[]> {
    return this.db.query(
      `SELECT o.id, o.organisation_id AS "organisationId" FROM donors o
        WHERE o.restricted_at IS NOT NULL AND o.erased_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM donations d JOIN donors x ON x.id = d.donor_id
                           WHERE (x.id = o.id OR x.merged_into_id = o.id)
                             AND ${retentionEndsSql('d.received_on')} > $1::date)`,
      [today],
    );
  }

  async markMerged(
    m: EntityManager,
    organisationId: string,
    id: string,
    intoId: string,
  ): Promise<void> {
    // Donors merged into this one earlier follow it to the survivor.
    await m.query(
      `UPDATE donors SET merged_into_id = $2, updated_at = now()
        WHERE organisation_id = $3 AND (id = $1 OR merged_into_id = $1)`,
      [id, intoId, organisationId],
    );
  }
}
