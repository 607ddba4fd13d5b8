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

/** A cost centre (KOST2) of the organisation's master list. */
export interface CostCentre {
  code: string;
  name: string;
  active: boolean;
  createdAt: Date;
  deactivatedAt: Date | null;
}

/** Those who read the books see the list; the treasurer (or an admin) keeps it. */
const READERS = ['treasurer', 'board', 'staff', 'admin'] as const;

const SELECT = `SELECT code, name, active, created_at AS "createdAt", deactivated_at AS "deactivatedAt" FROM cost_centres`;

/**
 * The master list of cost centres (KOST2) per organisation. Onboarding an initiative or
 * opening a programme puts its cost centre here (a trigger, migration 1765920000000); the
 * ledger books only onto listed, active ones.
 */
@Injectable()
export class CostCentresService {
  constructor(
    private readonly db: DataSource,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {}

  async list(
    actor: Actor,
    organisationId: string,
    query: PageQueryDto & { active?: boolean },
  ): Promise<Page<CostCentre>> {
    assertOrganisationRole(actor, organisationId, READERS);
    const where = `organisation_id = $1 AND ($2::boolean IS NULL OR active = $2)`;
    const params = [organisationId, query.active ?? null];
    const { skip, take } = pageWindow(query);
    const items = await this.db.query<CostCentre[]>(
      `${SELECT} WHERE ${where} ORDER BY code OFFSET $3 LIMIT $4`,
      [...params, skip, take],
    );
    const [{ n }] = await this.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM cost_centres WHERE ${where}`,
      params,
    );
    return pageOf(items, n, query);
  }

  async create(
    actor: Actor,
    organisationId: string,
    input: { code: string; name: string },
  ): Promise<CostCentre> {
    assertOrganisationRole(actor, organisationId, ['treasurer', 'admin']);
    return this.transactions.run(async (m) => {
      const [row] = await m.query<CostCentre[]>(
        `INSERT INTO cost_centres (organisation_id, code, name) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING
         RETURNING code, name, active, created_at AS "createdAt", deactivated_at AS "deactivatedAt"`,
        [organisationId, input.code, input.name.trim()],
      );
      if (!row)
        throw new DomainError(
          'COST_CENTRE_EXISTS',
          `Cost centre ${input.code} is on the list already`,
          { field: 'code', costCentre: input.code },
          409,
        );
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId,
        action: 'cost-centre.created',
        entityType: 'cost-centre',
        entityId: input.code,
        data: { name: row.name },
      });
      return row;
    });
  }

  /** No more postings on it; what it holds stays, reports still show it. */
  async setActive(
    actor: Actor,
    organisationId: string,
    code: string,
    active: boolean,
  ): Promise<CostCentre> {
    assertOrganisationRole(actor, organisationId, ['treasurer', 'admin']);
    return this.transactions.run(async (m) => {
      await m.query(
        `UPDATE cost_centres SET active = $3, deactivated_at = CASE WHEN $3 THEN NULL ELSE COALESCE(deactivated_at, now()) END
          WHERE organisation_id = $1 AND code = $2`,
        [organisationId, code, active],
      );
      const [saved] = await m.query<CostCentre[]>(
        `${SELECT} WHERE organisation_id = $1 AND code = $2`,
        [organisationId, code],
      );
      if (!saved) throw notFound('Cost centre', code);
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId,
        action: active ? 'cost-centre.reactivated' : 'cost-centre.deactivated',
        entityType: 'cost-centre',
        entityId: code,
        data: { name: saved.name },
      });
      return saved;
    });
  }
}
