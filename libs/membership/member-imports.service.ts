import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@dachwerk/audit';
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
import { MemberImportError, MemberImportRow, parseMemberImport } from './member-import-csv';
import { MemberRepository } from './member.repository';
import { TierRepository } from './tier.repository';

export interface MemberImport {
  id: string;
  filename: string | null;
  rowCount: number;
  errors: MemberImportError[];
  status: 'preview' | 'committed';
  createdAt: Date;
  committedAt: Date | null;
}

/**
 * Member lists from CSV: upload with an optional column mapping → preview with every
 * line checked → commit, which creates all members (with tier and mandate) or none.
 */
@Injectable()
export class MemberImportsService {
  constructor(
    private readonly clock: Clock,
    private readonly db: DataSource,
    private readonly members: MemberRepository,
    private readonly tiers: TierRepository,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {}

  async preview(
    actor: Actor,
    organisationId: string,
    file: Buffer | undefined,
    filename: string | undefined,
    mappingJson?: string,
  ): Promise<MemberImport> {
    assertOrganisationRole(actor, organisationId, ['staff']);
    if (!file?.length)
      throw new DomainError(
        'FILE_REQUIRED',
        'Upload the CSV as multipart field "file"',
        { field: 'file' },
        400,
      );
    let mapping: Record<string, string> = {};
    if (mappingJson) {
      try {
        mapping = JSON.parse(mappingJson) as Record<string, string>;
      } catch {
        throw new DomainError(
          'MAPPING_INVALID',
          'mapping must be a JSON object of column name to field',
          { field: 'mapping' },
          400,
        );
      }
      if (
        typeof mapping !== 'object' ||
        Array.isArray(mapping) ||
        Object.values(mapping).some((v) => typeof v !== 'string')
      )
        throw new DomainError(
          'MAPPING_INVALID',
          'mapping must be a JSON object of column name to field',
          { field: 'mapping' },
          400,
        );
    }
    const tiers = await this.tiers.list(this.db, organisationId);
    // Off the event loop: an import may be 20 MB (upload-file.ts).
    const { rows, errors } = await runInWorker<typeof parseMemberImport>(
      join(__dirname, 'member-import-csv'),
      'parseMemberImport',
      [file, mapping, new Set(tiers.map((t) => t.code)), this.clock.today()],
    );
    const taken = await this.members.memberNosTaken(
      this.db,
      organisationId,
      rows.flatMap((r) => (r.memberNo ? [r.memberNo] : [])),
    );
    for (const r of rows)
      if (r.memberNo && taken.has(r.memberNo))
        errors.push({
          line: r.line,
          field: 'memberNo',
          rule: 'unique',
          message: `member number ${r.memberNo} exists already`,
        });
    errors.sort((a, b) => a.line - b.line);
    const id = uuidv7();
    await this.db.query(
      `INSERT INTO member_imports (id, organisation_id, file_sha256, filename, mapping, rows, errors, status, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'preview', $8)`,
      [
        id,
        organisationId,
        createHash('sha256').update(file).digest('hex'),
        filename ?? null,
        JSON.stringify(mapping),
        JSON.stringify(rows),
        JSON.stringify(errors),
        actor.userId,
      ],
    );
    return this.get(actor, organisationId, id);
  }

  async get(actor: Actor, organisationId: string, id: string): Promise<MemberImport> {
    assertOrganisationRole(actor, organisationId, ['staff', 'admin']);
    const [row] = await this.db.query<MemberImport[]>(
      `SELECT id, filename, jsonb_array_length(rows) AS "rowCount", errors, status, created_at AS "createdAt", committed_at AS "committedAt"
         FROM member_imports WHERE organisation_id = $1 AND id = $2`,
      [organisationId, id],
    );
    if (!row) throw notFound('Member import', id);
    return row;
  }

  async commit(actor: Actor, organisationId: string, id: string): Promise<MemberImport> {
    assertOrganisationRole(actor, organisationId, ['staff']);
    await this.transactions.run(async (m) => {
      const [imp] = await m.query<
        { rows: MemberImportRow[]; errors: MemberImportError[]; status: string }[]
      >(
        `SELECT rows, errors, status FROM member_imports WHERE organisation_id = $1 AND id = $2 FOR UPDATE`,
        [organisationId, id],
      );
      if (!imp) throw notFound('Member import', id);
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
          'Fix the file and upload it again; nothing was imported',
          { errors: imp.errors },
        );
      if (!imp.rows.length)
        throw new DomainError('IMPORT_EMPTY', 'The file has no members', { field: 'file' });
      const tiers = new Map((await this.tiers.list(m, organisationId)).map((t) => [t.code, t.id]));
      // Numbers may have been taken since the preview; the check repeats under the lock.
      const given = imp.rows.flatMap((r) => (r.memberNo ? [r.memberNo] : []));
      const taken = await this.members.memberNosTaken(m, organisationId, given);
      if (taken.size)
        throw new DomainError('IMPORT_HAS_ERRORS', 'Member numbers were taken since the preview', {
          errors: imp.rows
            .filter((r) => r.memberNo && taken.has(r.memberNo))
            .map((r) => ({
              line: r.line,
              field: 'memberNo',
              rule: 'unique',
              message: `member number ${r.memberNo} exists already`,
            })),
        });
      const first = Number((await this.members.nextMemberNo(m, organisationId)).slice(2));
      let next = first;
      const used = new Set(given);
      const members = imp.rows.map((r) => {
        let memberNo = r.memberNo;
        while (!memberNo || (r.memberNo === null && used.has(memberNo)))
          memberNo = `M-${String(next++).padStart(5, '0')}`;
        used.add(memberNo);
        return {
          ...r,
          id: uuidv7(),
          memberNo,
          contactPerson: null,
          consentsToEmail: false,
          consentsToPublication: false,
        };
      });
      await this.members.insertMany(m, organisationId, members);
      await this.members.assignTier(
        m,
        members.map((x) => x.id),
        members.map((x) => x.joinedOn),
        members.map((x) => tiers.get(x.tierCode)!),
        members.map((x) => x.reduced),
        actor.userId,
      );
      const withMandate = members.filter((x) => x.mandate);
      if (withMandate.length) {
        const refs = withMandate.map(
          (x) => x.mandate!.reference ?? `${x.memberNo}-${x.mandate!.signedOn.replace(/-/g, '')}`,
        );
        const inserted = await m.query<{ reference: string }[]>(
          `INSERT INTO sepa_mandates (organisation_id, member_id, reference, signed_on, debtor_name, iban)
           SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::date[], $5::text[], $6::text[]) ON CONFLICT (organisation_id, reference) DO NOTHING
           RETURNING reference`,
          [
            organisationId,
            withMandate.map((x) => x.id),
            refs,
            withMandate.map((x) => x.mandate!.signedOn),
            withMandate.map((x) =>
              (x.organisationName ?? [x.firstName, x.lastName].filter(Boolean).join(' ')).slice(
                0,
                70,
              ),
            ),
            withMandate.map((x) => x.mandate!.iban),
          ],
        );
        if (inserted.length !== withMandate.length) {
          const ok = new Set(inserted.map((r) => r.reference));
          throw new DomainError('IMPORT_HAS_ERRORS', 'Mandate references exist already', {
            errors: withMandate
              .map((x, i) => ({
                line: x.line,
                field: 'mandateRef',
                rule: 'unique',
                message: `mandate reference ${refs[i]} exists already`,
              }))
              .filter((_, i) => !ok.has(refs[i])),
          });
        }
      }
      await m.query(
        `UPDATE member_imports SET status = 'committed', committed_at = now() WHERE id = $1`,
        [id],
      );
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId,
        action: 'member-import.committed',
        entityType: 'member-import',
        entityId: id,
        data: { members: members.length, mandates: withMandate.length },
      });
    });
    return this.get(actor, organisationId, id);
  }
}
