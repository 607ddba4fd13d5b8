import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { recordedDocumentsSql } from './document-columns';
import { DocumentAlteredError, DocumentMissingError, DocumentStore } from './document-store';

/** A document Postgres knows of that the store does not hold as recorded. */
export interface DocumentProblem {
  /** Table that records the document (receipts, fee_runs, …) and the row's id. */
  owner: string;
  ownerId: string;
  path: string;
  problem: 'missing' | 'altered' | 'unreadable';
  detail?: string;
}

export interface DocumentVerification {
  checked: number;
  ok: number;
  problems: DocumentProblem[];
}

interface RecordedDocument {
  owner: string;
  ownerId: string;
  path: string;
  sha256: string;
}

const PAGE = 500;
const PARALLEL = 8;

/**
 * Checks every document Postgres records (DOCUMENT_COLUMNS) against the store: the
 * file is there and its SHA-256 is the recorded one. Part of the restore drill
 * (docs/OPERATIONS.md): a database restored without its documents, or documents from
 * another point in time, show up here.
 */
@Injectable()
export class DocumentVerifier {
  constructor(
    private readonly db: DataSource,
    private readonly store: DocumentStore,
  ) {}

  async verify(): Promise<DocumentVerification> {
    const result: DocumentVerification = { checked: 0, ok: 0, problems: [] };
    let after: RecordedDocument | undefined;
    for (;;) {
      const page = await this.page(after);
      for (let i = 0; i < page.length; i += PARALLEL) {
        const problems = await Promise.all(page.slice(i, i + PARALLEL).map((d) => this.check(d)));
        for (const problem of problems) {
          result.checked++;
          if (problem) result.problems.push(problem);
          else result.ok++;
        }
      }
      if (page.length < PAGE) return result;
      after = page[page.length - 1];
    }
  }

  private async check(document: RecordedDocument): Promise<DocumentProblem | undefined> {
    const { owner, ownerId, path } = document;
    try {
      await this.store.get(path, Buffer.from(document.sha256, 'hex'));
      return undefined;
    } catch (error) {
      if (error instanceof DocumentMissingError)
        return { owner, ownerId, path, problem: 'missing' };
      if (error instanceof DocumentAlteredError)
        return { owner, ownerId, path, problem: 'altered' };
      return { owner, ownerId, path, problem: 'unreadable', detail: (error as Error).message };
    }
  }

  /** Keyset pages, so a large archive is never held in memory at once. */
  private page(after?: RecordedDocument): Promise<RecordedDocument[]> {
    return this.db.query<RecordedDocument[]>(
      `SELECT owner, owner_id AS "ownerId", path, sha256 FROM (${recordedDocumentsSql()}) AS documents
        WHERE $1::text IS NULL OR (path, owner, owner_id) > ($1, $2, $3)
        ORDER BY path, owner, owner_id LIMIT ${PAGE}`,
      [after?.path ?? null, after?.owner ?? null, after?.ownerId ?? null],
    );
  }
}
