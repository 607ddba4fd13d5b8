import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@dachwerk/audit';
import {
  assertOrganisationRole,
  assertSchemaValid,
  Clock,
  DocumentStore,
  DomainError,
  isTargetBusinessDay,
  nextTargetBusinessDay,
  notFound,
  pageOf,
  pageWindow,
  Transactions,
  uuidv7,
  type Actor,
  type DatedPageQueryDto,
  type Page,
} from '@dachwerk/shared';
import { CLAIM_SELECT, type ExpenseClaim } from './expense-claims.service';
import { buildPain001 } from './sepa/pain001';

export interface PayoutRun {
  id: string;
  executionDate: string;
  claimCount: number;
  totalCents: number;
  messageId: string;
  sha256: string;
  createdAt: Date;
}

const RUN_SELECT = `SELECT id, to_char(execution_date, 'YYYY-MM-DD') AS "executionDate", claim_count AS "claimCount",
  total_cents::float8 AS "totalCents", message_id AS "messageId", sha256, created_at AS "createdAt" FROM payout_runs`;

/**
 * Payouts: approved claims go into one SEPA credit-transfer file (pain.001.001.09,
 * checked against the XSD before anyone can download it). A claim is paid when the
 * bank statement shows its end-to-end id — banking calls `markPaid` then.
 */
@Injectable()
export class PayoutRunsService {
  constructor(
    private readonly clock: Clock,
    private readonly transactions: Transactions,
    private readonly documents: DocumentStore,
    private readonly audit: AuditService,
  ) {}

  async create(
    actor: Actor,
    organisationId: string,
    executionDate: string,
  ): Promise<PayoutRun & { claims: ExpenseClaim[] }> {
    assertOrganisationRole(actor, organisationId, ['treasurer']);
    if (executionDate < this.clock.today())
      throw new DomainError('DATE_IN_PAST', 'The execution date cannot lie in the past', {
        field: 'executionDate',
      });
    if (!isTargetBusinessDay(executionDate))
      throw new DomainError(
        'EXECUTION_NOT_BUSINESS_DAY',
        `The execution date must be a TARGET business day, e.g. ${nextTargetBusinessDay(executionDate)}`,
        { field: 'executionDate', suggestedDate: nextTargetBusinessDay(executionDate) },
      );
    return this.transactions.run(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('payout_run:' || $1))`, [
        organisationId,
      ]);
      const claims = await m.query<ExpenseClaim[]>(
        `${CLAIM_SELECT} WHERE organisation_id = $1 AND status = 'approved' ORDER BY decided_at, id FOR UPDATE`,
        [organisationId],
      );
      if (!claims.length)
        throw new DomainError('NOTHING_TO_PAY', 'There are no approved claims to pay out', {}, 409);
      const [debtor] = await m.query<{ name: string; iban: string | null; bic: string | null }[]>(
        `SELECT o.name, b.iban, b.bic FROM organisations o LEFT JOIN organisation_bank_accounts b ON b.organisation_id = o.id AND b.is_default WHERE o.id = $1`,
        [organisationId],
      );
      if (!debtor.iban)
        throw new DomainError('BANK_ACCOUNT_MISSING', 'Payouts need a default bank account', {
          field: 'bankAccount',
        });
      const id = uuidv7();
      const messageId = `DWP${executionDate.replace(/-/g, '')}${id.replace(/-/g, '').slice(-16)}`;
      const xml = buildPain001({
        messageId,
        createdAt: this.clock.now(),
        executionDate,
        debtor: { name: debtor.name, iban: debtor.iban, bic: debtor.bic },
        transfers: claims.map((c) => ({
          endToEndId: c.endToEndId,
          amountCents: c.amountCents,
          creditorName: c.payeeName,
          creditorIban: c.payeeIban,
          creditorBic: c.payeeBic,
          remittance: c.description,
        })),
      });
      await assertSchemaValid('pain.001.001.09', xml);
      const stored = await this.documents.put(
        `sepa/${organisationId}/${messageId}.xml`,
        Buffer.from(xml, 'utf8'),
      );
      const total = claims.reduce((s, c) => s + c.amountCents, 0);
      await m.query(
        `INSERT INTO payout_runs (id, organisation_id, execution_date, claim_count, total_cents, message_id, document_path, sha256, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          id,
          organisationId,
          executionDate,
          claims.length,
          total,
          messageId,
          stored.path,
          stored.sha256.toString('hex'),
          actor.userId,
        ],
      );
      await m.query(
        `UPDATE expense_claims SET status = 'in_payout', payout_run_id = $2 WHERE id = ANY($1::uuid[])`,
        [claims.map((c) => c.id), id],
      );
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId,
        action: 'payout-run.created',
        entityType: 'payout_run',
        entityId: id,
        data: { claims: claims.length, totalCents: total },
      });
      return {
        ...(await this.find(m, organisationId, id)),
        claims: claims.map((c) => ({ ...c, status: 'in_payout' as const, payoutRunId: id })),
      };
    });
  }

  /** Runs, newest execution date first; from/to on the execution date. */
  async list(
    actor: Actor,
    organisationId: string,
    query: DatedPageQueryDto,
  ): Promise<Page<PayoutRun>> {
    assertOrganisationRole(actor, organisationId, ['treasurer', 'board', 'admin']);
    const where = `organisation_id = $1 AND ($2::date IS NULL OR execution_date >= $2) AND ($3::date IS NULL OR execution_date <= $3)`;
    const params = [organisationId, query.from ?? null, query.to ?? null];
    const { skip, take } = pageWindow(query);
    return this.transactions.run(async (m) => {
      const items = await m.query<PayoutRun[]>(
        `${RUN_SELECT} WHERE ${where} ORDER BY execution_date DESC, created_at DESC, id OFFSET $4 LIMIT $5`,
        [...params, skip, take],
      );
      const [{ n }] = await m.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM payout_runs WHERE ${where}`,
        params,
      );
      return pageOf(items, n, query);
    });
  }

  async get(actor: Actor, organisationId: string, id: string): Promise<PayoutRun> {
    assertOrganisationRole(actor, organisationId, ['treasurer', 'board', 'admin']);
    return this.transactions.run((m) => this.find(m, organisationId, id));
  }

  async sepaFile(
    actor: Actor,
    organisationId: string,
    id: string,
  ): Promise<{ filename: string; content: Buffer }> {
    assertOrganisationRole(actor, organisationId, ['treasurer']);
    const [run] = await this.transactions.run((m) =>
      m.query<{ path: string; sha256: string; messageId: string }[]>(
        `SELECT document_path AS path, sha256, message_id AS "messageId" FROM payout_runs WHERE organisation_id = $1 AND id = $2`,
        [organisationId, id],
      ),
    );
    if (!run) throw notFound('Payout run', id);
    return {
      filename: `${run.messageId}.xml`,
      content: await this.documents.get(run.path, Buffer.from(run.sha256, 'hex')),
    };
  }

  /** For banking: claims in a payout run with these end-to-end ids, locked. */
  inPayout(
    m: EntityManager,
    organisationId: string,
    endToEndIds: string[],
  ): Promise<ExpenseClaim[]> {
    return m.query(
      `${CLAIM_SELECT} WHERE organisation_id = $1 AND status = 'in_payout' AND end_to_end_id = ANY($2::text[]) FOR UPDATE`,
      [organisationId, endToEndIds],
    );
  }

  /** For banking: the bank shows the transfers; the payable is settled by `entryId`. */
  async markPaid(m: EntityManager, claimIds: string[], entryIds: string[]): Promise<void> {
    await m.query(
      `UPDATE expense_claims c SET status = 'paid', payout_entry_id = x.entry FROM unnest($1::uuid[], $2::uuid[]) AS x(id, entry) WHERE c.id = x.id`,
      [claimIds, entryIds],
    );
  }

  private async find(m: EntityManager, organisationId: string, id: string): Promise<PayoutRun> {
    const [run] = await m.query<PayoutRun[]>(
      `${RUN_SELECT} WHERE organisation_id = $1 AND id = $2`,
      [organisationId, id],
    );
    if (!run) throw notFound('Payout run', id);
    return run;
  }
}
