import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@dachwerk/audit';
import { UsersService, type ContactResult } from '@dachwerk/auth';
import {
  assertOrganisationRole,
  DomainError,
  hasRole,
  notFound,
  pageOf,
  pageWindow,
  resolveIn,
  Transactions,
  type Actor,
  type Page,
  type PageQueryDto,
  type ResolveOptions,
} from '@dachwerk/shared';
import type { CreateInitiativeDto, UpdateInitiativeDto } from './dto/initiative.dto';

export type InitiativeStatus = 'applied' | 'active' | 'paused' | 'ended';

export interface Initiative {
  id: string;
  name: string;
  purpose: string;
  taxPurpose: string;
  costCentre: string;
  status: InitiativeStatus;
  agreementSignedOn: string | null;
  agreementEndsOn: string | null;
  /** Administration fee on every inflow, in basis points (500 = 5 %). */
  feeBasisPoints: number;
  feeYearlyCents: number;
  createdAt: Date;
  updatedAt: Date;
}

const SELECT = `SELECT id, name, purpose, tax_purpose AS "taxPurpose", cost_centre AS "costCentre", status,
    to_char(agreement_signed_on, 'YYYY-MM-DD') AS "agreementSignedOn", to_char(agreement_ends_on, 'YYYY-MM-DD') AS "agreementEndsOn",
    fee_basis_points AS "feeBasisPoints", fee_yearly_cents::int AS "feeYearlyCents", created_at AS "createdAt", updated_at AS "updatedAt"
  FROM initiatives`;

const STAFF = ['staff', 'treasurer', 'board', 'admin'] as const;

/**
 * The initiatives the umbrella runs as its own projects. Staff onboard them; a user
 * with the role `initiative` sees only the initiatives they act for — any other
 * answers 404, as if it did not exist.
 */
@Injectable()
export class InitiativesService {
  constructor(
    private readonly db: DataSource,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly users: UsersService,
  ) {}

  async list(actor: Actor, organisationId: string, query: PageQueryDto): Promise<Page<Initiative>> {
    assertOrganisationRole(actor, organisationId);
    const own = this.scopeOf(actor, organisationId);
    const where = `organisation_id = $1 AND ($2::uuid[] IS NULL OR id = ANY($2))`;
    const { skip, take } = pageWindow(query);
    const items = await this.db.query<Initiative[]>(
      `${SELECT} WHERE ${where} ORDER BY name, id OFFSET $3 LIMIT $4`,
      [organisationId, own, skip, take],
    );
    const [{ n }] = await this.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM initiatives WHERE ${where}`,
      [organisationId, own],
    );
    return pageOf(items, n, query);
  }

  async get(actor: Actor, organisationId: string, id: string): Promise<Initiative> {
    assertOrganisationRole(actor, organisationId);
    const own = this.scopeOf(actor, organisationId);
    if (own && !own.includes(id)) throw notFound('Initiative', id);
    return this.resolve(this.db.manager, organisationId, id);
  }

  /**
   * The initiative of this organisation, or 404 — for ids other libraries receive; callers
   * acting for an actor use get(), which also applies the initiative scope.
   */
  resolve(
    m: EntityManager,
    organisationId: string,
    id: string,
    options: ResolveOptions = {},
  ): Promise<Initiative> {
    return resolveIn('Initiative', id, () => this.find(m, organisationId, id), options.field);
  }

  /**
   * The initiative ids an actor is limited to in an organisation, or null when they see
   * all (staff, treasurer, board, admin). The one place the initiative scope is decided.
   */
  scopeOf(actor: Actor, organisationId: string): string[] | null {
    return hasRole(actor, organisationId, STAFF)
      ? null
      : (actor.initiativeIds[organisationId] ?? []);
  }

  find(m: EntityManager, organisationId: string, id: string): Promise<Initiative | undefined> {
    return m
      .query<Initiative[]>(`${SELECT} WHERE organisation_id = $1 AND id = $2`, [organisationId, id])
      .then((r) => r[0]);
  }

  /** For bookings that name an initiative: it must exist in the organisation and take money now. */
  async receiving(
    m: EntityManager,
    organisationId: string,
    id: string,
    field: string,
  ): Promise<Initiative> {
    const initiative = await this.resolve(m, organisationId, id, { field });
    if (initiative.status === 'ended')
      throw new DomainError(
        'INITIATIVE_ENDED',
        `${initiative.name} has ended and takes no more money`,
        { field, initiativeName: initiative.name },
      );
    return initiative;
  }

  byCostCentre(
    m: EntityManager,
    organisationId: string,
    costCentres: string[],
  ): Promise<Initiative[]> {
    return m.query(`${SELECT} WHERE organisation_id = $1 AND cost_centre = ANY($2::text[])`, [
      organisationId,
      costCentres,
    ]);
  }

  async create(
    actor: Actor,
    organisationId: string,
    input: CreateInitiativeDto,
  ): Promise<Initiative> {
    assertOrganisationRole(actor, organisationId, ['staff', 'board']);
    this.checkAgreement(input);
    return this.transactions.run(async (m) => {
      const [row] = await m.query<{ id: string }[]>(
        `INSERT INTO initiatives (organisation_id, name, purpose, tax_purpose, cost_centre, status, agreement_signed_on, agreement_ends_on,
           fee_basis_points, fee_yearly_cents) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [
          organisationId,
          input.name.trim(),
          input.purpose.trim(),
          input.taxPurpose.trim(),
          input.costCentre,
          input.status ?? 'applied',
          input.agreementSignedOn ?? null,
          input.agreementEndsOn ?? null,
          input.feeBasisPoints ?? 0,
          input.feeYearlyCents ?? 0,
        ],
      );
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId,
        action: 'initiative.created',
        entityType: 'initiative',
        entityId: row.id,
        data: { name: input.name, costCentre: input.costCentre },
      });
      return (await this.find(m, organisationId, row.id))!;
    });
  }

  async update(
    actor: Actor,
    organisationId: string,
    id: string,
    input: UpdateInitiativeDto,
  ): Promise<Initiative> {
    assertOrganisationRole(actor, organisationId, ['staff', 'board']);
    return this.transactions.run(async (m) => {
      const before = await this.resolve(m, organisationId, id);
      const after = {
        ...before,
        ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
      };
      this.checkAgreement(after);
      await m.query(
        `UPDATE initiatives SET name = $2, purpose = $3, tax_purpose = $4, status = $5, agreement_signed_on = $6, agreement_ends_on = $7,
           fee_basis_points = $8, fee_yearly_cents = $9, updated_at = now() WHERE id = $1 AND organisation_id = $10`,
        [
          id,
          after.name,
          after.purpose,
          after.taxPurpose,
          after.status,
          after.agreementSignedOn,
          after.agreementEndsOn,
          after.feeBasisPoints,
          after.feeYearlyCents,
          organisationId,
        ],
      );
      const saved = (await this.find(m, organisationId, id))!;
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId,
        action: 'initiative.updated',
        entityType: 'initiative',
        entityId: id,
        before: before as unknown as Record<string, unknown>,
        after: saved as unknown as Record<string, unknown>,
      });
      return saved;
    });
  }

  /** The people who act for the initiative (users with the role `initiative` bound to it). */
  async contacts(
    actor: Actor,
    organisationId: string,
    id: string,
  ): Promise<{ userId: string; name: string; email: string }[]> {
    await this.get(actor, organisationId, id);
    return this.db.query(
      `SELECT u.id AS "userId", u.name, u.email FROM user_initiatives ui JOIN users u ON u.id = ui.user_id
        WHERE ui.organisation_id = $1 AND ui.initiative_id = $2 AND u.is_active ORDER BY u.name`,
      [organisationId, id],
    );
  }

  /**
   * Onboarding a contact person: a new e-mail becomes a user scoped to this initiative
   * (who sets the password through a one-time link); an existing account is invited.
   */
  async addContact(
    actor: Actor,
    organisationId: string,
    id: string,
    input: { email: string; name: string },
  ): Promise<ContactResult> {
    assertOrganisationRole(actor, organisationId, ['staff', 'board']);
    await this.get(actor, organisationId, id);
    return this.users.addInitiativeContact(actor, organisationId, id, input);
  }

  private checkAgreement(i: {
    status?: string;
    agreementSignedOn?: string | null;
    agreementEndsOn?: string | null;
  }): void {
    if (i.status && i.status !== 'applied' && !i.agreementSignedOn)
      throw new DomainError(
        'AGREEMENT_MISSING',
        'An initiative is active only with a signed agreement',
        { field: 'agreementSignedOn' },
      );
    if (i.agreementEndsOn && i.agreementSignedOn && i.agreementEndsOn < i.agreementSignedOn)
      throw new DomainError('AGREEMENT_REVERSED', 'The agreement ends before it was signed', {
        field: 'agreementEndsOn',
      });
  }
}

/** The administration fee on an inflow (docs/DOMAIN.md §6), rounded to the cent. */
export function administrationFee(
  initiative: Pick<Initiative, 'feeBasisPoints'>,
  amountCents: number,
): number {
  return Math.round((amountCents * initiative.feeBasisPoints) / 10_000);
}
