import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService, type AuditRecord } from '@dachwerk/audit';
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
import type { CreateUserDto, InviteUserDto, SetRolesDto, UpdateUserDto } from './dto/user.dto';
import { InvitationRepository } from './invitation.repository';
import { InvitationsService } from './invitations.service';
import { NO_PASSWORD } from './password-hasher';
import { PasswordLink, PasswordLinksService } from './password-links.service';
import { PasswordTokenRepository } from './password-token.repository';
import { SessionRepository } from './session.repository';
import { UserRecord, UserRepository } from './user.repository';

/**
 * A user as the caller may see them: an organisation admin sees only the roles in the
 * organisations they administer, and not whether the user is a platform admin.
 */
export type UserView = Omit<UserRecord, 'isPlatformAdmin'> & { isPlatformAdmin?: boolean };

export type ContactResult =
  | { status: 'invited'; email: string }
  | { status: 'created'; userId: string; name: string; email: string; passwordLink: PasswordLink };

/**
 * User administration. An account belongs to its holder: name, activity and credentials
 * are changed only by the holder or a platform admin. An organisation admin manages the
 * role bindings of their organisation, creates new accounts (whose holders set their own
 * password through a one-time link) and invites existing ones — the holder accepts.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly tokens: PasswordTokenRepository,
    private readonly links: PasswordLinksService,
    private readonly invitations: InvitationsService,
    private readonly invitationRows: InvitationRepository,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {}

  /** Organisations whose role bindings the actor manages; undefined = all (platform admin). */
  private administered(actor: Actor): string[] | undefined {
    if (actor.isPlatformAdmin) return undefined;
    const orgs = organisationIdsOf(actor).filter((org) => hasRole(actor, org, ['admin']));
    if (!orgs.length)
      throw new DomainError('FORBIDDEN', 'This needs the role admin', {
        requiredRoles: ['admin'],
      });
    return orgs;
  }

  private assertAdministers(actor: Actor, organisationId: string): void {
    const orgs = this.administered(actor);
    if (orgs && !orgs.includes(organisationId)) throw notFound('Organisation', organisationId);
  }

  private view(record: UserRecord, administered: string[] | undefined): UserView {
    if (!administered) return record;
    const { isPlatformAdmin: _hidden, ...rest } = record;
    return {
      ...rest,
      organisations: rest.organisations.filter((o) => administered.includes(o.organisationId)),
    };
  }

  async list(actor: Actor, query: PageQueryDto): Promise<Page<UserView>> {
    const administered = this.administered(actor);
    const { skip, take } = pageWindow(query);
    const [items, total] = await this.users.list(administered, skip, take);
    return pageOf(
      items.map((u) => this.view(u, administered)),
      total,
      query,
    );
  }

  async get(actor: Actor, id: string): Promise<UserView> {
    const administered = this.administered(actor);
    const user = await this.users.find(id, administered);
    if (!user) throw notFound('User', id);
    return this.view(user, administered);
  }

  /** A new account with roles; its holder sets the password through a one-time link. */
  async create(
    actor: Actor,
    input: CreateUserDto,
  ): Promise<UserView & { passwordLink: PasswordLink }> {
    const email = input.email.trim().toLowerCase();
    const name = input.name.trim();
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

    const { user, link } = await this.transactions.run(async (m) => {
      if (await this.users.emailExists(m, email)) {
        throw new DomainError(
          'EMAIL_TAKEN',
          'A user with this e-mail exists; invite them instead (POST /users/invitations)',
          { field: 'email' },
          409,
        );
      }
      const id = await this.users.insert(m, { email, name, passwordHash: NO_PASSWORD });
      for (const o of input.organisations) {
        await this.users.setRoles(m, id, o.organisationId, o.roles, o.initiativeIds ?? []);
        await this.audit.record(m, {
          actorUserId: actor.userId,
          organisationId: o.organisationId,
          action: 'user.created',
          entityType: 'user',
          entityId: id,
          after: { email, name, roles: o.roles, initiativeIds: o.initiativeIds ?? [] },
        });
      }
      const holder = { id, email, name };
      return {
        user: (await this.users.find(id, undefined, m))!,
        link: await this.links.issue(m, holder, 'welcome', actor.userId),
      };
    });
    const passwordLink = await this.links.deliver(user, 'welcome', link, true);
    return { ...this.view(user, this.administered(actor)), passwordLink };
  }

  /** Offers an existing account roles in an organisation the actor administers. */
  async invite(actor: Actor, input: InviteUserDto): Promise<{ status: 'invited'; email: string }> {
    this.assertAdministers(actor, input.organisationId);
    this.checkRoles(input, '');
    const email = input.email.trim().toLowerCase();
    const initiativeIds = input.initiativeIds ?? [];
    return this.transactions.run(async (m) => {
      const userId = await this.users.findIdByEmail(m, email);
      if (!userId)
        throw new DomainError(
          'NOT_FOUND',
          'No account with this e-mail; create the user instead (POST /users)',
          { field: 'email' },
        );
      const unknown = await this.invitationRows.unknownInitiatives(
        m,
        input.organisationId,
        initiativeIds,
      );
      // Like every id outside the organisation: not found.
      if (unknown.length) throw notFound('Initiative', unknown[0], 'initiativeIds');
      await this.invitations.open(m, actor, {
        userId,
        organisationId: input.organisationId,
        roles: input.roles,
        initiativeIds,
      });
      return { status: 'invited' as const, email };
    });
  }

  /**
   * For organisations: makes someone a contact person of an initiative (role `initiative`
   * bound to it). Staff and board may do this, because that role opens nothing but the
   * initiative. A new e-mail becomes a new account whose holder sets the password; an
   * existing account is invited and gains the initiative only when its holder accepts.
   */
  async addInitiativeContact(
    actor: Actor,
    organisationId: string,
    initiativeId: string,
    input: { email: string; name: string },
  ): Promise<ContactResult> {
    const email = input.email.trim().toLowerCase();
    const name = input.name.trim();
    const created = await this.transactions.run(async (m) => {
      const existing = await this.users.findIdByEmail(m, email);
      if (existing) {
        await this.invitations.open(m, actor, {
          userId: existing,
          organisationId,
          roles: ['initiative'],
          initiativeIds: [initiativeId],
        });
        return undefined;
      }
      const id = await this.users.insert(m, { email, name, passwordHash: NO_PASSWORD });
      await this.users.setRoles(m, id, organisationId, ['initiative'], [initiativeId]);
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId,
        action: 'initiative.contact-added',
        entityType: 'user',
        entityId: id,
        after: { email, name, roles: ['initiative'], initiativeIds: [initiativeId] },
      });
      const holder = { id, email, name };
      return { holder, link: await this.links.issue(m, holder, 'welcome', actor.userId) };
    });
    if (!created) return { status: 'invited', email };
    const passwordLink = await this.links.deliver(created.holder, 'welcome', created.link, true);
    return { status: 'created', userId: created.holder.id, name, email, passwordLink };
  }

  /** Name and activity: the holder (name only) or a platform admin. */
  async update(actor: Actor, id: string, input: UpdateUserDto): Promise<UserView> {
    const administered = this.administered(actor);
    return this.transactions.run(async (m) => {
      const before = await this.users.find(id, administered, m);
      if (!before) throw notFound('User', id);
      this.assertOwnsAccount(actor, id);
      if (input.isActive === false && id === actor.userId) {
        throw new DomainError('CANNOT_DEACTIVATE_SELF', 'You cannot deactivate yourself', {
          field: 'isActive',
        });
      }
      await this.users.update(m, id, { name: input.name?.trim(), isActive: input.isActive });
      if (input.isActive === false) {
        await this.sessions.revokeAllOfUser(m, id);
        await this.tokens.closeAllOfUser(m, id);
      }
      const after = (await this.users.find(id, undefined, m))!;
      await this.recordForEachOrganisation(m, actor, after, 'user.updated', {
        before: { name: before.name, isActive: before.isActive },
        after: { name: after.name, isActive: after.isActive },
      });
      return this.view(after, administered);
    });
  }

  /**
   * Starts a reset that the holder completes with a one-time link. An organisation admin's
   * reset goes only to the holder's e-mail; a platform admin may be shown the link once
   * when no mail is set up.
   */
  async triggerPasswordReset(actor: Actor, id: string): Promise<PasswordLink> {
    const administered = this.administered(actor);
    const mayShow = actor.isPlatformAdmin || id === actor.userId;
    const { user, link } = await this.transactions.run(async (m) => {
      const user = await this.users.find(id, administered, m);
      if (!user) throw notFound('User', id);
      if (!user.isActive)
        throw new DomainError('USER_INACTIVE', 'The user is deactivated', {}, 409);
      this.links.assertDeliverable(mayShow);
      const link = await this.links.issue(m, user, 'reset', actor.userId);
      await this.recordForEachOrganisation(m, actor, user, 'user.password-reset-requested', {
        data: { delivery: mayShow && !this.links.mailsLinks ? 'shown-once' : 'email' },
      });
      return { user, link };
    });
    return this.links.deliver(user, 'reset', link, mayShow);
  }

  async setRoles(
    actor: Actor,
    id: string,
    organisationId: string,
    input: SetRolesDto,
  ): Promise<UserView> {
    this.assertAdministers(actor, organisationId);
    this.checkRoles(input, '');
    const administered = this.administered(actor);
    return this.transactions.run(async (m) => {
      const user = await this.users.find(id, administered, m);
      if (!user) throw notFound('User', id);
      const before = user.organisations.find((o) => o.organisationId === organisationId);
      // Binding an account to an organisation it is not in needs the holder's consent.
      if (!before && !actor.isPlatformAdmin)
        throw new DomainError(
          'NOT_A_MEMBER',
          'The user has no role in this organisation; invite them (POST /users/invitations)',
          {},
          409,
        );
      if (id === actor.userId && !input.roles.includes('admin') && !actor.isPlatformAdmin) {
        throw new DomainError('CANNOT_DEMOTE_SELF', 'You cannot remove your own admin role', {
          field: 'roles',
        });
      }
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
      return this.view((await this.users.find(id, undefined, m))!, administered);
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

  /** Identity, activity and credentials: the holder or a platform admin, nobody else. */
  private assertOwnsAccount(actor: Actor, id: string): void {
    if (id !== actor.userId && !actor.isPlatformAdmin)
      throw new DomainError(
        'FORBIDDEN',
        "Only the account holder or a platform administrator changes a user's name, activity or password",
      );
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
    change: Pick<AuditRecord, 'before' | 'after' | 'data'>,
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
