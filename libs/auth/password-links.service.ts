import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, DomainError, Mailer, type AppConfig } from '@dachwerk/shared';
import { hashToken } from './session-token';
import { PasswordTokenPurpose, PasswordTokenRepository } from './password-token.repository';

/** A new account's link to set the first password is valid this long ... */
export const WELCOME_LINK_MINUTES = 7 * 24 * 60;
/** ... a reset link this long. */
export const RESET_LINK_MINUTES = 2 * 60;

export interface PasswordLink {
  /** `email`: sent to the account holder; `shown-once`: the token is in this answer only. */
  delivery: 'email' | 'shown-once';
  token?: string;
  expiresAt: Date;
}

interface Holder {
  id: string;
  email: string;
  name: string;
}

/**
 * One-time links to set a password: the holder of the account, not the admin who
 * triggered it, chooses the password. Issued inside the caller's transaction; delivered
 * (mailed, or handed back to be shown once) after it committed.
 */
@Injectable()
export class PasswordLinksService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tokens: PasswordTokenRepository,
    private readonly mailer: Mailer,
  ) {}

  get mailsLinks(): boolean {
    return this.mailer.isConfigured;
  }

  /** Whether a link can reach the holder at all when it may not be shown to the caller. */
  assertDeliverable(mayShow: boolean): void {
    if (!mayShow && !this.mailer.isConfigured)
      throw new DomainError(
        'RESET_NEEDS_MAIL',
        'E-mail is not set up (SMTP_URL), and only the account holder may see a reset link; ask a platform administrator',
        {},
        409,
      );
  }

  async issue(
    m: EntityManager,
    holder: Holder,
    purpose: PasswordTokenPurpose,
    createdBy: string | null,
  ): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = await this.tokens.issue(
      m,
      { hash: hashToken(token), userId: holder.id, purpose, createdBy },
      purpose === 'welcome' ? WELCOME_LINK_MINUTES : RESET_LINK_MINUTES,
    );
    return { token, expiresAt };
  }

  /** Mails the link when SMTP is set; otherwise hands it back if the caller may see it. */
  async deliver(
    holder: Holder,
    purpose: PasswordTokenPurpose,
    link: { token: string; expiresAt: Date },
    mayShow: boolean,
  ): Promise<PasswordLink> {
    if (!this.mailer.isConfigured) {
      this.assertDeliverable(mayShow);
      return { delivery: 'shown-once', token: link.token, expiresAt: link.expiresAt };
    }
    try {
      await this.mailer.send({ to: holder.email, ...this.message(holder, purpose, link) });
    } catch {
      throw new DomainError(
        'MAIL_FAILED',
        'The e-mail could not be sent; try again later (a new link replaces this one)',
        {},
        503,
      );
    }
    return { delivery: 'email', expiresAt: link.expiresAt };
  }

  private message(
    holder: Holder,
    purpose: PasswordTokenPurpose,
    link: { token: string; expiresAt: Date },
  ): { subject: string; text: string } {
    const where = this.config.PUBLIC_URL
      ? `${this.config.PUBLIC_URL.replace(/\/$/, '')}/set-password#token=${link.token}`
      : `Code: ${link.token}`;
    const until = link.expiresAt.toLocaleString('de-DE', { timeZone: 'Europe/Berlin' });
    const opening =
      purpose === 'welcome'
        ? `für Sie wurde ein Dachwerk-Konto (${holder.email}) angelegt. Legen Sie Ihr Passwort hier fest:`
        : `für Ihr Dachwerk-Konto (${holder.email}) wurde ein neues Passwort angefordert. Legen Sie es hier fest:`;
    return {
      subject:
        purpose === 'welcome' ? 'Dachwerk: Passwort festlegen' : 'Dachwerk: Passwort zurücksetzen',
      text:
        `Guten Tag ${holder.name},\n\n${opening}\n\n${where}\n\n` +
        `Der Link gilt bis ${until} Uhr und nur einmal.` +
        (purpose === 'reset'
          ? ' Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail; Ihr bisheriges Passwort bleibt gültig.'
          : '') +
        '\n',
    };
  }
}
