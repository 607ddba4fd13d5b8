import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { resolveIn, type ResolveOptions } from '@dachwerk/shared';

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
  createdAt: Date;
  updatedAt: Date;
}

export type DonorInput = Omit<Donor, 'id' | 'mergedIntoId' | 'createdAt' | 'updatedAt'>;

const COLUMNS = `id, kind, first_name AS "firstName", last_name AS "lastName", organisation_name AS "organisationName",
  street, postal_code AS "postalCode", city, country, email, iban, member_id AS "memberId",
  consents_to_contact AS "consentsToContact", consents_to_name_sharing AS "consentsToNameSharing",
  merged_into_id AS "mergedIntoId", created_at AS "createdAt", updated_at AS "updatedAt"`;

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

  /** The donor of this organisation, or 404 — the one way an id from a request becomes a donor. */
  get(db: Db, organisationId: string, id: string, options: ResolveOptions = {}): Promise<Donor> {
    return resolveIn(
      'Donor',
      id,
      () => this.find(db, organisationId, id, options.lock),
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
  ): Promise<[Donor[], number]> {
    const where = `organisation_id = $1 AND merged_into_id IS NULL AND ($2::text IS NULL OR
      fold_text(concat_ws(' ', first_name, last_name, organisation_name, city, email)) LIKE '%' || fold_text($2) || '%')`;
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
