import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@dachwerk/audit';
import { DomainError, Transactions, validationFailed, type Actor } from '@dachwerk/shared';
import { LoginThrottle } from './login-throttle';
import { hashPassword, verifyPassword } from './password-hasher';
import { PasswordLinksService } from './password-links.service';
import { passwordProblems } from './password-policy';
import { PasswordTokenRepository } from './password-token.repository';
import { SessionRepository } from './session.repository';
import { hashToken } from './session-token';
import { UserRepository } from './user.repository';

/** What the holder of an account does with it: name, password, completing a reset. */
@Injectable()
export class AccountService {
  private readonly logger = new Logger('AccountService');

  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly tokens: PasswordTokenRepository,
    private readonly links: PasswordLinksService,
    private readonly throttle: LoginThrottle,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {}

  async rename(actor: Actor, name: string): Promise<void> {
    await this.transactions.run(async (m) => {
      await this.users.update(m, actor.userId, { name: name.trim() });
      await this.record(m, actor.userId, 'user.updated', { after: { name: name.trim() } });
    });
  }

  /**
   * Changes the password after checking the current one; every other session ends (one
   * of them may be why the password changes), the one in use stays.
   */
  async changePassword(
    actor: Actor,
    client: { token: string; address: string },
    currentPassword: string,
    newPassword: string,
  ): Promise<void> {
    // A stolen session must not become a way to guess the password: same throttle as login.
    await this.throttle.check(actor.email, client.address);
    const hash = await this.transactions.run((m) => this.users.passwordHashOf(m, actor.userId));
    if (!hash || !(await verifyPassword(hash, currentPassword))) {
      await this.throttle.failed(actor.email, client.address);
      throw new DomainError(
        'CURRENT_PASSWORD_WRONG',
        'The current password is wrong',
        { errors: [{ field: 'currentPassword', rule: 'matches', message: 'is wrong' }] },
        422,
      );
    }
    const problems = passwordProblems(newPassword, actor, 'newPassword');
    if (problems.length) throw validationFailed(problems);
    const newHash = await hashPassword(newPassword);
    await this.transactions.run(async (m) => {
      await this.users.setPasswordHash(m, actor.userId, newHash);
      await this.tokens.closeAllOfUser(m, actor.userId);
      await this.sessions.revokeAllOfUserExcept(m, actor.userId, hashToken(client.token));
      await this.record(m, actor.userId, 'user.password-changed', {});
    });
  }

  /**
   * Completes a reset or a new account's welcome link: the token is spent in the same
   * transaction that sets the password, so a refused password leaves it usable.
   */
  async setPasswordWithToken(token: string, password: string, client: string): Promise<void> {
    await this.throttle.checkRate(client);
    await this.transactions.run(async (m) => {
      const spent = await this.tokens.spend(m, hashToken(token));
      if (!spent)
        throw new DomainError(
          'TOKEN_INVALID',
          'The link is unknown, used or expired; ask for a new one',
          { errors: [{ field: 'token', rule: 'valid', message: 'is unknown, used or expired' }] },
          400,
        );
      const user = (await this.users.find(spent.userId, undefined, m))!;
      const problems = passwordProblems(password, user);
      if (problems.length) throw validationFailed(problems);
      await this.users.setPasswordHash(m, user.id, await hashPassword(password));
      await this.tokens.closeAllOfUser(m, user.id);
      // Whoever knew the old password is out.
      await this.sessions.revokeAllOfUser(m, user.id);
      await this.record(m, user.id, 'user.password-set', { data: { via: spent.purpose } });
    });
  }

  /** "Forgot password": mails a reset link to an active account; says nothing either way. */
  async requestReset(rawEmail: string, client: string): Promise<void> {
    await this.throttle.checkRate(client);
    if (!this.links.mailsLinks) return;
    const email = rawEmail.trim().toLowerCase();
    const issued = await this.transactions.run(async (m) => {
      const id = await this.users.findIdByEmail(m, email);
      const user = id ? await this.users.find(id, undefined, m) : undefined;
      if (!user?.isActive) return undefined;
      const link = await this.links.issue(m, user, 'reset', null);
      await this.record(m, user.id, 'user.password-reset-requested', { data: { via: 'self' } });
      return { user, link };
    });
    // Not awaited: how long the answer takes must not tell whether the account exists.
    if (issued)
      this.links
        .deliver(issued.user, 'reset', issued.link, false)
        .catch((error: unknown) =>
          this.logger.warn({ err: error }, 'A requested reset link could not be mailed'),
        );
  }

  private async record(
    m: EntityManager,
    userId: string,
    action: string,
    change: { after?: Record<string, unknown>; data?: Record<string, unknown> },
  ): Promise<void> {
    await this.audit.record(m, {
      actorUserId: userId,
      organisationId: null,
      action,
      entityType: 'user',
      entityId: userId,
      ...change,
    });
  }
}
