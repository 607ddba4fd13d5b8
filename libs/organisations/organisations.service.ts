import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '@dachwerk/audit';
import { UsersService } from '@dachwerk/auth';
import {
  assertOrganisationRole,
  DomainError,
  notFound,
  organisationIdsOf,
  pageOf,
  pageWindow,
  Transactions,
  validationFailed,
  type Actor,
  type Page,
  type PageQueryDto,
} from '@dachwerk/shared';
import { BankAccount } from './bank-account.entity';
import type { CreateBankAccountDto } from './dto/bank-account.dto';
import type { CreateExemptionNoticeDto } from './dto/exemption-notice.dto';
import type { CreateOrganisationDto, UpdateOrganisationDto } from './dto/organisation.dto';
import { ExemptionNotice } from './exemption-notice.entity';
import { Organisation } from './organisation.entity';
import { OrganisationRepository } from './organisation.repository';

const READERS = ['admin', 'staff', 'treasurer', 'board'] as const;

/** Tenants and their master data: bank accounts, creditor id, exemption notices. */
@Injectable()
export class OrganisationsService {
  constructor(
    private readonly organisations: OrganisationRepository,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly users: UsersService,
  ) {}

  async list(actor: Actor, query: PageQueryDto): Promise<Page<Organisation>> {
    const { skip, take } = pageWindow(query);
    const ids = actor.isPlatformAdmin ? undefined : organisationIdsOf(actor);
    const [items, total] = await this.organisations.listOrganisations(ids, skip, take);
    return pageOf(items, total, query);
  }

  async get(actor: Actor, id: string): Promise<Organisation> {
    assertOrganisationRole(actor, id);
    const organisation = await this.organisations.findOrganisation(id);
    if (!organisation) throw notFound('Organisation', id);
    return organisation;
  }

  /**
   * Whether initiative users may see who decided on their funding applications. For the
   * funding library's views; the caller has already checked the actor's access.
   */
  async publishesDeciders(organisationId: string): Promise<boolean> {
    return (await this.organisations.findOrganisation(organisationId))?.publishesDeciders ?? false;
  }

  /** Platform admins found organisations and become their first admin. */
  async create(actor: Actor, input: CreateOrganisationDto): Promise<Organisation> {
    if (!actor.isPlatformAdmin) {
      throw new DomainError('FORBIDDEN', 'Only platform administrators create organisations');
    }
    return this.transactions.run(async (m) => {
      await this.assertNameFree(m, input.name);
      const created = await this.organisations.insertOrganisation(m, {
        ...input,
        name: input.name.trim(),
      });
      await this.users.makeFounderAdmin(m, actor.userId, created.id);
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId: created.id,
        action: 'organisation.created',
        entityType: 'organisation',
        entityId: created.id,
        after: { ...input },
      });
      return created;
    });
  }

  async update(actor: Actor, id: string, input: UpdateOrganisationDto): Promise<Organisation> {
    assertOrganisationRole(actor, id, ['admin']);
    return this.transactions.run(async (m) => {
      const before = await this.organisations.lockOrganisation(m, id);
      if (!before) throw notFound('Organisation', id);
      if (input.name !== undefined) await this.assertNameFree(m, input.name, id);
      await this.organisations.updateOrganisation(m, id, input);
      const after = (await this.organisations.findOrganisation(id, m))!;
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId: id,
        action: 'organisation.updated',
        entityType: 'organisation',
        entityId: id,
        before: pick(before, Object.keys(input)),
        after: pick(after, Object.keys(input)),
      });
      return after;
    });
  }

  async listBankAccounts(
    actor: Actor,
    organisationId: string,
    query: PageQueryDto,
  ): Promise<Page<BankAccount>> {
    assertOrganisationRole(actor, organisationId, READERS);
    const { skip, take } = pageWindow(query);
    const [items, total] = await this.organisations.listBankAccounts(organisationId, skip, take);
    return pageOf(items, total, query);
  }

  async addBankAccount(
    actor: Actor,
    organisationId: string,
    input: CreateBankAccountDto,
  ): Promise<BankAccount> {
    assertOrganisationRole(actor, organisationId, ['admin', 'treasurer']);
    return this.transactions.run(async (m) => {
      await this.organisations.lockOrganisation(m, organisationId);
      const ledgerAccount = input.ledgerAccount ?? 18000;
      if (!(await this.organisations.isInChart(m, organisationId, ledgerAccount)))
        throw notFound('Account', String(ledgerAccount), 'ledgerAccount');
      if (await this.organisations.ibanTaken(m, organisationId, input.iban)) {
        throw new DomainError(
          'IBAN_TAKEN',
          'This account is already recorded',
          { field: 'iban' },
          409,
        );
      }
      if (input.isDefault) await this.organisations.clearDefaultBankAccount(m, organisationId);
      const account = await this.organisations.insertBankAccount(m, {
        organisationId,
        label: input.label.trim(),
        iban: input.iban,
        bic: input.bic ?? null,
        isDefault: input.isDefault ?? false,
        ledgerAccount,
      });
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId,
        action: 'bank-account.created',
        entityType: 'bank-account',
        entityId: account.id,
        after: {
          label: account.label,
          iban: account.iban,
          bic: account.bic,
          isDefault: account.isDefault,
        },
      });
      return account;
    });
  }

  async listExemptionNotices(
    actor: Actor,
    organisationId: string,
    query: PageQueryDto,
  ): Promise<Page<ExemptionNotice>> {
    assertOrganisationRole(actor, organisationId, READERS);
    const { skip, take } = pageWindow(query);
    const [items, total] = await this.organisations.listExemptionNotices(
      organisationId,
      skip,
      take,
    );
    return pageOf(items, total, query);
  }

  async addExemptionNotice(
    actor: Actor,
    organisationId: string,
    input: CreateExemptionNoticeDto,
  ): Promise<ExemptionNotice> {
    assertOrganisationRole(actor, organisationId, ['admin', 'treasurer']);
    if (input.periodFrom && input.periodTo && input.periodFrom > input.periodTo) {
      throw validationFailed([
        {
          field: 'periodTo',
          rule: 'notBeforePeriodFrom',
          message: 'periodTo must not be before periodFrom',
        },
      ]);
    }
    return this.transactions.run(async (m) => {
      const notice = await this.organisations.insertExemptionNotice(m, {
        organisationId,
        kind: input.kind,
        issuedOn: input.issuedOn,
        taxOffice: input.taxOffice.trim(),
        taxNumber: input.taxNumber ?? null,
        periodFrom: input.periodFrom ?? null,
        periodTo: input.periodTo ?? null,
        purposes: input.purposes ?? [],
      });
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId,
        action: 'exemption-notice.created',
        entityType: 'exemption-notice',
        entityId: notice.id,
        after: { ...input },
      });
      return notice;
    });
  }

  private async assertNameFree(m: EntityManager, name: string, exceptId?: string): Promise<void> {
    if (await this.organisations.nameTaken(m, name.trim(), exceptId)) {
      throw new DomainError(
        'ORGANISATION_NAME_TAKEN',
        'An organisation with this name exists',
        { field: 'name' },
        409,
      );
    }
  }
}

function pick(source: object, keys: string[]): Record<string, unknown> {
  const record = source as Record<string, unknown>;
  return Object.fromEntries(keys.map((key) => [key, record[key]]));
}
