import { Injectable, Logger } from '@nestjs/common';
import archiver from 'archiver';
import { PDFDocument } from 'pdf-lib';
import { DataSource } from 'typeorm';
import { AuditService } from '@dachwerk/audit';
import {
  assertOrganisationRole,
  DocumentStore,
  DomainError,
  JobQueue,
  notFound,
  pageOf,
  pageWindow,
  Transactions,
  uuidv7,
  type Actor,
  type ExportSink,
  type Page,
  type PageQueryDto,
} from '@dachwerk/shared';
import { DONATION_READERS } from '../donors.service';
import { ReceiptsService } from './receipts.service';

export interface ReceiptRun {
  id: string;
  year: number;
  kind: 'collective' | 'single';
  status: 'running' | 'finished';
  total: number;
  done: number;
  failed: number;
  failures: { donorId: string; code: string; message: string }[];
  createdAt: Date;
  finishedAt: Date | null;
}

const RUN_SELECT = `SELECT r.id, r.year, r.kind, r.status, r.created_at AS "createdAt", r.finished_at AS "finishedAt",
    (SELECT count(*)::int FROM receipt_run_items i WHERE i.run_id = r.id) AS total,
    (SELECT count(*)::int FROM receipt_run_items i WHERE i.run_id = r.id AND i.status = 'done') AS done,
    (SELECT count(*)::int FROM receipt_run_items i WHERE i.run_id = r.id AND i.status = 'failed') AS failed,
    COALESCE((SELECT json_agg(json_build_object('donorId', i.donor_id, 'code', i.error_code, 'message', i.error))
                FROM receipt_run_items i WHERE i.run_id = r.id AND i.status = 'failed'), '[]') AS failures
  FROM receipt_runs r`;

/**
 * The annual run: in January, a receipt for every donor of last year. Progress lives in
 * Postgres (one item per donor); the worker issues item after item, each in its own
 * transaction with the item's status, so a crash resumes without gaps or doubles.
 */
@Injectable()
export class ReceiptRunsService {
  private readonly logger = new Logger('ReceiptRuns');

  constructor(
    private readonly db: DataSource,
    private readonly receipts: ReceiptsService,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly jobs: JobQueue,
    private readonly documents: DocumentStore,
  ) {}

  async start(
    actor: Actor,
    organisationId: string,
    year: number,
    kind: 'collective' | 'single',
  ): Promise<ReceiptRun> {
    assertOrganisationRole(actor, organisationId, ['treasurer']);
    const id = uuidv7();
    await this.transactions.run(async (m) => {
      const running = await m.query<unknown[]>(
        `SELECT 1 FROM receipt_runs WHERE organisation_id = $1 AND status = 'running'`,
        [organisationId],
      );
      if (running.length)
        throw new DomainError(
          'RECEIPT_RUN_RUNNING',
          'A receipt run is in progress for this organisation',
          {},
          409,
        );
      await m.query(
        `INSERT INTO receipt_runs (id, organisation_id, year, kind, status, created_by) VALUES ($1, $2, $3, $4, 'running', $5)`,
        [id, organisationId, year, kind, actor.userId],
      );
      // Every donor with money donations of the year that no valid receipt covers yet.
      await m.query(
        `INSERT INTO receipt_run_items (run_id, donor_id, donation_ids)
         SELECT $1, COALESCE(dn.merged_into_id, dn.id), array_agg(d.id ORDER BY d.received_on, d.id)
           FROM donations d JOIN donors dn ON dn.id = d.donor_id
          WHERE d.organisation_id = $2 AND d.kind IN ('money', 'expense_waiver')
            AND d.received_on BETWEEN make_date($3, 1, 1) AND make_date($3, 12, 31)
            AND NOT EXISTS (SELECT 1 FROM donation_corrections c WHERE c.donation_id = d.id)
            AND NOT EXISTS (SELECT 1 FROM receipt_items i WHERE i.donation_id = d.id AND NOT i.is_void)
          GROUP BY COALESCE(dn.merged_into_id, dn.id)`,
        [id, organisationId, year],
      );
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId,
        action: 'receipt-run.started',
        entityType: 'receipt-run',
        entityId: id,
        data: { year, kind },
      });
      await this.jobs.enqueue(m, 'receipts.run', { runId: id }, { jobId: `receipt-run-${id}` });
    });
    return this.get(actor, organisationId, id);
  }

  /** Runs, newest first, filtered by year, kind and status. */
  async list(
    actor: Actor,
    organisationId: string,
    query: PageQueryDto & { year?: number; kind?: string; status?: string },
  ): Promise<Page<ReceiptRun>> {
    assertOrganisationRole(actor, organisationId, DONATION_READERS);
    const where = `r.organisation_id = $1 AND ($2::int IS NULL OR r.year = $2) AND ($3::text IS NULL OR r.kind = $3)
                   AND ($4::text IS NULL OR r.status = $4)`;
    const params = [organisationId, query.year ?? null, query.kind ?? null, query.status ?? null];
    const { skip, take } = pageWindow(query);
    const items = await this.db.query<ReceiptRun[]>(
      `${RUN_SELECT} WHERE ${where} ORDER BY r.created_at DESC, r.id OFFSET $5 LIMIT $6`,
      [...params, skip, take],
    );
    const [{ n }] = await this.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM receipt_runs r WHERE ${where}`,
      params,
    );
    return pageOf(items, n, query);
  }

  async get(actor: Actor, organisationId: string, id: string): Promise<ReceiptRun> {
    assertOrganisationRole(actor, organisationId, DONATION_READERS);
    const [run] = await this.db.query<ReceiptRun[]>(
      `${RUN_SELECT} WHERE r.organisation_id = $1 AND r.id = $2`,
      [organisationId, id],
    );
    if (!run) throw notFound('Receipt run', id);
    return run;
  }

  /** Job `receipts.run`: issues pending items one by one; safe to run again after a crash. */
  async process(runId: string): Promise<void> {
    const [run] = await this.db.query<
      {
        organisation_id: string;
        kind: 'collective' | 'single';
        created_by: string;
        status: string;
      }[]
    >(`SELECT organisation_id, kind, created_by, status FROM receipt_runs WHERE id = $1`, [runId]);
    if (!run || run.status !== 'running') return;
    for (;;) {
      const issued = await this.transactions.run(async (m) => {
        // SKIP LOCKED lets two workers share a run without waiting on each other.
        const [item] = await m.query<{ donor_id: string; donation_ids: string[] }[]>(
          `SELECT donor_id, donation_ids FROM receipt_run_items WHERE run_id = $1 AND status = 'pending'
            ORDER BY donor_id LIMIT 1 FOR UPDATE SKIP LOCKED`,
          [runId],
        );
        if (!item) return undefined;
        const groups =
          run.kind === 'collective' ? [item.donation_ids] : item.donation_ids.map((id) => [id]);
        try {
          const receiptIds: string[] = [];
          await m.query('SAVEPOINT issue');
          for (const group of groups)
            receiptIds.push(
              (await this.receipts.issueIn(m, run.created_by, run.organisation_id, group, null)).id,
            );
          await m.query('RELEASE SAVEPOINT issue');
          await m.query(
            `UPDATE receipt_run_items SET status = 'done', receipt_ids = $3 WHERE run_id = $1 AND donor_id = $2`,
            [runId, item.donor_id, receiptIds],
          );
          for (const id of receiptIds) await this.receipts.enqueueRender(m, id);
          return receiptIds;
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          // A donor the rules refuse (address incomplete, notice expired) is reported, not retried.
          await m.query('ROLLBACK TO SAVEPOINT issue');
          await m.query(
            `UPDATE receipt_run_items SET status = 'failed', error_code = $3, error = $4 WHERE run_id = $1 AND donor_id = $2`,
            [runId, item.donor_id, error.code, error.message],
          );
          return [];
        }
      });
      if (issued === undefined) break;
    }
    const [{ pending }] = await this.db.query<{ pending: number }[]>(
      `SELECT count(*)::int AS pending FROM receipt_run_items WHERE run_id = $1 AND status = 'pending'`,
      [runId],
    );
    if (pending === 0) {
      await this.db.query(
        `UPDATE receipt_runs SET status = 'finished', finished_at = now() WHERE id = $1 AND status = 'running'`,
        [runId],
      );
      this.logger.log({ runId }, 'Receipt run finished');
    }
  }

  /** The stored PDFs of a finished run, in number order (for the ZIP and the print file). */
  private async documentsOf(
    actor: Actor,
    organisationId: string,
    id: string,
  ): Promise<{ number: string; pdf: () => Promise<Buffer> }[]> {
    const run = await this.get(actor, organisationId, id);
    const rows = await this.db.query<{ number: string; path: string | null; sha: Buffer | null }[]>(
      `SELECT r.number, r.document_path AS path, r.document_sha256 AS sha
         FROM receipt_run_items i JOIN receipts r ON r.id = ANY(i.receipt_ids)
        WHERE i.run_id = $1 AND i.status = 'done' ORDER BY r.seq`,
      [id],
    );
    if (run.status !== 'finished' || rows.some((r) => !r.path)) {
      throw new DomainError(
        'RECEIPT_RUN_NOT_READY',
        'The run is still issuing or rendering receipts',
        { done: run.done, total: run.total },
        409,
      );
    }
    return rows.map((r) => ({ number: r.number, pdf: () => this.documents.get(r.path!, r.sha!) }));
  }

  /** All PDFs of a run as one ZIP, streamed entry by entry. */
  async zip(actor: Actor, organisationId: string, id: string, sink: ExportSink): Promise<void> {
    const documents = await this.documentsOf(actor, organisationId, id);
    sink.start('application/zip', `Zuwendungsbestaetigungen-${id}.zip`);
    const archive = archiver('zip', { zlib: { level: 1 } }); // PDFs are compressed already
    const finished = new Promise<void>((resolve, reject) => {
      archive.on('data', (chunk: Buffer) => {
        archive.pause();
        sink.write(chunk).then(() => archive.resume(), reject);
      });
      archive.on('end', resolve);
      archive.on('error', reject);
    });
    for (const doc of documents) archive.append(await doc.pdf(), { name: `${doc.number}.pdf` });
    await archive.finalize();
    await finished;
    sink.end();
  }

  /** All PDFs of a run merged into one file to print. */
  async printPdf(actor: Actor, organisationId: string, id: string): Promise<Buffer> {
    const documents = await this.documentsOf(actor, organisationId, id);
    const merged = await PDFDocument.create();
    for (const doc of documents) {
      const source = await PDFDocument.load(await doc.pdf());
      for (const page of await merged.copyPages(source, source.getPageIndices()))
        merged.addPage(page);
    }
    return Buffer.from(await merged.save());
  }

  /** For the reconciler: runs still running get their job back if Redis lost it. */
  async resumeRunning(): Promise<void> {
    const runs = await this.db.query<{ id: string }[]>(
      `SELECT id FROM receipt_runs WHERE status = 'running'`,
    );
    for (const run of runs)
      await this.jobs.ensure('receipts.run', { runId: run.id }, `receipt-run-${run.id}`);
  }
}
