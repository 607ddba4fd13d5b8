import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@dachwerk/audit';
import { LedgerService } from '@dachwerk/ledger';
import { administrationFee, InitiativesService, type Initiative } from '@dachwerk/organisations';
import {
  assertOrganisationRole,
  Clock,
  DomainError,
  notFound,
  runInWorker,
  Transactions,
  uuidv7,
  type Actor,
} from '@dachwerk/shared';
import { ImportError, ImportRow, parseDonationImport } from './donation-import-csv';
import { administrationFeeLines, donationLines } from './donation-accounts';
import { DonationRepository } from './donation.repository';
import { DonorRepository } from './donor.repository';

/** Rows booked per postMany call. */
const BATCH = 5000;

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
    private readonly clock: Clock,
    private readonly db: DataSource,
    private readonly ledger: LedgerService,
    private readonly donationRows: DonationRepository,
    private readonly donors: DonorRepository,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly initiatives: InitiativesService,
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
    // Off the event loop: an import may be 20 MB (upload-file.ts).
    const { rows, errors } = await runInWorker<typeof parseDonationImport>(
      join(__dirname, 'donation-import-csv'),
      'parseDonationImport',
      [file, this.clock.today()],
    );
    const known = await this.initiativesOf(this.db.manager, organisationId, rows);
    for (const row of rows)
      if (row.costCentre && !known.has(row.costCentre))
        errors.push({
          line: row.line,
          field: 'costCentre',
          rule: 'exists',
          message: `no initiative has the cost centre ${row.costCentre}`,
        });
    errors.sort((a, b) => a.line - b.line);
    const valid = rows.filter((r) => !errors.some((e) => e.line === r.line));
    const id = uuidv7();
    await this.db.query(
      `INSERT INTO donation_imports (id, organisation_id, file_sha256, filename, rows, errors, status, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, 'preview', $7)`,
      [
        id,
        organisationId,
        createHash('sha256').update(file).digest(),
        filename ?? null,
        JSON.stringify(valid),
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
      await this.book(m, actor, organisationId, imp.rows);
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

  /**
   * Books all rows in bulk, in the caller's transaction: donors found or created first,
   * entries through LedgerService.postMany, donations in one statement per batch. One
   * audit row describes the import.
   */
  private async book(
    m: EntityManager,
    actor: Actor,
    organisationId: string,
    rows: ImportRow[],
  ): Promise<void> {
    const donorIds = await this.donorsFor(m, organisationId, rows);
    // Initiatives may have ended since the preview; ended ones take no money.
    const initiatives = await this.initiativesOf(m, organisationId, rows);
    const ended = rows.filter(
      (r) => r.costCentre && (initiatives.get(r.costCentre)?.status ?? 'ended') === 'ended',
    );
    if (ended.length)
      throw new DomainError(
        'IMPORT_HAS_ERRORS',
        'Initiatives of the file ended since the preview; nothing was booked',
        {
          errors: ended.map((r) => ({
            line: r.line,
            field: 'costCentre',
            rule: 'receiving',
            message: `${r.costCentre} takes no more money`,
          })),
        },
      );
    for (let start = 0; start < rows.length; start += BATCH) {
      const batch = rows.slice(start, start + BATCH);
      const ids = batch.map(() => uuidv7());
      const entries = await this.ledger.postMany(
        m,
        organisationId,
        actor.userId,
        batch.map((row, i) => ({
          bookedOn: row.receivedOn,
          documentOn: row.receivedOn,
          documentNo: `SP-${row.receivedOn.replace(/-/g, '')}`,
          text: `Geldspende ${row.donor.lastName ?? row.donor.organisationName ?? ''}`.slice(0, 60),
          source: 'donation',
          sourceId: ids[i],
          lines: [
            ...donationLines('money', row.channel, row.amountCents, row.costCentre),
            ...(row.costCentre
              ? administrationFeeLines(
                  administrationFee(initiatives.get(row.costCentre)!, row.amountCents),
                  row.costCentre,
                )
              : []),
          ],
        })),
      );
      await this.donationRows.insertMany(
        m,
        organisationId,
        actor.userId,
        batch.map((row, i) => ({
          id: ids[i],
          donorId: donorIds[start + i],
          channel: row.channel,
          receivedOn: row.receivedOn,
          amountCents: row.amountCents,
          purpose: row.purpose,
          earmark: row.earmark,
          earmarkPurpose: row.earmarkPurpose,
          costCentre: row.costCentre,
          initiativeId: row.costCentre ? initiatives.get(row.costCentre)!.id : null,
          journalEntryId: entries[i].id,
        })),
      );
    }
  }

  private async initiativesOf(
    m: EntityManager,
    organisationId: string,
    rows: ImportRow[],
  ): Promise<Map<string, Initiative>> {
    const costCentres = [...new Set(rows.flatMap((r) => (r.costCentre ? [r.costCentre] : [])))];
    const found = costCentres.length
      ? await this.initiatives.byCostCentre(m, organisationId, costCentres)
      : [];
    return new Map(found.map((i) => [i.costCentre, i]));
  }

  /** For each row, an existing donor with the same name, first name and postcode, or a new one. */
  private async donorsFor(
    m: EntityManager,
    organisationId: string,
    rows: ImportRow[],
  ): Promise<string[]> {
    const keyOf = (d: ImportRow['donor']) =>
      [
        (d.lastName ?? d.organisationName ?? '').toLowerCase(),
        (d.firstName ?? '').toLowerCase(),
        d.postalCode ?? '',
      ].join('|');
    const unique = new Map<string, ImportRow['donor']>();
    for (const row of rows) unique.set(keyOf(row.donor), row.donor);
    const found = await m.query<{ id: string; k: string }[]>(
      `SELECT DISTINCT ON (k) id, k FROM (
         SELECT COALESCE(d.merged_into_id, d.id) AS id, d.created_at,
                lower(COALESCE(d.last_name, d.organisation_name)) || '|' || COALESCE(lower(d.first_name), '') || '|' ||
                COALESCE(d.postal_code, '') AS k
           FROM donors d WHERE d.organisation_id = $1) d
        WHERE k = ANY($2::text[]) ORDER BY k, created_at`,
      [organisationId, [...unique.keys()]],
    );
    const ids = new Map(found.map((f) => [f.k, f.id]));
    for (const [key, donor] of unique) {
      if (ids.has(key)) continue;
      const id = await this.donors.insert(m, organisationId, {
        ...donor,
        country: 'DE',
        iban: null,
        memberId: null,
        consentsToContact: false,
        consentsToNameSharing: false,
      });
      ids.set(key, id);
    }
    return rows.map((row) => ids.get(keyOf(row.donor))!);
  }
}
