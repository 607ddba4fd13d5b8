import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '@dachwerk/audit';
import { LedgerService } from '@dachwerk/ledger';
import {
  assertOrganisationRole,
  Clock,
  DomainError,
  notFound,
  pageOf,
  pageWindow,
  runInWorker,
  Transactions,
  type Actor,
  type Page,
} from '@dachwerk/shared';
import {
  BankStatementRepository,
  StatementEntry,
  StatementSummary,
} from './bank-statement.repository';
import { readCamtFile } from './camt-file';
import type { readCamtUpload } from './camt-upload';
import { assertBalances, type ParsedStatement } from './camt053';
import type { StatementQueryDto } from './dto/banking.dto';
import { MatchingService } from './matching.service';
import { continuityBreaks } from './statement-continuity';

export const BANKING_READERS = ['treasurer', 'board', 'admin'] as const;

export interface Reconciliation {
  /** The ledger account's balance at the statement's end, within its fiscal year. */
  booksBalanceCents: number | null;
  closingBalanceCents: number | null;
  differenceCents: number | null;
}

/**
 * A statement with its entries and the books-vs-bank check; the transactions inside
 * the entries page through `bank-transactions?statementId=`.
 */
export interface StatementDetail extends StatementSummary, Reconciliation {
  entries: StatementEntry[];
}

interface BankAccountRow {
  id: string;
  iban: string;
  ledgerAccount: number;
}

/**
 * camt.053 upload: the whole file or nothing. A statement must add up (opening + booked
 * entries = closing) and join up with its neighbours on the account (balances, numbers,
 * dates); a statement seen before (the same file, or the same content for the account —
 * not merely the same id) is refused; every entry and transaction is kept, pending or
 * foreign-currency entries as not booked; matching and its bookings happen in the same
 * transaction; afterwards the books' bank balance is compared with the closing balance.
 */
@Injectable()
export class BankStatementsService {
  constructor(
    private readonly clock: Clock,
    private readonly db: DataSource,
    private readonly statements: BankStatementRepository,
    private readonly matching: MatchingService,
    private readonly ledger: LedgerService,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {}

  async list(
    actor: Actor,
    organisationId: string,
    query: StatementQueryDto,
  ): Promise<Page<StatementSummary>> {
    assertOrganisationRole(actor, organisationId, BANKING_READERS);
    const { skip, take } = pageWindow(query);
    const [items, total] = await this.statements.list(organisationId, query, skip, take);
    return pageOf(items, total, query);
  }

  async get(actor: Actor, organisationId: string, id: string): Promise<StatementDetail> {
    assertOrganisationRole(actor, organisationId, BANKING_READERS);
    const summary = await this.statements.find(this.db, organisationId, id);
    if (!summary) throw notFound('Bank statement', id);
    return {
      ...summary,
      ...(await this.reconcile(organisationId, summary)),
      entries: await this.statements.entriesOf(this.db, id),
    };
  }

  /**
   * Answers each statement's summary and check; its entries and transactions are a GET away.
   * An upload on disk (`{ path }`, as HTTP delivers it) is hashed and parsed in a worker
   * thread; a Buffer (CLI, tests, benches) in this thread.
   */
  async upload(
    actor: Actor,
    organisationId: string,
    file: Buffer | { path: string; size: number } | undefined,
    filename: string | undefined,
  ): Promise<Omit<StatementDetail, 'entries'>[]> {
    assertOrganisationRole(actor, organisationId, ['treasurer']);
    if (!file || (Buffer.isBuffer(file) ? file.length : file.size) === 0)
      throw new DomainError(
        'FILE_REQUIRED',
        'Upload the camt.053 file as multipart field "file"',
        { field: 'file' },
        400,
      );
    const { sha256, statements: parsed } = Buffer.isBuffer(file)
      ? { sha256: createHash('sha256').update(file).digest('hex'), statements: readCamtFile(file) }
      : await runInWorker<typeof readCamtUpload>(join(__dirname, 'camt-upload'), 'readCamtUpload', [
          file.path,
        ]);
    assertBalances(parsed);
    const today = this.clock.today();
    const future = parsed.flatMap((s, i) =>
      s.entries
        .filter((e) => e.isSettled && e.bookedOn > today)
        .map((e) => ({ s: i + 1, e: e.entryNo })),
    );
    if (future.length)
      throw new DomainError('STATEMENT_IN_FUTURE', 'A statement cannot hold bookings after today', {
        errors: future.slice(0, 20).map((f) => ({
          field: `Ntry[${f.e}].BookgDt`,
          rule: 'notInFuture',
          message: `statement ${f.s}, entry ${f.e} is booked after today`,
        })),
      });
    const accounts = await this.db.query<BankAccountRow[]>(
      `SELECT id, iban, ledger_account AS "ledgerAccount" FROM organisation_bank_accounts WHERE organisation_id = $1`,
      [organisationId],
    );
    const accountOf = parsed.map((s, i) => {
      const account = accounts.find((a) => a.iban === s.iban);
      if (!account)
        throw new DomainError(
          'STATEMENT_ACCOUNT_UNKNOWN',
          `Statement ${i + 1} is for ${s.iban}, which is not a bank account of this organisation`,
          {
            field: 'file',
            iban: s.iban,
          },
        );
      if (s.currency !== 'EUR')
        throw new DomainError(
          'STATEMENT_CURRENCY_UNSUPPORTED',
          `Statement ${i + 1} is kept in ${s.currency}; only EUR accounts are supported`,
          { field: 'file' },
        );
      return account;
    });
    const contents = parsed.map(contentSha256);
    // Statements go in by date (and number), so each joins up with the one imported before it.
    const order = parsed
      .map((s, i) => i)
      .sort((a, b) => orderKey(parsed[a]).localeCompare(orderKey(parsed[b])));
    const ids = await this.transactions.run(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('bank_statement:' || $1))`, [
        organisationId,
      ]);
      // The same statement is the same content, not merely the same id: banks reuse ids.
      // Statements imported before content was kept compare by id, as they did then.
      const [seen] = await m.query<{ ref: string }[]>(
        `SELECT statement_ref AS ref FROM bank_statements WHERE organisation_id = $1 AND (file_sha256 = $2
            OR (bank_account_id, content_sha256) IN (SELECT * FROM unnest($3::uuid[], $4::text[]))
            OR (content_sha256 IS NULL AND (bank_account_id, statement_ref) IN (SELECT * FROM unnest($3::uuid[], $5::text[]))))`,
        [
          organisationId,
          sha256,
          accountOf.map((a) => a.id),
          contents,
          parsed.map((s) => s.statementRef),
        ],
      );
      if (seen || new Set(contents).size < contents.length)
        throw new DomainError(
          'STATEMENT_ALREADY_IMPORTED',
          `Statement ${seen?.ref ?? 'in this file'} was imported before; nothing was changed`,
          { field: 'file' },
          409,
        );
      const created: string[] = [];
      for (const i of order) {
        const s = parsed[i];
        await this.assertContinues(m, accountOf[i].id, s);
        const { statementId, transactions } = await this.statements.insert(
          m,
          organisationId,
          accountOf[i].id,
          s,
          {
            sha256: i === 0 ? sha256 : createHash('sha256').update(`${sha256}:${i}`).digest('hex'),
            contentSha256: contents[i],
            filename: filename ?? null,
            userId: actor.userId,
          },
        );
        const matched = await this.matching.autoMatch(
          m,
          {
            organisationId,
            userId: actor.userId,
            ledgerAccount: accountOf[i].ledgerAccount,
            statementRef: s.statementRef,
          },
          transactions.filter((t) => t.status === 'unmatched'),
        );
        await this.statements.insertTransactions(m, organisationId, transactions, actor.userId);
        await this.audit.record(m, {
          actorUserId: actor.userId,
          organisationId,
          action: 'bank-statement.imported',
          entityType: 'bank_statement',
          entityId: statementId,
          data: {
            statementRef: s.statementRef,
            entries: s.entries.length,
            transactions: transactions.length,
            matched,
          },
        });
        created.push(statementId);
      }
      return created;
    });
    return Promise.all(
      ids.map(async (id) => {
        const { entries: _entries, ...detail } = await this.get(actor, organisationId, id);
        return detail;
      }),
    );
  }

  /** Refuses a statement that does not join up with its neighbours on the account. */
  private async assertContinues(
    m: EntityManager,
    bankAccountId: string,
    s: ParsedStatement,
  ): Promise<void> {
    const facts = {
      statementRef: s.statementRef,
      electronicSeq: s.electronicSeq,
      fromOn: s.fromOn,
      toOn: s.toOn,
      openingCents: s.openingCents,
      closingCents: s.closingCents,
    };
    const on = orderKey(s).slice(0, 10);
    if (on === '0000-00-00') return; // neither dates nor entries: nothing to place it by
    const { previous, next } = await this.statements.neighbours(
      m,
      bankAccountId,
      on,
      s.electronicSeq,
    );
    const breaks = [
      ...(previous ? continuityBreaks(previous, facts) : []),
      ...(next ? continuityBreaks(facts, next) : []),
    ];
    if (breaks.length)
      throw new DomainError(
        'STATEMENT_NOT_CONTINUOUS',
        `${breaks[0]}; nothing was imported — import the missing statement first, or ask the bank for a corrected one`,
        { errors: breaks.map((message) => ({ field: 'file', rule: 'continuity', message })) },
        409,
      );
  }

  private async reconcile(organisationId: string, s: StatementSummary): Promise<Reconciliation> {
    const [account] = await this.db.query<{ ledgerAccount: number }[]>(
      `SELECT ledger_account AS "ledgerAccount" FROM organisation_bank_accounts WHERE id = $1`,
      [s.bankAccountId],
    );
    const [last] = await this.db.query<{ d: string | null }[]>(
      `SELECT to_char(max(booked_on), 'YYYY-MM-DD') AS d FROM bank_entries WHERE statement_id = $1`,
      [s.id],
    );
    const on = s.toOn ?? last.d;
    const books = on
      ? await this.ledger.balanceOn(this.db.manager, organisationId, account.ledgerAccount, on)
      : null;
    return {
      booksBalanceCents: books,
      closingBalanceCents: s.closingBalanceCents,
      differenceCents:
        books === null || s.closingBalanceCents === null ? null : s.closingBalanceCents - books,
    };
  }
}

/** Where a statement stands on its account: its last day, then its electronic number. */
function orderKey(s: ParsedStatement): string {
  const last =
    s.toOn ?? s.fromOn ?? s.entries.reduce((d, e) => (e.bookedOn > d ? e.bookedOn : d), '');
  return `${last || '0000-00-00'}:${String(s.electronicSeq ?? 0).padStart(18, '0')}`;
}

/**
 * A hash of everything the statement says, to tell the same statement from one sharing
 * its id — whichever camt version it came in.
 */
function contentSha256({ version: _version, ...content }: ParsedStatement): string {
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}
