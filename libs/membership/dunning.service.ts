import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@dachwerk/audit';
import {
  assertOrganisationRole,
  Clock,
  DocumentStore,
  DomainError,
  JobQueue,
  notFound,
  pageFrom,
  pageOf,
  pageWindow,
  Transactions,
  type Actor,
  type DatedPageQueryDto,
  type Page,
  type PageQueryDto,
} from '@dachwerk/shared';
import type { CreateDunningRunDto, DunningLevelsDto } from './dto/membership.dto';
import { ReceivablesService } from './receivables.service';
import { MEMBERSHIP_READERS } from './tiers.service';

export interface DunningLevel {
  level: number;
  daysOverdue: number;
  feeCents: number;
  title: string;
}

export interface DunningNotice {
  memberId: string;
  memberNo: string;
  memberName: string;
  level: number;
  openCents: number;
  feeCents: number;
  receivableIds: string[];
}

export interface DunningRun {
  id: string;
  runOn: string;
  noticeCount: number;
  lettersReady: boolean;
  notices: DunningNotice[];
}

const DUNNING_RUN_SELECT = `SELECT id, to_char(run_on, 'YYYY-MM-DD') AS "runOn", notice_count AS "noticeCount",
    document_path IS NOT NULL AS "lettersReady" FROM dunning_runs`;

interface Overdue {
  id: string;
  memberId: string;
  memberNo: string;
  memberName: string;
  amountCents: number;
  dueOn: string;
  dunningLevel: number;
  days: number;
  /** Days since the last notice for this receivable; null before the first. */
  sinceLast: number | null;
}

/**
 * Dunning: levels with days after the due date (or the return of a debit) and a fee.
 * A run raises each overdue receivable to the next level it has reached (one level per
 * run, and not before the gap between the levels has passed since the last notice), writes one
 * notice per member (with the level's fee booked as a receivable) and has the worker
 * render the letters. Members whose receivables are past the last level are listed
 * for the board (exclusion under the statutes).
 */
@Injectable()
export class DunningService {
  constructor(
    private readonly clock: Clock,
    private readonly receivables: ReceivablesService,
    private readonly transactions: Transactions,
    private readonly db: DataSource,
    private readonly documents: DocumentStore,
    private readonly queue: JobQueue,
    private readonly audit: AuditService,
  ) {}

  async levels(
    actor: Actor,
    organisationId: string,
    query: PageQueryDto,
  ): Promise<Page<DunningLevel>> {
    assertOrganisationRole(actor, organisationId, MEMBERSHIP_READERS);
    return pageFrom(await this.loadLevels(organisationId), query);
  }

  async setLevels(
    actor: Actor,
    organisationId: string,
    input: DunningLevelsDto,
  ): Promise<DunningLevel[]> {
    assertOrganisationRole(actor, organisationId, ['treasurer']);
    const levels = [...input.levels].sort((a, b) => a.level - b.level);
    levels.forEach((l, i) => {
      if (l.level !== i + 1)
        throw new DomainError(
          'DUNNING_LEVELS_NOT_CONSECUTIVE',
          'Levels must be numbered 1, 2, 3, ...',
          { field: `levels[${i}].level` },
        );
      if (i > 0 && l.daysOverdue <= levels[i - 1].daysOverdue)
        throw new DomainError(
          'DUNNING_DAYS_NOT_INCREASING',
          'Each level needs more days overdue than the one before',
          {
            field: `levels[${i}].daysOverdue`,
          },
        );
    });
    await this.transactions.run(async (m) => {
      await m.query(`DELETE FROM dunning_levels WHERE organisation_id = $1`, [organisationId]);
      await m.query(
        `INSERT INTO dunning_levels (organisation_id, level, days_overdue, fee_cents, title)
         SELECT $1, * FROM unnest($2::int[], $3::int[], $4::bigint[], $5::text[])`,
        [
          organisationId,
          levels.map((l) => l.level),
          levels.map((l) => l.daysOverdue),
          levels.map((l) => l.feeCents),
          levels.map((l) => l.title),
        ],
      );
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId,
        action: 'dunning-levels.set',
        entityType: 'organisation',
        entityId: organisationId,
        data: { levels },
      });
    });
    return this.loadLevels(organisationId);
  }

  async run(actor: Actor, organisationId: string, input: CreateDunningRunDto): Promise<DunningRun> {
    assertOrganisationRole(actor, organisationId, ['treasurer']);
    const runOn = input.runOn ?? this.clock.today();
    if (runOn > this.clock.today())
      throw new DomainError('DATE_IN_FUTURE', 'A dunning run cannot be dated in the future', {
        field: 'runOn',
      });
    const levels = await this.loadLevels(organisationId);
    if (!levels.length)
      throw new DomainError('DUNNING_LEVELS_MISSING', 'Set the dunning levels first', {}, 409);
    const runId = await this.transactions.run(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('dunning:' || $1))`, [organisationId]);
      const overdue = await m.query<Overdue[]>(
        `SELECT r.id, r.member_id AS "memberId", mb.member_no AS "memberNo",
                COALESCE(mb.organisation_name, concat_ws(' ', mb.first_name, mb.last_name)) AS "memberName",
                r.amount_cents::int AS "amountCents", to_char(r.due_on, 'YYYY-MM-DD') AS "dueOn", r.dunning_level AS "dunningLevel",
                ($2::date - r.due_on) AS days, ($2::date - r.last_dunned_on) AS "sinceLast"
           FROM receivables r JOIN members mb ON mb.id = r.member_id
          WHERE r.organisation_id = $1 AND r.status IN ('open', 'returned') AND r.due_on <= $2 AND mb.erased_at IS NULL
          ORDER BY mb.member_no, r.due_on FOR UPDATE OF r`,
        [organisationId, runOn],
      );
      const byMember = new Map<string, Overdue[]>();
      for (const r of overdue) byMember.set(r.memberId, [...(byMember.get(r.memberId) ?? []), r]);
      const notices: DunningNotice[] = [];
      const raised: { id: string; level: number; amountCents: number }[] = [];
      for (const [memberId, items] of byMember) {
        let noticeLevel = 0;
        for (const r of items) {
          const next = levels.find((l) => l.level === r.dunningLevel + 1);
          const gap =
            next && r.dunningLevel ? next.daysOverdue - levels[r.dunningLevel - 1].daysOverdue : 0;
          // Each level waits its own days after the previous notice, so one day never sends two.
          if (next && r.days >= next.daysOverdue && (r.sinceLast === null || r.sinceLast >= gap)) {
            raised.push({ id: r.id, level: next.level, amountCents: r.amountCents });
            noticeLevel = Math.max(noticeLevel, next.level);
          }
        }
        if (!noticeLevel) continue;
        const level = levels[noticeLevel - 1];
        notices.push({
          memberId,
          memberNo: items[0].memberNo,
          memberName: items[0].memberName,
          level: noticeLevel,
          openCents: items.reduce((s, r) => s + r.amountCents, 0) + level.feeCents,
          feeCents: level.feeCents,
          receivableIds: items.map((r) => r.id),
        });
      }
      const [{ id }] = await m.query<{ id: string }[]>(
        `INSERT INTO dunning_runs (organisation_id, run_on, notice_count, created_by) VALUES ($1, $2, $3, $4) RETURNING id`,
        [organisationId, runOn, notices.length, actor.userId],
      );
      for (const n of notices) {
        if (n.feeCents > 0) {
          const feeId = await this.receivables.charge(m, organisationId, actor.userId, {
            memberId: n.memberId,
            memberNo: n.memberNo,
            kind: 'dunning_fee',
            amountCents: n.feeCents,
            on: runOn,
            description: `Mahngebühr Stufe ${n.level} ${n.memberNo}`,
          });
          // The fee counts as already dunned at this level: it starts its own clock otherwise.
          raised.push({ id: feeId, level: n.level, amountCents: n.feeCents });
          n.receivableIds.push(feeId);
        }
      }
      await m.query(
        `INSERT INTO dunning_notices (dunning_run_id, member_id, level, open_cents, fee_cents, receivable_ids)
         SELECT $1, x.* FROM jsonb_to_recordset($2::jsonb)
           AS x(member_id uuid, level int, open_cents bigint, fee_cents bigint, receivable_ids uuid[])`,
        [
          id,
          JSON.stringify(
            notices.map((n) => ({
              member_id: n.memberId,
              level: n.level,
              open_cents: n.openCents,
              fee_cents: n.feeCents,
              receivable_ids: n.receivableIds,
            })),
          ),
        ],
      );
      await this.receivables.markDunned(m, raised, runOn);
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId,
        action: 'dunning-run.created',
        entityType: 'dunning_run',
        entityId: id,
        data: { runOn, notices: notices.length },
      });
      await this.queue.enqueue(
        m,
        'membership.letters',
        { kind: 'dunning', runId: id },
        { jobId: `dunning-letters-${id}` },
      );
      return id;
    });
    return this.get(actor, organisationId, runId);
  }

  /** Runs, newest first, by run day; the notices are a GET of the run away. */
  async list(
    actor: Actor,
    organisationId: string,
    query: DatedPageQueryDto,
  ): Promise<Page<Omit<DunningRun, 'notices'>>> {
    assertOrganisationRole(actor, organisationId, MEMBERSHIP_READERS);
    const where = `organisation_id = $1 AND ($2::date IS NULL OR run_on >= $2) AND ($3::date IS NULL OR run_on <= $3)`;
    const params = [organisationId, query.from ?? null, query.to ?? null];
    const { skip, take } = pageWindow(query);
    const items = await this.db.query<DunningRun[]>(
      `${DUNNING_RUN_SELECT} WHERE ${where} ORDER BY run_on DESC, created_at DESC, id OFFSET $4 LIMIT $5`,
      [...params, skip, take],
    );
    const [{ n }] = await this.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM dunning_runs WHERE ${where}`,
      params,
    );
    return pageOf(items, n, query);
  }

  async get(actor: Actor, organisationId: string, id: string): Promise<DunningRun> {
    assertOrganisationRole(actor, organisationId, MEMBERSHIP_READERS);
    const db = this.db;
    const [run] = await db.query<DunningRun[]>(
      `${DUNNING_RUN_SELECT} WHERE organisation_id = $1 AND id = $2`,
      [organisationId, id],
    );
    if (!run) throw notFound('Dunning run', id);
    run.notices = await db.query(
      `SELECT n.member_id AS "memberId", mb.member_no AS "memberNo",
              COALESCE(mb.organisation_name, concat_ws(' ', mb.first_name, mb.last_name)) AS "memberName", n.level,
              n.open_cents::int AS "openCents", n.fee_cents::int AS "feeCents", n.receivable_ids AS "receivableIds"
         FROM dunning_notices n JOIN members mb ON mb.id = n.member_id WHERE n.dunning_run_id = $1 ORDER BY mb.member_no`,
      [id],
    );
    return run;
  }

  async letters(actor: Actor, organisationId: string, id: string): Promise<Buffer> {
    assertOrganisationRole(actor, organisationId, ['treasurer', 'staff']);
    const [run] = await this.db.query<{ path: string | null; sha: string | null }[]>(
      `SELECT document_path AS path, document_sha256 AS sha FROM dunning_runs WHERE organisation_id = $1 AND id = $2`,
      [organisationId, id],
    );
    if (!run) throw notFound('Dunning run', id);
    if (!run.path)
      throw new DomainError(
        'DOCUMENT_NOT_READY',
        'The letters are being rendered; try again shortly',
        {},
        409,
      );
    return this.documents.get(run.path, Buffer.from(run.sha!, 'hex'));
  }

  /** Members with unpaid receivables past the last level: for the board to decide on exclusion. */
  async exclusionCandidates(
    actor: Actor,
    organisationId: string,
  ): Promise<Record<string, unknown>[]> {
    assertOrganisationRole(actor, organisationId, ['board', 'staff', 'treasurer']);
    return this.db.query<Record<string, unknown>[]>(
      `SELECT mb.id AS "memberId", mb.member_no AS "memberNo",
              COALESCE(mb.organisation_name, concat_ws(' ', mb.first_name, mb.last_name)) AS "memberName",
              sum(r.amount_cents)::int AS "openCents", to_char(min(r.due_on), 'YYYY-MM-DD') AS "oldestDueOn",
              to_char(max(r.last_dunned_on), 'YYYY-MM-DD') AS "lastDunnedOn"
         FROM receivables r JOIN members mb ON mb.id = r.member_id
        WHERE r.organisation_id = $1 AND r.status IN ('open', 'returned') AND mb.erased_at IS NULL AND mb.status = 'active'
        GROUP BY mb.id
       HAVING max(r.dunning_level) >= (SELECT max(level) FROM dunning_levels WHERE organisation_id = $1)
        ORDER BY mb.member_no`,
      [organisationId],
    );
  }

  private loadLevels(organisationId: string): Promise<DunningLevel[]> {
    return this.db.query(
      `SELECT level, days_overdue AS "daysOverdue", fee_cents::int AS "feeCents", title FROM dunning_levels
        WHERE organisation_id = $1 ORDER BY level`,
      [organisationId],
    );
  }
}
