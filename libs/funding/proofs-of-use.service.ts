import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@dachwerk/audit';
import { InitiativesService } from '@dachwerk/organisations';
import {
  assertOrganisationRole,
  Clock,
  DomainError,
  hasRole,
  Mailer,
  notFound,
  pageOf,
  pageWindow,
  Transactions,
  type Actor,
  type Page,
  type PageQueryDto,
} from '@dachwerk/shared';

export interface ProofOfUse {
  applicationId: string;
  initiativeId: string;
  title: string;
  dueOn: string;
  status: 'open' | 'submitted' | 'overdue' | 'accepted';
  approvedCents: number;
  ownShareCents: number;
  conditions: string | null;
  report: string | null;
  submittedAt: Date | null;
  /** Plan against actual per cost line: what the plan said and what approved claims spent. */
  lines: {
    lineNo: number;
    category: string;
    description: string;
    plannedCents: number;
    actualCents: number;
  }[];
  spentCents: number;
  /** The receipts list: every approved claim with its document. */
  receipts: {
    claimId: string;
    description: string;
    amountCents: number;
    payeeName: string;
    documentId: string | null;
    status: string;
  }[];
}

const SELECT = `SELECT p.application_id AS "applicationId", a.initiative_id AS "initiativeId", a.title, to_char(p.due_on, 'YYYY-MM-DD') AS "dueOn",
    p.status, a.approved_cents::float8 AS "approvedCents", a.own_share_cents::float8 AS "ownShareCents", a.conditions, p.report,
    p.submitted_at AS "submittedAt",
    (SELECT json_agg(json_build_object('lineNo', l.line_no, 'category', l.category, 'description', l.description, 'plannedCents', l.amount_cents,
        'actualCents', COALESCE((SELECT sum(c.amount_cents) FROM expense_claims c WHERE c.application_id = a.id AND c.cost_line_no = l.line_no
                                 AND c.status IN ('approved', 'in_payout', 'paid')), 0)) ORDER BY l.line_no)
       FROM application_cost_lines l WHERE l.application_id = a.id) AS lines,
    COALESCE((SELECT json_agg(json_build_object('claimId', c.id, 'description', c.description, 'amountCents', c.amount_cents,
        'payeeName', c.payee_name, 'documentId', c.document_id, 'status', c.status) ORDER BY c.decided_at)
       FROM expense_claims c WHERE c.application_id = a.id AND c.status IN ('approved', 'in_payout', 'paid')), '[]') AS receipts
  FROM proofs_of_use p JOIN applications a ON a.id = p.application_id`;

/**
 * Proofs of use (Verwendungsnachweise) of approved grants: the financial part is built
 * from the cost plan and the approved claims, the initiative adds its short report;
 * reminders go out 30 and 7 days before the due date and a proof not in by then is
 * marked overdue. The board sees every open and overdue proof.
 */
@Injectable()
export class ProofsOfUseService {
  private readonly logger = new Logger(ProofsOfUseService.name);

  constructor(
    private readonly clock: Clock,
    private readonly initiatives: InitiativesService,
    private readonly transactions: Transactions,
    private readonly mailer: Mailer,
    private readonly audit: AuditService,
  ) {}

  async list(
    actor: Actor,
    organisationId: string,
    query: PageQueryDto & { status?: string },
  ): Promise<Page<ProofOfUse>> {
    assertOrganisationRole(actor, organisationId);
    const scope = this.initiatives.scopeOf(actor, organisationId);
    const where = `p.organisation_id = $1 AND ($2::uuid[] IS NULL OR a.initiative_id = ANY($2)) AND ($3::text IS NULL OR p.status = $3)`;
    const params = [organisationId, scope, query.status ?? null];
    const { skip, take } = pageWindow(query);
    return this.transactions.run(async (m) => {
      const rows = await m.query<ProofOfUse[]>(
        `${SELECT} WHERE ${where} ORDER BY p.due_on, p.application_id OFFSET $4 LIMIT $5`,
        [...params, skip, take],
      );
      const [{ n }] = await m.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM proofs_of_use p JOIN applications a ON a.id = p.application_id WHERE ${where}`,
        params,
      );
      return pageOf(rows.map(withTotals), n, query);
    });
  }

  async get(actor: Actor, organisationId: string, applicationId: string): Promise<ProofOfUse> {
    assertOrganisationRole(actor, organisationId);
    return this.transactions.run((m) => this.visible(m, actor, organisationId, applicationId));
  }

  async submitReport(
    actor: Actor,
    organisationId: string,
    applicationId: string,
    report: string,
  ): Promise<ProofOfUse> {
    return this.transactions.run(async (m) => {
      const proof = await this.visible(m, actor, organisationId, applicationId);
      if (!hasRole(actor, organisationId, ['initiative', 'staff']))
        throw new DomainError(
          'FORBIDDEN',
          'The initiative (or staff for it) hands in the report',
          {},
          403,
        );
      if (proof.status === 'accepted')
        throw new DomainError('PROOF_ACCEPTED', 'The proof of use was accepted already', {}, 409);
      await m.query(
        `UPDATE proofs_of_use SET report = $2, status = 'submitted', submitted_at = now() WHERE application_id = $1`,
        [applicationId, report.trim()],
      );
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId,
        action: 'proof-of-use.submitted',
        entityType: 'application',
        entityId: applicationId,
      });
      return this.visible(m, actor, organisationId, applicationId);
    });
  }

  async accept(actor: Actor, organisationId: string, applicationId: string): Promise<ProofOfUse> {
    assertOrganisationRole(actor, organisationId, ['staff', 'board']);
    return this.transactions.run(async (m) => {
      const proof = await this.visible(m, actor, organisationId, applicationId);
      if (proof.status !== 'submitted')
        throw new DomainError(
          'PROOF_NOT_SUBMITTED',
          'Only a handed-in proof of use is accepted',
          {},
          409,
        );
      await m.query(`UPDATE proofs_of_use SET status = 'accepted' WHERE application_id = $1`, [
        applicationId,
      ]);
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId,
        action: 'proof-of-use.accepted',
        entityType: 'application',
        entityId: applicationId,
      });
      return this.visible(m, actor, organisationId, applicationId);
    });
  }

  /**
   * The daily job, with the day passed in (tests give their own): reminders 30 and 7
   * days ahead, overdue the day after the due date. Each step happens once per proof.
   */
  async remind(today: string = this.clock.today()): Promise<{ reminded: number; overdue: number }> {
    return this.transactions.run(async (m) => {
      const due = await m.query<
        {
          applicationId: string;
          organisationId: string;
          dueOn: string;
          title: string;
          step: '30' | '7';
        }[]
      >(
        `SELECT p.application_id AS "applicationId", p.organisation_id AS "organisationId", to_char(p.due_on, 'YYYY-MM-DD') AS "dueOn", a.title,
                CASE WHEN p.due_on <= $1::date + 7 THEN '7' ELSE '30' END AS step
           FROM proofs_of_use p JOIN applications a ON a.id = p.application_id
          WHERE p.status = 'open' AND p.due_on >= $1::date
            AND ((p.due_on <= $1::date + 7 AND p.reminded_7_at IS NULL) OR (p.due_on <= $1::date + 30 AND p.reminded_30_at IS NULL AND p.due_on > $1::date + 7))
          FOR UPDATE OF p`,
        [today],
      );
      for (const p of due) {
        await m.query(
          `UPDATE proofs_of_use SET ${p.step === '7' ? 'reminded_7_at' : 'reminded_30_at'} = now() WHERE application_id = $1`,
          [p.applicationId],
        );
        await this.notifyInitiative(
          m,
          p.applicationId,
          `Erinnerung: Verwendungsnachweis „${p.title}" fällig am ${p.dueOn}`,
        );
      }
      const overdue = await m.query<{ application_id: string }[]>(
        // A CTE, so the driver answers rows (a bare UPDATE ... RETURNING answers [rows, count]).
        `WITH marked AS (UPDATE proofs_of_use SET status = 'overdue', overdue_at = now() WHERE status = 'open' AND due_on < $1::date
                          RETURNING application_id)
         SELECT application_id FROM marked`,
        [today],
      );
      for (const o of overdue)
        await this.notifyInitiative(m, o.application_id, 'Verwendungsnachweis überfällig');
      if (due.length || overdue.length)
        this.logger.log(
          { reminded: due.length, overdue: overdue.length, today },
          'Proof-of-use reminders',
        );
      return { reminded: due.length, overdue: overdue.length };
    });
  }

  /** E-mail to the initiative's users, if mail is configured; the proof row records what was sent. */
  private async notifyInitiative(
    m: EntityManager,
    applicationId: string,
    subject: string,
  ): Promise<void> {
    if (!this.mailer.isConfigured) return;
    const users = await m.query<{ email: string }[]>(
      `SELECT u.email FROM applications a JOIN user_initiatives ui ON ui.initiative_id = a.initiative_id JOIN users u ON u.id = ui.user_id
        WHERE a.id = $1 AND u.is_active`,
      [applicationId],
    );
    for (const u of users)
      await this.mailer
        .send({
          to: u.email,
          subject,
          text: `${subject}\n\nBitte reichen Sie den Sachbericht im Dachwerk ein.`,
        })
        .catch((error: unknown) => this.logger.warn({ error: String(error) }, 'Reminder not sent'));
  }

  private async visible(
    m: EntityManager,
    actor: Actor,
    organisationId: string,
    applicationId: string,
  ): Promise<ProofOfUse> {
    const [row] = await m.query<ProofOfUse[]>(
      `${SELECT} WHERE p.organisation_id = $1 AND p.application_id = $2`,
      [organisationId, applicationId],
    );
    const scope = this.initiatives.scopeOf(actor, organisationId);
    if (!row || (scope && !scope.includes(row.initiativeId)))
      throw notFound('Proof of use', applicationId);
    return withTotals(row);
  }
}

function withTotals(p: ProofOfUse): ProofOfUse {
  const lines = (p.lines ?? []).map((l) => ({
    ...l,
    plannedCents: Number(l.plannedCents),
    actualCents: Number(l.actualCents),
  }));
  return { ...p, lines, spentCents: lines.reduce((s, l) => s + l.actualCents, 0) };
}
