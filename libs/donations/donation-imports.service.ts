import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@dachwerk/audit';
import {
  assertOrganisationRole,
  DomainError,
  notFound,
  Transactions,
  uuidv7,
  type Actor,
} from '@dachwerk/shared';
import { ImportError, ImportRow, parseDonationImport } from './donation-import-csv';
import { DonationsService } from './donations.service';
import { DonorRepository } from './donor.repository';

export interface DonationImport {
  id: string;
  filename: string | null;
  rowCount: number;
  totalCents: number;
  errors: ImportError[];
  status: 'preview' | 'committed';
  /** An earlier committed import of the same file. */
  duplicateOfImportId: string | null;
  createdAt: Date;
  committedAt: Date | null;
}

/**
 * Donation lists from CSV: upload → preview (every line checked, nothing booked) →
 * commit, which books all rows in one transaction or none. The same file (by SHA-256)
 * is refused a second time unless the treasurer insists.
 */
@Injectable()
export class DonationImportsService {
  constructor(
    private readonly db: DataSource,
    private readonly donations: DonationsService,
    private readonly donors: DonorRepository,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {}

  async preview(
    actor: Actor,
    organisationId: string,
    file: Buffer | undefined,
    filename: string | undefined,
  ): Promise<DonationImport> {
    assertOrganisationRole(actor, organisationId, ['treasurer']);
    if (!file?.length)
      throw new DomainError(
        'FILE_REQUIRED',
        'Upload the CSV as multipart field "file"',
        { field: 'file' },
        400,
      );
    const { rows, errors } = parseDonationImport(file, new Date().toISOString().slice(0, 10));
    const id = uuidv7();
    await this.db.query(
      `INSERT INTO donation_imports (id, organisation_id, file_sha256, filename, rows, errors, status, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, 'preview', $7)`,
      [
        id,
        organisationId,
        createHash('sha256').update(file).digest(),
        filename ?? null,
        JSON.stringify(rows),
        JSON.stringify(errors),
        actor.userId,
      ],
    );
    return this.get(actor, organisationId, id);
  }

  async get(actor: Actor, organisationId: string, id: string): Promise<DonationImport> {
    assertOrganisationRole(actor, organisationId, ['treasurer', 'board', 'admin']);
    const [row] = await this.db.query<DonationImport[]>(
      `SELECT i.id, i.filename, jsonb_array_length(i.rows) AS "rowCount",
              COALESCE((SELECT sum((r->>'amountCents')::bigint) FROM jsonb_array_elements(i.rows) r), 0)::bigint AS "totalCents",
              i.errors, i.status, i.created_at AS "createdAt", i.committed_at AS "committedAt",
              (SELECT o.id FROM donation_imports o WHERE o.organisation_id = i.organisation_id AND o.file_sha256 = i.file_sha256
                  AND o.status = 'committed' AND o.id <> i.id ORDER BY o.committed_at LIMIT 1) AS "duplicateOfImportId"
         FROM donation_imports i WHERE i.organisation_id = $1 AND i.id = $2`,
      [organisationId, id],
    );
    if (!row) throw notFound('Donation import', id);
    return row;
  }

  async commit(
    actor: Actor,
    organisationId: string,
    id: string,
    force: boolean,
  ): Promise<DonationImport> {
    assertOrganisationRole(actor, organisationId, ['treasurer']);
    await this.transactions.run(async (m) => {
      const [imp] = await m.query<
        { rows: ImportRow[]; errors: ImportError[]; status: string; file_sha256: Buffer }[]
      >(
        `SELECT rows, errors, status, file_sha256 FROM donation_imports WHERE organisation_id = $1 AND id = $2 FOR UPDATE`,
        [organisationId, id],
      );
      if (!imp) throw notFound('Donation import', id);
      if (imp.status === 'committed')
        throw new DomainError(
          'IMPORT_COMMITTED',
          'This import was committed already',
          { importId: id },
          409,
        );
      if (imp.errors.length)
        throw new DomainError(
          'IMPORT_HAS_ERRORS',
          'Fix the file and upload it again; nothing was booked',
          { errors: imp.errors },
        );
      const [earlier] = await m.query<{ id: string }[]>(
        `SELECT id FROM donation_imports WHERE organisation_id = $1 AND file_sha256 = $2 AND status = 'committed' LIMIT 1`,
        [organisationId, imp.file_sha256],
      );
      if (earlier && !force) {
        throw new DomainError(
          'IMPORT_DUPLICATE',
          'This file was imported before; send force=true to import it again',
          { duplicateOfImportId: earlier.id },
          409,
        );
      }
      for (const row of imp.rows) {
        const donorId = await this.donorFor(m, organisationId, row);
        await this.donations.recordIn(m, actor, organisationId, {
          donorId,
          kind: 'money',
          channel: row.channel,
          receivedOn: row.receivedOn,
          amountCents: row.amountCents,
          earmark: row.earmark,
          ...(row.costCentre ? { costCentre: row.costCentre } : {}),
          ...(row.earmarkPurpose ? { earmarkPurpose: row.earmarkPurpose } : {}),
          ...(row.purpose ? { purpose: row.purpose } : {}),
        });
      }
      await m.query(
        `UPDATE donation_imports SET status = 'committed', committed_at = now(), committed_by = $2 WHERE id = $1`,
        [id, actor.userId],
      );
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId,
        action: 'donation-import.committed',
        entityType: 'donation-import',
        entityId: id,
        data: { rows: imp.rows.length, forced: Boolean(earlier) },
      });
    });
    return this.get(actor, organisationId, id);
  }

  /** An existing donor with the same name and postcode, or a new one. */
  private async donorFor(
    m: EntityManager,
    organisationId: string,
    row: ImportRow,
  ): Promise<string> {
    const d = row.donor;
    const [found] = await m.query<{ id: string }[]>(
      `SELECT COALESCE(merged_into_id, id) AS id FROM donors
        WHERE organisation_id = $1 AND lower(COALESCE(last_name, organisation_name)) = lower($2)
          AND COALESCE(lower(first_name), '') = COALESCE(lower($3), '') AND postal_code IS NOT DISTINCT FROM $4
        ORDER BY created_at LIMIT 1`,
      [organisationId, d.lastName ?? d.organisationName, d.firstName, d.postalCode],
    );
    if (found) return found.id;
    return this.donors.insert(m, organisationId, {
      ...d,
      country: 'DE',
      iban: null,
      memberId: null,
      consentsToContact: false,
      consentsToNameSharing: false,
    });
  }
}
