import { Global, Inject, Injectable, Module } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { DomainError } from '../errors/domain-error';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

/** Outgoing mail over SMTP (SMTP_URL); without it, sending answers SMTP_NOT_CONFIGURED. */
@Injectable()
export class Mailer {
  private readonly transport: Transporter | undefined;
  private readonly from: string | undefined;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.transport = config.SMTP_URL ? nodemailer.createTransport(config.SMTP_URL) : undefined;
    this.from = config.SMTP_FROM;
  }

  get isConfigured(): boolean {
    return this.transport !== undefined;
  }

  assertConfigured(): void {
    if (!this.transport)
      throw new DomainError(
        'SMTP_NOT_CONFIGURED',
        'E-mail is not set up (SMTP_URL); download the PDF instead',
      );
  }

  async send(message: MailMessage): Promise<void> {
    this.assertConfigured();
    await this.transport!.sendMail({ from: this.from, ...message });
  }
}

@Global()
@Module({ providers: [Mailer], exports: [Mailer] })
export class MailModule {}
