import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@dachwerk/audit';
import {
  DomainError,
  hasRole,
  notFound,
  organisationIdsOf,
  pageOf,
  pageWindow,
  Transactions,
  validationFailed,
  type Actor,
  type Page,
  type PageQueryDto,
  type Role,
} from '@dachwerk/shared';
import type { CreateUserDto, SetRolesDto, UpdateUserDto } from './dto/user.dto';
import { hashPassword } from './password-hasher';
import { passwordProblems } from './password-policy';
import { SessionRepository } from './session.repository';
import { UserRecord, UserRepository } from './user.repository';

/** User administration: admins manage the users of the organisations they administer. */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {}

  /** Organisations whose users the actor may manage; undefined = all (platform admin). */
  private administered(actor: Actor): string[] | undefined {
    if (actor.isPlatformAdmin) return undefined;
    const orgs = organisationIdsOf(actor).filter((org) => hasRole(actor, org, ['admin']));
    if (!orgs.length) throw new DomainError('FORBIDDEN', 'This needs the role admin');
    return orgs;
  }

  private assertAdministers(actor: Actor, organisationId: string): void {
    const orgs = this.administered(actor);
    if (orgs && !orgs.includes(organisationId)) throw notFound('Organisation', organisationId);
  }

  async list(actor: Actor, query: PageQueryDto): Promise<Page<UserRecord>> {
    const { skip, take } = pageWindow(query);
    const [items, total] = await this.users.list(this.administered(actor), skip, take);
    return pageOf(items, total, query);
  }

  async get(actor: Actor, id: string): Promise<UserRecord> {
    const user = await this.users.find(id, this.administered(actor));
    if (!user) throw notFound('User', id);
    return user;
  }

  async create(actor: Actor, input: CreateUserDto): Promise<UserRecord> {
    const email = input.email.trim().toLowerCase();
    const problems = passwordProblems(input.password);
    if (problems.length) throw validationFailed(problems);
    if (!input.organisations.length) {
      throw validationFailed([
        {
          field: 'organisations',
          rule: 'arrayNotEmpty',
          message: 'a user needs a role in at least one organisation',
        },
      ]);
    }
    input.organisations.forEach((o, i) => this.checkRoles(o, `organisations.${i}`));
    for (const o of input.organisations) this.assertAdministers(actor, o.organisationId);
    const passwordHash = await hashPassword(input.password);

    return this.transactions.run(async (m) => {
      if (await this.users.emailExists(m, email)) {
        throw new DomainError(
          'EMAIL_TAKEN',
          'A user with this e-mail exists',
          { field: 'email' },
          409,
        );
      }
      const id = await this.users.insert(m, { email, name: input.name.trim(), passwordHash });
      for (const o of input.organisations) {
        await this.users.setRoles(m, id, o.organisationId, o.roles, o.initiativeIds ?? []);
        await this.audit.record(m, {
          actorUserId: actor.userId,
          organisationId: o.organisationId,
          action: 'user.created',
          entityType: 'user',
          entityId: id,
          after: {
            email,
            name: input.name.trim(),
            roles: o.roles,
            initiativeIds: o.initiativeIds ?? [],
          },
        });
      }
      return (await this.users.find(id, undefined, m))!;
    });
  }

  /**
   * For organisations: makes someone a contact person of an initiative — a user with the
   * role `initiative` bound to it. Staff and board may do this, not only admins, because
   * that role opens nothing but the initiative. An existing user keeps their other roles
   * and initiatives; a new one needs a password that passes the policy.
   */
  async addInitiativeContact(
    actor: Actor,
    organisationId: string,
    initiativeId: string,
    input: { email: string; name: string; password?: string },
  ): Promise<UserRecord> {
    const email = input.email.trim().toLowerCase();
    return this.transactions.run(async (m) => {
      let id = await this.users.findIdByEmail(m, email);
      if (!id) {
        if (!input.password)
          throw validationFailed([
            {
              field: 'password',
              rule: 'required',
              message: 'a new contact needs a first password',
            },
          ]);
        const problems = passwordProblems(input.password);
        if (problems.length) throw validationFailed(problems);
        id = await this.users.insert(m, {
          email,
          name: input.name.trim(),
          passwordHash: await hashPassword(input.password),
        });
      }
      const current = (await this.users.find(id, undefined, m))!.organisations.find(
        (o) => o.organisationId === organisationId,
      );
      const roles = [...new Set([...(current?.roles ?? []), 'initiative' as const])];
      const initiativeIds = [...new Set([...(current?.initiativeIds ?? []), initiativeId])];
      await this.users.setRoles(m, id, organisationId, roles, initiativeIds);
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId,
        action: 'initiative.contact-added',
        entityType: 'user',
        entityId: id,
        before: { roles: current?.roles ?? [], initiativeIds: current?.initiativeIds ?? [] },
        after: { roles, initiativeIds },
      });
      return (await this.users.find(id, undefined, m))!;
    });
  }

  async update(actor: Actor, id: string, input: UpdateUserDto): Promise<UserRecord> {
    return this.transactions.run(async (m) => {
      const before = await this.users.find(id, this.administered(actor), m);
      if (!before) throw notFound('User', id);
      if (input.isActive === false && id === actor.userId) {
        throw new DomainError('CANNOT_DEACTIVATE_SELF', 'You cannot deactivate yourself', {
          field: 'isActive',
        });
      }
      await this.users.update(m, id, { name: input.name?.trim(), isActive: input.isActive });
      if (input.isActive === false) await this.sessions.revokeAllOfUser(m, id);
      const after = (await this.users.find(id, undefined, m))!;
      await this.recordForEachOrganisation(m, actor, after, 'user.updated', {
        before: { name: before.name, isActive: before.isActive },
        after: { name: after.name, isActive: after.isActive },
      });
      return after;
    });
  }

  async resetPassword(actor: Actor, id: string, password: string): Promise<void> {
    const problems = passwordProblems(password);
    if (problems.length) throw validationFailed(problems);
    const passwordHash = await hashPassword(password);
    await this.transactions.run(async (m) => {
      const user = await this.users.find(id, this.administered(actor), m);
      if (!user) throw notFound('User', id);
      await this.users.setPasswordHash(m, id, passwordHash);
      // A reset means the old password may be known to someone else: end every session.
      await this.sessions.revokeAllOfUser(m, id);
      await this.recordForEachOrganisation(m, actor, user, 'user.password-reset', {
        before: { passwordHash: 'old' },
        after: { passwordHash: 'new' },
      });
    });
  }

  async setRoles(
    actor: Actor,
    id: string,
    organisationId: string,
    input: SetRolesDto,
  ): Promise<UserRecord> {
    this.assertAdministers(actor, organisationId);
    this.checkRoles(input, '');
    return this.transactions.run(async (m) => {
      const user = await this.users.find(id, this.administered(actor), m);
      if (!user) throw notFound('User', id);
      if (id === actor.userId && !input.roles.includes('admin') && !actor.isPlatformAdmin) {
        throw new DomainError('CANNOT_DEMOTE_SELF', 'You cannot remove your own admin role', {
          field: 'roles',
        });
      }
      const before = user.organisations.find((o) => o.organisationId === organisationId);
      await this.users.setRoles(m, id, organisationId, input.roles, input.initiativeIds ?? []);
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId,
        action: 'user.roles-changed',
        entityType: 'user',
        entityId: id,
        before: { roles: before?.roles ?? [], initiativeIds: before?.initiativeIds ?? [] },
        after: { roles: input.roles, initiativeIds: input.initiativeIds ?? [] },
      });
      return (await this.users.find(id, undefined, m))!;
    });
  }

  /** The founder of an organisation becomes its first admin (inside the founding transaction). */
  async makeFounderAdmin(
    manager: EntityManager,
    userId: string,
    organisationId: string,
  ): Promise<void> {
    await this.users.setRoles(manager, userId, organisationId, ['admin'], []);
  }

  private checkRoles(input: { roles: Role[]; initiativeIds?: string[] }, prefix: string): void {
    const field = (name: string) => (prefix ? `${prefix}.${name}` : name);
    if (input.initiativeIds?.length && !input.roles.includes('initiative')) {
      throw validationFailed([
        {
          field: field('initiativeIds'),
          rule: 'needsInitiativeRole',
          message: 'only users with role initiative act for initiatives',
        },
      ]);
    }
  }

  private async recordForEachOrganisation(
    m: EntityManager,
    actor: Actor,
    user: UserRecord,
    action: string,
    change: { before: Record<string, unknown>; after: Record<string, unknown> },
  ): Promise<void> {
    const orgs = user.organisations.map((o) => o.organisationId);
    for (const organisationId of orgs.length ? orgs : [null]) {
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId,
        action,
        entityType: 'user',
        entityId: user.id,
        ...change,
      });
    }
  }
}
