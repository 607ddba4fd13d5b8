import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@dachwerk/audit';
import {
  assertOrganisationRole,
  DomainError,
  notFound,
  pageOf,
  pageWindow,
  Transactions,
  type Actor,
  type Page,
  type PageQueryDto,
} from '@dachwerk/shared';
import type { CreateProgrammeDto } from './dto/funding.dto';

export interface Programme {
  id: string;
  name: string;
  costCentre: string;
  budgetCents: number;
  reservedCents: number;
  startsOn: string;
  endsOn: string;
  eligibleCostTypes: string[];
  ownShareBasisPoints: number;
  criteria: { key: string; name: string; weight: number }[];
  proofDueMonths: number;
}

export const PROGRAMME_SELECT = `SELECT id, name, cost_centre AS "costCentre", budget_cents::float8 AS "budgetCents",
    reserved_cents::float8 AS "reservedCents", to_char(starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(ends_on, 'YYYY-MM-DD') AS "endsOn",
    eligible_cost_types AS "eligibleCostTypes", own_share_basis_points AS "ownShareBasisPoints", criteria,
    proof_due_months AS "proofDueMonths"
  FROM programmes`;

/** Funding programmes (a city grant, the umbrella's own pot): budget, period, eligible costs, own share, criteria. */
@Injectable()
export class ProgrammesService {
  constructor(
    private readonly db: DataSource,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor, organisationId: string, query: PageQueryDto): Promise<Page<Programme>> {
    assertOrganisationRole(actor, organisationId);
    const { skip, take } = pageWindow(query);
    const items = await this.db.query<Programme[]>(
      `${PROGRAMME_SELECT} WHERE organisation_id = $1 ORDER BY starts_on DESC, name, id OFFSET $2 LIMIT $3`,
      [organisationId, skip, take],
    );
    const [{ n }] = await this.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM programmes WHERE organisation_id = $1`,
      [organisationId],
    );
    return pageOf(items, n, query);
  }

  async get(actor: Actor, organisationId: string, id: string): Promise<Programme> {
    assertOrganisationRole(actor, organisationId);
    const [row] = await this.db.query<Programme[]>(
      `${PROGRAMME_SELECT} WHERE organisation_id = $1 AND id = $2`,
      [organisationId, id],
    );
    if (!row) throw notFound('Programme', id);
    return row;
  }

  async create(
    actor: Actor,
    organisationId: string,
    input: CreateProgrammeDto,
  ): Promise<Programme> {
    assertOrganisationRole(actor, organisationId, ['board', 'staff']);
    if (input.endsOn < input.startsOn)
      throw new DomainError('PERIOD_REVERSED', 'endsOn lies before startsOn', { field: 'endsOn' });
    const weights = input.criteria.reduce((s, c) => s + c.weight, 0);
    if (weights !== 100)
      throw new DomainError(
        'WEIGHTS_NOT_100',
        `The criteria weights add up to ${weights}, not 100`,
        { field: 'criteria', weights },
      );
    if (new Set(input.criteria.map((c) => c.key)).size !== input.criteria.length)
      throw new DomainError('CRITERIA_DUPLICATE', 'Each criterion needs its own key', {
        field: 'criteria',
      });
    return this.transactions.run(async (m) => {
      const [{ id }] = await m.query<{ id: string }[]>(
        `INSERT INTO programmes (organisation_id, name, cost_centre, budget_cents, starts_on, ends_on, eligible_cost_types, own_share_basis_points,
           criteria, proof_due_months) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [
          organisationId,
          input.name.trim(),
          input.costCentre,
          input.budgetCents,
          input.startsOn,
          input.endsOn,
          input.eligibleCostTypes,
          input.ownShareBasisPoints ?? 0,
          JSON.stringify(input.criteria),
          input.proofDueMonths ?? 3,
        ],
      );
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId,
        action: 'programme.created',
        entityType: 'programme',
        entityId: id,
        data: { name: input.name, budgetCents: input.budgetCents },
      });
      return (await m.query<Programme[]>(`${PROGRAMME_SELECT} WHERE id = $1`, [id]))[0];
    });
  }
}
