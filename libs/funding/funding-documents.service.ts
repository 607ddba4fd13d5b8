import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { InitiativesService } from '@dachwerk/organisations';
import {
  Clock,
  DocumentStore,
  DomainError,
  resolveAllIn,
  UPLOAD_KINDS,
  uuidv7,
  type Actor,
} from '@dachwerk/shared';

/** The document upload limit (libs/shared/http/upload-file.ts), checked here too. */
export const MAX_DOCUMENT_BYTES = UPLOAD_KINDS.document.maxBytes;

/** The file's type by its first bytes, not by what the browser claims. */
export function sniffContentType(
  file: Buffer,
): 'application/pdf' | 'image/jpeg' | 'image/png' | null {
  if (file.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (file[0] === 0xff && file[1] === 0xd8 && file[2] === 0xff) return 'image/jpeg';
  if (file.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  return null;
}

export interface FundingDocument {
  id: string;
  initiativeId: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: Date;
}

/** Receipts, invoices and attachments of initiatives: PDF, JPEG or PNG up to 10 MB, stored with SHA-256. */
@Injectable()
export class FundingDocumentsService {
  constructor(
    private readonly db: DataSource,
    private readonly initiatives: InitiativesService,
    private readonly store: DocumentStore,
    private readonly clock: Clock,
  ) {}

  /**
   * Documents named in a request (a claim's receipt, an application's attachments): each
   * must be one of this initiative in this organisation, else 404 naming the field.
   */
  async resolve(
    m: EntityManager,
    organisationId: string,
    initiativeId: string,
    ids: readonly string[],
    field: string,
  ): Promise<string[]> {
    const found = await resolveAllIn(
      'Document',
      ids,
      (unique) =>
        m.query<{ id: string }[]>(
          `SELECT id FROM funding_documents WHERE organisation_id = $1 AND initiative_id = $2 AND id = ANY($3::uuid[])`,
          [organisationId, initiativeId, unique],
        ),
      field,
    );
    return found.map((d) => d.id);
  }

  async upload(
    actor: Actor,
    organisationId: string,
    initiativeId: string,
    file: Buffer | undefined,
    filename: string | undefined,
  ): Promise<FundingDocument> {
    await this.initiatives.get(actor, organisationId, initiativeId);
    if (!file?.length)
      throw new DomainError(
        'FILE_REQUIRED',
        'Upload the document as multipart field "file"',
        { field: 'file' },
        400,
      );
    if (file.length > MAX_DOCUMENT_BYTES)
      throw new DomainError(
        'FILE_TOO_LARGE',
        `A document may have at most ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`,
        { field: 'file', maxMegabytes: MAX_DOCUMENT_BYTES / 1024 / 1024 },
        413,
      );
    const contentType = sniffContentType(file);
    if (!contentType)
      throw new DomainError(
        'FILE_TYPE_UNSUPPORTED',
        'Only PDF, JPEG and PNG files are accepted',
        { field: 'file' },
        415,
      );
    const id = uuidv7();
    const sha256 = createHash('sha256').update(file).digest('hex');
    const stored = await this.store.put(`funding/${organisationId}/${initiativeId}/${id}`, file);
    const name = (filename ?? 'beleg').replace(/[^\p{L}\p{N}._ -]/gu, '_').slice(0, 255);
    await this.db.query(
      `INSERT INTO funding_documents (id, organisation_id, initiative_id, filename, content_type, size_bytes, sha256, path, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        id,
        organisationId,
        initiativeId,
        name,
        contentType,
        file.length,
        sha256,
        stored.path,
        actor.userId,
      ],
    );
    return {
      id,
      initiativeId,
      filename: name,
      contentType,
      sizeBytes: file.length,
      sha256,
      uploadedAt: this.clock.now(),
    };
  }

  async download(
    actor: Actor,
    organisationId: string,
    id: string,
  ): Promise<{ filename: string; contentType: string; content: Buffer }> {
    const [doc] = await this.db.query<
      {
        initiativeId: string;
        filename: string;
        contentType: string;
        path: string;
        sha256: string;
      }[]
    >(
      `SELECT initiative_id AS "initiativeId", filename, content_type AS "contentType", path, sha256 FROM funding_documents
        WHERE organisation_id = $1 AND id = $2`,
      [organisationId, id],
    );
    if (!doc)
      throw new DomainError('NOT_FOUND', 'Document not found', { entity: 'Document', id }, 404);
    await this.initiatives.get(actor, organisationId, doc.initiativeId);
    return { ...doc, content: await this.store.get(doc.path, Buffer.from(doc.sha256, 'hex')) };
  }
}
