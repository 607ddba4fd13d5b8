import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@dachwerk/audit';
import { LedgerService } from '@dachwerk/ledger';
import { InitiativesService } from '@dachwerk/organisations';
import {
  addMonths,
  assertOrganisationRole,
  Clock,
  DomainError,
  germanAmount,
  notFound,
  resolveIn,
  pageOf,
  pageWindow,
  Transactions,
  uuidv7,
  type Actor,
  type Page,
} from '@dachwerk/shared';
import { FundingDocumentsService } from './funding-documents.service';
import type { ClaimQueryDto, CreateExpenseClaimDto } from './dto/funding.dto';
import { claimApprovalLines } from './funding-accounts';
import { FundsService } from './funds.service';

export interface ExpenseClaim {
  id: string;
  initiativeId: string;
  applicationId: string | null;
  costLineNo: number | null;
  kind: 'reimbursement' | 'invoice' | 'grant_to_body';
  description: string;
  amountCents: number;
  payeeName: string;
  payeeIban: string;
  payeeBic: string | null;
  documentId: string | null;
  status: 'submitted' | 'approved' | 'rejected' | 'in_payout' | 'paid';
  submittedBy: string;
  submittedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  rejectReason: string | null;
  approvalEntryId: string | null;
  payoutRunId: string | null;
  endToEndId: string;
}

export const CLAIM_SELECT = `SELECT id, initiative_id AS "initiativeId", application_id AS "applicationId", cost_line_no AS "costLineNo", kind,
    description, amount_cents::float8 AS "amountCents", payee_name AS "payeeName", payee_iban AS "payeeIban", payee_bic AS "payeeBic",
    document_id AS "documentId", status, submitted_by AS "submittedBy", submitted_at AS "submittedAt", decided_by AS "decidedBy",
    decided_at AS "decidedAt", reject_reason AS "rejectReason", approval_entry_id AS "approvalEntryId", payout_run_id AS "payoutRunId",
    end_to_end_id AS "endToEndId"
  FROM expense_claims`;

/** How long an exemption notice carries (§63 Abs. 5 AO, AEAO): Freistellungsbescheid 5 years, §60a Feststellung 3. */
const NOTICE_YEARS = { freistellungsbescheid: 5, feststellung_60a: 3 } as const;

/**
 * Expense claims and invoices of initiatives. Initiative users submit for their own
 * initiative; a treasurer who did not submit it approves (four eyes, also a CHECK in
 * the database). Approval books the expense against the fund — or against the grant's
 * commitment when the claim belongs to an approved application — in the transaction
 * that checks there is enough.
 */
@Injectable()
export class ExpenseClaimsService {
  constructor(
    private readonly clock: Clock,
    private readonly initiatives: InitiativesService,
    private readonly funds: FundsService,
    private readonly ledger: LedgerService,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly documents: FundingDocumentsService,
  ) {}

  async list(actor: Actor, organisationId: string, q: ClaimQueryDto): Promise<Page<ExpenseClaim>> {
    assertOrganisationRole(actor, organisationId);
    const scope = this.initiatives.scopeOf(actor, organisationId);
    const { skip, take } = pageWindow(q);
    const where = `organisation_id = $1 AND ($2::uuid[] IS NULL OR initiative_id = ANY($2)) AND ($3::uuid IS NULL OR initiative_id = $3)
      AND ($4::text IS NULL OR status = $4)`;
    const params = [organisationId, scope, q.initiativeId ?? null, q.status ?? null];
    return this.transactions.run(async (m) => {
      const items = await m.query<ExpenseClaim[]>(
        `${CLAIM_SELECT} WHERE ${where} ORDER BY submitted_at DESC, id OFFSET $5 LIMIT $6`,
        [...params, skip, take],
      );
      const [{ n }] = await m.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM expense_claims WHERE ${where}`,
        params,
      );
      return pageOf(items, n, q);
    });
  }

  async get(actor: Actor, organisationId: string, id: string): Promise<ExpenseClaim> {
    assertOrganisationRole(actor, organisationId);
    return this.transactions.run((m) => this.visible(m, actor, organisationId, id));
  }

  async create(
    actor: Actor,
    organisationId: string,
    input: CreateExpenseClaimDto,
  ): Promise<ExpenseClaim> {
    // Initiative users for their own initiative; staff and treasurers on their behalf.
    const initiative = await this.initiatives.get(actor, organisationId, input.initiativeId);
    return this.transactions.run(async (m) => {
      // Every id first, in this organisation and initiative (404 otherwise); then the rules.
      const application = input.applicationId
        ? await resolveIn(
            'Application',
            input.applicationId,
            async () =>
              (
                await m.query<{ status: string; lineNos: number[] }[]>(
                  `SELECT a.status, ARRAY(SELECT l.line_no FROM application_cost_lines l WHERE l.application_id = a.id) AS "lineNos"
                     FROM applications a WHERE a.organisation_id = $1 AND a.id = $2 AND a.initiative_id = $3`,
                  [organisationId, input.applicationId, initiative.id],
                )
              )[0],
            'applicationId',
          )
        : undefined;
      if (input.documentId)
        await this.documents.resolve(
          m,
          organisationId,
          initiative.id,
          [input.documentId],
          'documentId',
        );
      if (initiative.status !== 'active')
        throw new DomainError(
          'INITIATIVE_NOT_ACTIVE',
          `${initiative.name} is ${initiative.status}; claims need an active initiative`,
          { field: 'initiativeId', initiativeName: initiative.name, status: initiative.status },
        );
      if (input.kind === 'grant_to_body')
        checkBodyNotice(input.bodyNoticeKind!, input.bodyNoticeIssuedOn!, this.clock.today());
      // Paying ourselves would move money in a circle and book an expense that never left.
      const [own] = await m.query<unknown[]>(
        `SELECT 1 FROM organisation_bank_accounts WHERE organisation_id = $1 AND iban = $2`,
        [organisationId, input.payeeIban],
      );
      if (own)
        throw new DomainError(
          'PAYEE_IS_OWN_ACCOUNT',
          'The payee IBAN is one of the organisation’s own bank accounts; a claim pays someone else',
          { field: 'payeeIban' },
        );
      if (application) {
        if (!application.lineNos.includes(input.costLineNo!))
          throw new DomainError('COST_LINE_UNKNOWN', 'No such cost line in this application', {
            field: 'costLineNo',
          });
        if (application.status !== 'approved')
          throw new DomainError(
            'APPLICATION_NOT_APPROVED',
            'Spending from an application needs its approval',
            { field: 'applicationId' },
          );
      }
      const id = uuidv7();
      await m.query(
        `INSERT INTO expense_claims (id, organisation_id, initiative_id, application_id, cost_line_no, kind, description, amount_cents, payee_name,
           payee_iban, payee_bic, body_notice_kind, body_notice_issued_on, body_notice_tax_office, document_id, status, submitted_by, end_to_end_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 'submitted', $16, $17)`,
        [
          id,
          organisationId,
          input.initiativeId,
          input.applicationId ?? null,
          input.applicationId ? input.costLineNo : null,
          input.kind,
          input.description.trim(),
          input.amountCents,
          input.payeeName.trim(),
          input.payeeIban,
          input.payeeBic ?? null,
          input.bodyNoticeKind ?? null,
          input.bodyNoticeIssuedOn ?? null,
          input.bodyNoticeTaxOffice ?? null,
          input.documentId ?? null,
          actor.userId,
          `C${id.replace(/-/g, '')}`,
        ],
      );
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId,
        action: 'expense-claim.submitted',
        entityType: 'expense_claim',
        entityId: id,
        data: { amountCents: input.amountCents, initiativeId: input.initiativeId },
      });
      return (await this.byId(m, organisationId, id))!;
    });
  }

  async approve(actor: Actor, organisationId: string, id: string): Promise<ExpenseClaim> {
    assertOrganisationRole(actor, organisationId, ['treasurer']);
    return this.transactions.run(async (m) => {
      const claim = await this.byId(m, organisationId, id, true);
      if (!claim) throw notFound('Expense claim', id);
      if (claim.submittedBy === actor.userId)
        throw new DomainError(
          'OWN_CLAIM',
          'Who submitted a claim cannot approve it (four eyes)',
          { claimId: id },
          403,
        );
      if (claim.status !== 'submitted')
        throw new DomainError(
          'CLAIM_NOT_SUBMITTED',
          `The claim is ${claim.status}`,
          { status: claim.status },
          409,
        );
      const initiative = await this.funds.initiative(m, organisationId, claim.initiativeId);
      const posting = {
        bookedOn: this.clock.today(),
        documentOn: this.clock.today(),
        documentNo: `AUS-${claim.endToEndId.slice(1, 13)}`,
        text: `${claim.description}`.slice(0, 60),
        source: 'expense-claim',
        sourceId: claim.id,
        lines: claimApprovalLines(
          claim.amountCents,
          initiative.costCentre,
          claim.applicationId ? 'commitment' : 'fund',
          claim.kind === 'grant_to_body',
        ),
      };
      let entryId: string;
      if (claim.applicationId) {
        // Spending a grant: what the approval committed, less what was approved before.
        const [grant] = await m.query<{ remaining: number }[]>(
          `SELECT a.approved_cents - COALESCE((SELECT sum(c.amount_cents) FROM expense_claims c WHERE c.application_id = a.id
                    AND c.status IN ('approved', 'in_payout', 'paid')), 0) AS remaining
             FROM applications a WHERE a.id = $1 FOR UPDATE`,
          [claim.applicationId],
        );
        if (Number(grant.remaining) < claim.amountCents)
          throw new DomainError(
            'GRANT_EXCEEDED',
            `The grant has ${germanAmount(Number(grant.remaining))} left`,
            { availableCents: Number(grant.remaining) },
            409,
          );
        entryId = (await this.ledger.post(m, organisationId, actor.userId, posting)).id;
      } else {
        entryId = (
          await this.funds.withdraw(
            m,
            organisationId,
            actor.userId,
            initiative,
            claim.amountCents,
            posting,
          )
        ).id;
      }
      await m.query(
        `UPDATE expense_claims SET status = 'approved', decided_by = $2, decided_at = now(), approval_entry_id = $3 WHERE id = $1`,
        [id, actor.userId, entryId],
      );
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId,
        action: 'expense-claim.approved',
        entityType: 'expense_claim',
        entityId: id,
        data: { amountCents: claim.amountCents, journalEntryId: entryId },
      });
      return (await this.byId(m, organisationId, id))!;
    });
  }

  async reject(
    actor: Actor,
    organisationId: string,
    id: string,
    reason: string,
  ): Promise<ExpenseClaim> {
    assertOrganisationRole(actor, organisationId, ['treasurer']);
    return this.transactions.run(async (m) => {
      const claim = await this.byId(m, organisationId, id, true);
      if (!claim) throw notFound('Expense claim', id);
      if (claim.submittedBy === actor.userId)
        throw new DomainError(
          'OWN_CLAIM',
          'Who submitted a claim cannot decide on it (four eyes)',
          { claimId: id },
          403,
        );
      if (claim.status !== 'submitted')
        throw new DomainError(
          'CLAIM_NOT_SUBMITTED',
          `The claim is ${claim.status}`,
          { status: claim.status },
          409,
        );
      await m.query(
        `UPDATE expense_claims SET status = 'rejected', decided_by = $2, decided_at = now(), reject_reason = $3 WHERE id = $1`,
        [id, actor.userId, reason.trim()],
      );
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId,
        action: 'expense-claim.rejected',
        entityType: 'expense_claim',
        entityId: id,
        data: { reason },
      });
      return (await this.byId(m, organisationId, id))!;
    });
  }

  private async visible(
    m: EntityManager,
    actor: Actor,
    organisationId: string,
    id: string,
  ): Promise<ExpenseClaim> {
    const claim = await this.byId(m, organisationId, id);
    const scope = this.initiatives.scopeOf(actor, organisationId);
    if (!claim || (scope && !scope.includes(claim.initiativeId)))
      throw notFound('Expense claim', id);
    return claim;
  }

  private async byId(
    m: EntityManager,
    organisationId: string,
    id: string,
    lock = false,
  ): Promise<ExpenseClaim | undefined> {
    const [row] = await m.query<ExpenseClaim[]>(
      `${CLAIM_SELECT} WHERE organisation_id = $1 AND id = $2 ${lock ? 'FOR UPDATE' : ''}`,
      [organisationId, id],
    );
    return row;
  }
}

/** §58 Nr. 1 AO: the receiving body's notice must still carry on the day the money goes. */
export function checkBodyNotice(
  kind: keyof typeof NOTICE_YEARS,
  issuedOn: string,
  on: string,
): void {
  if (issuedOn > on)
    throw new DomainError('BODY_NOTICE_INVALID', 'The notice cannot be issued in the future', {
      field: 'bodyNoticeIssuedOn',
      reason: 'future',
    });
  if (addMonths(issuedOn, 12 * NOTICE_YEARS[kind]) < on)
    throw new DomainError(
      'BODY_NOTICE_INVALID',
      `A ${kind === 'freistellungsbescheid' ? 'Freistellungsbescheid' : '§ 60a Feststellung'} of ${issuedOn} no longer carries (${NOTICE_YEARS[kind]} years)`,
      { field: 'bodyNoticeIssuedOn', reason: 'expired' },
    );
}
