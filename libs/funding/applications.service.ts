import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@dachwerk/audit';
import { LedgerService } from '@dachwerk/ledger';
import { InitiativesService, OrganisationsService } from '@dachwerk/organisations';
import {
  addMonths,
  assertOrganisationRole,
  Clock,
  DomainError,
  germanAmount,
  JobQueue,
  notFound,
  pageOf,
  PageQueryDto,
  pageWindow,
  resolveIn,
  Transactions,
  uuidv7,
  type Actor,
  type Page,
} from '@dachwerk/shared';
import type { CreateApplicationDto, DecisionDto, ReviewDto } from './dto/funding.dto';
import { FUNDING_ACCOUNTS } from './funding-accounts';
import { FundingDocumentsService } from './funding-documents.service';
import { PROGRAMME_SELECT, type Programme } from './programmes.service';

export type ApplicationStatus = 'submitted' | 'complete' | 'returned' | 'approved' | 'rejected';

export interface Application {
  id: string;
  programmeId: string;
  initiativeId: string;
  title: string;
  description: string;
  requestedCents: number;
  ownShareCents: number;
  status: ApplicationStatus;
  submittedBy: string;
  submittedAt: Date;
  approvedCents: number | null;
  resolutionRef: string | null;
  conditions: string | null;
  proofDueOn: string | null;
  costLines: { lineNo: number; category: string; description: string; amountCents: number }[];
  documentIds: string[];
  reviews: {
    reviewerId: string;
    conflictOfInterest: boolean;
    weightedScore: number | null;
    comment: string | null;
  }[];
  /** Mean of the weighted scores of reviewers without a conflict; null before the first. */
  weightedScore: number | null;
  decisions: {
    kind: string;
    /** Null for initiative users unless the organisation publishes who decided. */
    decidedBy: string | null;
    amountCents: number | null;
    resolutionRef: string | null;
    comment: string | null;
    round: number;
    createdAt: Date;
  }[];
}

const SELECT = `SELECT a.id, a.programme_id AS "programmeId", a.initiative_id AS "initiativeId", a.title, a.description,
    a.requested_cents::float8 AS "requestedCents", a.own_share_cents::float8 AS "ownShareCents", a.status, a.submitted_by AS "submittedBy",
    a.submitted_at AS "submittedAt", a.approved_cents::float8 AS "approvedCents", a.resolution_ref AS "resolutionRef", a.conditions,
    to_char(a.proof_due_on, 'YYYY-MM-DD') AS "proofDueOn",
    (SELECT json_agg(json_build_object('lineNo', l.line_no, 'category', l.category, 'description', l.description, 'amountCents', l.amount_cents)
       ORDER BY l.line_no) FROM application_cost_lines l WHERE l.application_id = a.id) AS "costLines",
    ARRAY(SELECT d.document_id FROM application_documents d WHERE d.application_id = a.id) AS "documentIds",
    COALESCE((SELECT json_agg(json_build_object('reviewerId', r.reviewer_id, 'conflictOfInterest', r.conflict_of_interest,
       'scores', r.scores, 'comment', r.comment) ORDER BY r.created_at) FROM reviews r WHERE r.application_id = a.id), '[]') AS reviews,
    COALESCE((SELECT json_agg(json_build_object('kind', d.kind, 'decidedBy', d.decided_by, 'amountCents', d.amount_cents,
       'resolutionRef', d.resolution_ref, 'comment', d.comment, 'round', d.round, 'createdAt', d.created_at) ORDER BY d.id)
       FROM decisions d WHERE d.application_id = a.id), '[]') AS decisions
  FROM applications a`;

const DECIDERS = ['board'] as const;
const REVIEWERS = ['board', 'staff'] as const;

/**
 * Applications for programme money: submitted by an initiative with a cost plan,
 * checked for completeness by staff, scored by reviewers (a conflict of interest
 * excludes the reviewer), decided by the board — approval needs two different
 * approvers and a board resolution, books the commitment and reserves the
 * programme's budget; rejection and a return for changes notify the applicant.
 */
@Injectable()
export class ApplicationsService {
  constructor(
    private readonly clock: Clock,
    private readonly initiatives: InitiativesService,
    private readonly organisations: OrganisationsService,
    private readonly ledger: LedgerService,
    private readonly transactions: Transactions,
    private readonly queue: JobQueue,
    private readonly audit: AuditService,
    private readonly documents: FundingDocumentsService,
  ) {}

  async list(
    actor: Actor,
    organisationId: string,
    q: PageQueryDto & { status?: string; programmeId?: string },
  ): Promise<Page<Application>> {
    assertOrganisationRole(actor, organisationId);
    const scope = this.initiatives.scopeOf(actor, organisationId);
    const { skip, take } = pageWindow(q);
    const where = `a.organisation_id = $1 AND ($2::uuid[] IS NULL OR a.initiative_id = ANY($2)) AND ($3::text IS NULL OR a.status = $3)
      AND ($4::uuid IS NULL OR a.programme_id = $4)`;
    const params = [organisationId, scope, q.status ?? null, q.programmeId ?? null];
    return this.transactions.run(async (m) => {
      const rows = await m.query<RawApplication[]>(
        `${SELECT} WHERE ${where} ORDER BY a.submitted_at DESC OFFSET $5 LIMIT $6`,
        [...params, skip, take],
      );
      const [{ n }] = await m.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM applications a WHERE ${where}`,
        params,
      );
      return pageOf(
        await this.forViewer(actor, organisationId, await this.withScores(m, rows)),
        n,
        q,
      );
    });
  }

  async get(actor: Actor, organisationId: string, id: string): Promise<Application> {
    assertOrganisationRole(actor, organisationId);
    return this.transactions.run((m) => this.visible(m, actor, organisationId, id));
  }

  async submit(
    actor: Actor,
    organisationId: string,
    input: CreateApplicationDto,
  ): Promise<Application> {
    return this.transactions.run(async (m) => {
      const { initiative, programme, documentIds } = await this.resolveInput(
        m,
        actor,
        organisationId,
        input,
      );
      if (initiative.status !== 'active')
        throw new DomainError(
          'INITIATIVE_NOT_ACTIVE',
          `${initiative.name} is ${initiative.status}`,
          { field: 'initiativeId', initiativeName: initiative.name, status: initiative.status },
        );
      if (programme.endsOn < this.clock.today())
        throw new DomainError(
          'PROGRAMME_CLOSED',
          `${programme.name} ended on ${programme.endsOn}`,
          { field: 'programmeId', endsOn: programme.endsOn },
        );
      this.checkPlan(programme, input);
      const id = uuidv7();
      await m.query(
        `INSERT INTO applications (id, organisation_id, programme_id, initiative_id, title, description, requested_cents, own_share_cents, status, submitted_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'submitted', $9)`,
        [
          id,
          organisationId,
          programme.id,
          initiative.id,
          input.title.trim(),
          input.description.trim(),
          input.requestedCents,
          input.ownShareCents ?? 0,
          actor.userId,
        ],
      );
      await this.saveLines(m, id, input, documentIds);
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId,
        action: 'application.submitted',
        entityType: 'application',
        entityId: id,
        data: { requestedCents: input.requestedCents },
      });
      return this.visible(m, actor, organisationId, id);
    });
  }

  /** A returned application, changed and submitted again: a new round of review and decision. */
  async resubmit(
    actor: Actor,
    organisationId: string,
    id: string,
    input: CreateApplicationDto,
  ): Promise<Application> {
    return this.transactions.run(async (m) => {
      const current = await this.visible(m, actor, organisationId, id, true);
      const { programme, documentIds } = await this.resolveInput(m, actor, organisationId, input);
      if (current.status !== 'returned')
        throw new DomainError(
          'APPLICATION_NOT_RETURNED',
          'Only an application returned for changes is submitted again',
          {},
          409,
        );
      if (input.initiativeId !== current.initiativeId || input.programmeId !== current.programmeId)
        throw new DomainError('APPLICATION_MOVED', 'Programme and initiative stay as they were', {
          field: 'programmeId',
        });
      this.checkPlan(programme, input);
      await m.query(`DELETE FROM application_cost_lines WHERE application_id = $1`, [id]);
      await m.query(`DELETE FROM application_documents WHERE application_id = $1`, [id]);
      await m.query(
        `UPDATE applications SET title = $2, description = $3, requested_cents = $4, own_share_cents = $5, status = 'submitted', submitted_at = now()
          WHERE id = $1`,
        [
          id,
          input.title.trim(),
          input.description.trim(),
          input.requestedCents,
          input.ownShareCents ?? 0,
        ],
      );
      await this.saveLines(m, id, input, documentIds);
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId,
        action: 'application.resubmitted',
        entityType: 'application',
        entityId: id,
      });
      return this.visible(m, actor, organisationId, id);
    });
  }

  /** Staff confirm the application is complete: it goes to the reviewers. */
  async markComplete(actor: Actor, organisationId: string, id: string): Promise<Application> {
    assertOrganisationRole(actor, organisationId, ['staff']);
    return this.transactions.run(async (m) => {
      const app = await this.visible(m, actor, organisationId, id, true);
      if (app.status !== 'submitted')
        throw new DomainError(
          'APPLICATION_NOT_SUBMITTED',
          `The application is ${app.status}`,
          { status: app.status },
          409,
        );
      await m.query(`UPDATE applications SET status = 'complete', checked_by = $2 WHERE id = $1`, [
        id,
        actor.userId,
      ]);
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId,
        action: 'application.complete',
        entityType: 'application',
        entityId: id,
      });
      return this.visible(m, actor, organisationId, id);
    });
  }

  async review(
    actor: Actor,
    organisationId: string,
    id: string,
    input: ReviewDto,
  ): Promise<Application> {
    assertOrganisationRole(actor, organisationId, REVIEWERS);
    return this.transactions.run(async (m) => {
      const app = await this.visible(m, actor, organisationId, id, true);
      if (app.status !== 'complete')
        throw new DomainError(
          'APPLICATION_NOT_IN_REVIEW',
          `The application is ${app.status}`,
          { status: app.status },
          409,
        );
      const programme = await this.programme(m, organisationId, app.programmeId);
      const scores: Record<string, { score: number; comment: string | null }> = {};
      if (!input.conflictOfInterest) {
        for (const c of programme.criteria) {
          const given = input.scores?.[c.key];
          if (!given || !Number.isInteger(given.score) || given.score < 0 || given.score > 10)
            throw new DomainError(
              'SCORE_INVALID',
              `Score ${c.name} with a whole number from 0 to 10`,
              { field: `scores.${c.key}.score` },
            );
          scores[c.key] = { score: given.score, comment: given.comment?.slice(0, 1000) ?? null };
        }
        const unknown = Object.keys(input.scores ?? {}).filter(
          (k) => !programme.criteria.some((c) => c.key === k),
        );
        if (unknown.length)
          throw new DomainError(
            'SCORE_INVALID',
            `No criteria ${unknown.join(', ')} in this programme`,
            { field: `scores.${unknown[0]}`, unknownCriteria: unknown },
          );
      }
      const [row] = await m.query<{ application_id: string }[]>(
        `INSERT INTO reviews (application_id, reviewer_id, conflict_of_interest, scores, comment) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT DO NOTHING RETURNING application_id`,
        [
          id,
          actor.userId,
          input.conflictOfInterest ?? false,
          JSON.stringify(scores),
          input.comment ?? null,
        ],
      );
      if (!row)
        throw new DomainError('REVIEW_EXISTS', 'You reviewed this application already', {}, 409);
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId,
        action: input.conflictOfInterest ? 'application.conflict-declared' : 'application.reviewed',
        entityType: 'application',
        entityId: id,
      });
      return this.visible(m, actor, organisationId, id);
    });
  }

  async decide(
    actor: Actor,
    organisationId: string,
    id: string,
    input: DecisionDto,
  ): Promise<Application> {
    assertOrganisationRole(actor, organisationId, DECIDERS);
    const result = await this.transactions.run(async (m) => {
      const app = await this.visible(m, actor, organisationId, id, true);
      if (app.status !== 'complete')
        throw new DomainError(
          'APPLICATION_NOT_IN_REVIEW',
          `The application is ${app.status}`,
          { status: app.status },
          409,
        );
      if (app.reviews.some((r) => r.reviewerId === actor.userId && r.conflictOfInterest))
        throw new DomainError(
          'CONFLICT_OF_INTEREST',
          'You declared a conflict of interest for this application',
          {},
          403,
        );
      const round = app.decisions.filter((d) => d.kind === 'return').length + 1;
      if (input.kind === 'approve' && input.amountCents! > app.requestedCents)
        throw new DomainError(
          'AMOUNT_ABOVE_REQUEST',
          'The approved amount cannot exceed the request',
          { field: 'amountCents' },
        );
      const approvals = app.decisions.filter((d) => d.kind === 'approve' && d.round === round);
      if (input.kind === 'approve' && approvals.some((d) => d.decidedBy === actor.userId))
        throw new DomainError(
          'FOUR_EYES',
          'The second approval must come from someone else',
          {},
          409,
        );
      if (
        input.kind === 'approve' &&
        approvals.length &&
        approvals[0].amountCents !== input.amountCents
      )
        throw new DomainError(
          'APPROVAL_AMOUNT_DIFFERS',
          `The first approval was for ${germanAmount(approvals[0].amountCents!)}`,
          { field: 'amountCents', firstApprovalCents: approvals[0].amountCents },
          409,
        );
      await m.query(
        `INSERT INTO decisions (application_id, kind, decided_by, amount_cents, resolution_ref, comment, round) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          id,
          input.kind,
          actor.userId,
          input.kind === 'approve' ? input.amountCents : null,
          input.kind === 'approve' ? input.resolutionRef : null,
          input.comment ?? null,
          round,
        ],
      );
      if (input.kind === 'approve' && approvals.length)
        await this.approve(m, actor, organisationId, app, input, approvals[0].comment);
      if (input.kind !== 'approve')
        await m.query(`UPDATE applications SET status = $2 WHERE id = $1`, [
          id,
          input.kind === 'reject' ? 'rejected' : 'returned',
        ]);
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId,
        action: `application.${input.kind}`,
        entityType: 'application',
        entityId: id,
        data: { ...input, round },
      });
      const decided = await this.visible(m, actor, organisationId, id);
      if (input.kind !== 'approve' || decided.status === 'approved')
        await this.queue.enqueue(
          m,
          'funding.notify',
          { applicationId: id, status: decided.status },
          { jobId: `application-${id}-${decided.decisions.length}` },
        );
      return decided;
    });
    return result;
  }

  /** The second approval: budget reserved, commitment booked, proof of use due. */
  private async approve(
    m: EntityManager,
    actor: Actor,
    organisationId: string,
    app: Application,
    input: DecisionDto,
    firstComment: string | null,
  ) {
    const amount = input.amountCents!;
    const [programme] = await m.query<(Programme & { free: number })[]>(
      `${PROGRAMME_SELECT.replace('FROM programmes', ', (budget_cents - reserved_cents)::float8 AS free FROM programmes')} WHERE id = $1 FOR UPDATE`,
      [app.programmeId],
    );
    if (programme.free < amount)
      throw new DomainError(
        'PROGRAMME_BUDGET_EXCEEDED',
        `${programme.name} has ${germanAmount(programme.free)} left`,
        { availableCents: programme.free },
        409,
      );
    await m.query(`UPDATE programmes SET reserved_cents = reserved_cents + $2 WHERE id = $1`, [
      programme.id,
      amount,
    ]);
    const initiative = (await this.initiatives.find(m, organisationId, app.initiativeId))!;
    const entry = await this.ledger.post(m, organisationId, actor.userId, {
      bookedOn: this.clock.today(),
      documentOn: this.clock.today(),
      documentNo: input.resolutionRef!.slice(0, 36),
      text: `Zusage ${app.title}`.slice(0, 60),
      source: 'funding-commitment',
      sourceId: app.id,
      lines: [
        {
          account: FUNDING_ACCOUNTS.programmeCosts,
          side: 'debit',
          amountCents: amount,
          sphere: 1,
          costCentre: programme.costCentre,
        },
        {
          account: FUNDING_ACCOUNTS.commitment,
          side: 'credit',
          amountCents: amount,
          sphere: 1,
          costCentre: initiative.costCentre,
        },
      ],
    });
    const proofDueOn = addMonths(programme.endsOn, programme.proofDueMonths);
    const conditions = [firstComment, input.comment].filter(Boolean).join('\n') || null;
    await m.query(
      `UPDATE applications SET status = 'approved', approved_cents = $2, resolution_ref = $3, conditions = $4, proof_due_on = $5, commitment_entry_id = $6
        WHERE id = $1`,
      [app.id, amount, input.resolutionRef, conditions, proofDueOn, entry.id],
    );
    await m.query(
      `INSERT INTO proofs_of_use (application_id, organisation_id, due_on) VALUES ($1, $2, $3)`,
      [app.id, organisationId, proofDueOn],
    );
  }

  private checkPlan(programme: Programme, input: CreateApplicationDto): void {
    input.costLines.forEach((l, i) => {
      if (!programme.eligibleCostTypes.includes(l.category))
        throw new DomainError(
          'COST_TYPE_NOT_ELIGIBLE',
          `${l.category} is not an eligible cost in ${programme.name}`,
          { field: `costLines[${i}].category`, category: l.category },
        );
    });
    const total = input.costLines.reduce((s, l) => s + l.amountCents, 0);
    const ownShare = input.ownShareCents ?? 0;
    if (input.requestedCents + ownShare !== total)
      throw new DomainError(
        'PLAN_NOT_BALANCED',
        `Request and own share (${germanAmount(input.requestedCents + ownShare)}) must equal the cost plan (${germanAmount(total)})`,
        {
          field: 'requestedCents',
          fundedCents: input.requestedCents + ownShare,
          planCents: total,
        },
      );
    const required = Math.ceil((total * programme.ownShareBasisPoints) / 10_000);
    if (ownShare < required)
      throw new DomainError(
        'OWN_SHARE_TOO_LOW',
        `${programme.name} needs an own share of at least ${germanAmount(required)}`,
        { field: 'ownShareCents', requiredCents: required },
      );
  }

  private async saveLines(
    m: EntityManager,
    id: string,
    input: CreateApplicationDto,
    documentIds: string[],
  ): Promise<void> {
    await m.query(
      `INSERT INTO application_cost_lines (application_id, line_no, category, description, amount_cents)
       SELECT $1, n, c, d, a FROM unnest($2::text[], $3::text[], $4::bigint[]) WITH ORDINALITY AS x(c, d, a, n)`,
      [
        id,
        input.costLines.map((l) => l.category),
        input.costLines.map((l) => l.description),
        input.costLines.map((l) => l.amountCents),
      ],
    );
    if (documentIds.length) {
      await m.query(
        `INSERT INTO application_documents (application_id, document_id) SELECT $1, unnest($2::uuid[])`,
        [id, documentIds],
      );
    }
  }

  /**
   * Every id in an application's body, resolved in the organisation and the caller's
   * initiative scope before any rule is checked: one that is not found answers 404.
   */
  private async resolveInput(
    m: EntityManager,
    actor: Actor,
    organisationId: string,
    input: CreateApplicationDto,
  ) {
    const initiative = await this.initiatives.get(actor, organisationId, input.initiativeId);
    const programme = await this.programme(m, organisationId, input.programmeId);
    const documentIds = await this.documents.resolve(
      m,
      organisationId,
      initiative.id,
      input.documentIds ?? [],
      'documentIds',
    );
    return { initiative, programme, documentIds };
  }

  private programme(m: EntityManager, organisationId: string, id: string): Promise<Programme> {
    return resolveIn(
      'Programme',
      id,
      async () =>
        (
          await m.query<Programme[]>(`${PROGRAMME_SELECT} WHERE organisation_id = $1 AND id = $2`, [
            organisationId,
            id,
          ])
        )[0],
      'programmeId',
    );
  }

  private async visible(
    m: EntityManager,
    actor: Actor,
    organisationId: string,
    id: string,
    lock = false,
  ): Promise<Application> {
    if (lock)
      await m.query(
        `SELECT 1 FROM applications WHERE organisation_id = $1 AND id = $2 FOR UPDATE`,
        [organisationId, id],
      );
    const [row] = await m.query<RawApplication[]>(
      `${SELECT} WHERE a.organisation_id = $1 AND a.id = $2`,
      [organisationId, id],
    );
    const scope = this.initiatives.scopeOf(actor, organisationId);
    if (!row || (scope && !scope.includes(row.initiativeId))) throw notFound('Application', id);
    const [app] = await this.forViewer(actor, organisationId, await this.withScores(m, [row]));
    return app;
  }

  /**
   * What users limited to their initiatives see: their scores, not who gave them or why;
   * who decided only where the organisation publishes it (board members' privacy).
   */
  private async forViewer(
    actor: Actor,
    organisationId: string,
    apps: Application[],
  ): Promise<Application[]> {
    if (!this.initiatives.scopeOf(actor, organisationId) || apps.length === 0) return apps;
    const published = await this.organisations.publishesDeciders(organisationId);
    return apps.map((app) => ({
      ...app,
      reviews: app.reviews.map((r) => ({ ...r, reviewerId: '', comment: null })),
      decisions: published ? app.decisions : app.decisions.map((d) => ({ ...d, decidedBy: null })),
    }));
  }

  private async withScores(m: EntityManager, rows: RawApplication[]): Promise<Application[]> {
    const programmes = new Map<string, Programme>();
    for (const id of new Set(rows.map((r) => r.programmeId)))
      programmes.set(
        id,
        (await m.query<Programme[]>(`${PROGRAMME_SELECT} WHERE id = $1`, [id]))[0],
      );
    return rows.map((r) => {
      const criteria = programmes.get(r.programmeId)!.criteria;
      const reviews = r.reviews.map((rev) => ({
        reviewerId: rev.reviewerId,
        conflictOfInterest: rev.conflictOfInterest,
        comment: rev.comment,
        weightedScore: rev.conflictOfInterest ? null : weightedScore(criteria, rev.scores),
      }));
      const counted = reviews.filter((x) => x.weightedScore !== null).map((x) => x.weightedScore!);
      return {
        ...r,
        costLines: r.costLines ?? [],
        reviews,
        weightedScore: counted.length
          ? Math.round((counted.reduce((s, x) => s + x, 0) / counted.length) * 100) / 100
          : null,
      };
    });
  }
}

type RawApplication = Omit<Application, 'reviews' | 'weightedScore'> & {
  reviews: {
    reviewerId: string;
    conflictOfInterest: boolean;
    scores: Record<string, { score: number }>;
    comment: string | null;
  }[];
};

/** Σ score × weight / 100 over the criteria: 0 to 10. Pure. */
export function weightedScore(
  criteria: { key: string; weight: number }[],
  scores: Record<string, { score: number }>,
): number {
  return Math.round(criteria.reduce((s, c) => s + (scores[c.key]?.score ?? 0) * c.weight, 0)) / 100;
}
