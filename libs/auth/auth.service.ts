import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@dachwerk/audit';
import {
  APP_CONFIG,
  DomainError,
  Transactions,
  type Actor,
  type AppConfig,
} from '@dachwerk/shared';
import { LoginThrottle } from './login-throttle';
import { verifyAgainstDummy, verifyPassword } from './password-hasher';
import { SessionCache } from './session-cache';
import { SessionRepository } from './session.repository';
import { hashToken } from './session-token';

export interface LoginResult {
  token: string;
  expiresAt: Date;
  actor: Actor;
}

/** Refresh last_seen_at at most this often: one write per minute, not per request. */
const TOUCH_AFTER_MS = 60_000;

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: DataSource,
    private readonly sessions: SessionRepository,
    private readonly cache: SessionCache,
    private readonly throttle: LoginThrottle,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {}

  /** `client`: the caller's address, as the throttle counts it (see LoginThrottle). */
  async login(rawEmail: string, password: string, client: string): Promise<LoginResult> {
    const email = rawEmail.trim().toLowerCase();
    await this.throttle.check(email, client);

    const rows = await this.db.query<{ id: string; password_hash: string }[]>(
      `SELECT id, password_hash FROM users WHERE email = $1 AND is_active`,
      [email],
    );
    const user = rows[0];
    const valid = user
      ? await verifyPassword(user.password_hash, password)
      : (await verifyAgainstDummy(password), false);
    if (!user || !valid) {
      const lockedSeconds = await this.throttle.failed(email, client);
      if (lockedSeconds && user) {
        await this.transactions.run((m) =>
          this.audit.record(m, {
            actorUserId: null,
            organisationId: null,
            action: 'auth.locked',
            entityType: 'user',
            entityId: user.id,
            data: { lockedSeconds },
          }),
        );
      }
      throw new DomainError('INVALID_CREDENTIALS', 'E-mail or password is wrong');
    }
    await this.throttle.succeeded(email, client);

    const token = randomBytes(32).toString('base64url');
    const tokenHash = hashToken(token);
    const expiresAt = await this.transactions.run(async (m) => {
      const expires = await this.sessions.create(
        m,
        tokenHash,
        user.id,
        this.config.SESSION_TTL_MINUTES,
      );
      await this.audit.record(m, {
        actorUserId: user.id,
        organisationId: null,
        action: 'auth.login',
        entityType: 'user',
        entityId: user.id,
      });
      return expires;
    });
    const resolved = await this.sessions.resolve(tokenHash, this.config.SESSION_IDLE_MINUTES);
    if (!resolved) throw new Error('A session just created could not be read back');
    return { token, expiresAt, actor: resolved.actor };
  }

  /** The actor behind a token, or undefined when the session is unknown, ended or idle too long. */
  async authenticate(token: string): Promise<Actor | undefined> {
    const tokenHash = hashToken(token);
    const key = tokenHash.toString('base64');
    const cached = this.cache.get(key);
    if (cached) {
      const idleMs = Date.now() - cached.lastSeenAt.getTime();
      if (idleMs < this.config.SESSION_IDLE_MINUTES * 60_000) {
        if (idleMs > TOUCH_AFTER_MS) {
          cached.lastSeenAt = new Date();
          await this.sessions.touch(tokenHash);
        }
        return cached.actor;
      }
    }
    const version = this.cache.begin();
    const resolved = await this.sessions.resolve(tokenHash, this.config.SESSION_IDLE_MINUTES);
    if (!resolved) return undefined;
    if (Date.now() - resolved.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
      await this.sessions.touch(tokenHash);
      resolved.lastSeenAt = new Date();
    }
    this.cache.put(key, resolved, version);
    return resolved.actor;
  }

  async logout(actor: Actor, token: string): Promise<void> {
    await this.transactions.run(async (m) => {
      await this.sessions.revoke(m, hashToken(token));
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId: null,
        action: 'auth.logout',
        entityType: 'user',
        entityId: actor.userId,
      });
    });
  }

  async logoutEverywhere(actor: Actor): Promise<number> {
    return this.transactions.run(async (m) => {
      const count = await this.sessions.revokeAllOfUser(m, actor.userId);
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId: null,
        action: 'auth.logout-all',
        entityType: 'user',
        entityId: actor.userId,
        data: { sessionsEnded: count },
      });
      return count;
    });
  }
}
