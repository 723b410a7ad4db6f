import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MailService } from '@sendgrid/mail';
import type { OutgoingEmail } from './sealed-message';

/** Hands e-mails to whatever delivers them. */
export interface MailTransport {
  readonly name: string;
  /** Resolves with the provider's message id; throws when the provider refused or could not be reached. */
  send(email: OutgoingEmail): Promise<string | undefined>;
}

/** Injection token of the configured transport. */
export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

/** SendGrid's v3 mail send API through @sendgrid/mail. */
export class SendGridTransport implements MailTransport {
  readonly name = 'sendgrid';
  private readonly mail = new MailService();

  constructor(
    apiKey: string,
    baseUrl: string,
    private readonly from: string,
  ) {
    this.mail.setApiKey(apiKey);
    // setApiKey picks the region's host; SENDGRID_BASE_URL overrides it (EU data residency, tests).
    (this.mail as unknown as { client: { setDefaultRequest(k: string, v: unknown): void } }).client.setDefaultRequest(
      'baseUrl',
      baseUrl,
    );
    this.mail.setTimeout(10_000);
  }

  async send(email: OutgoingEmail): Promise<string | undefined> {
    const [response] = await this.mail.send({
      to: email.to,
      from: this.from,
      subject: email.subject,
      text: email.text,
      html: email.html,
      customArgs: email.customArgs,
    });
    const id = response.headers['x-message-id'];
    return typeof id === 'string' ? id : undefined;
  }
}

/** A sent message as the development mailbox keeps it. */
export interface MailboxEntry extends OutgoingEmail {
  id: string;
  from: string;
  sentAt: string;
}

/**
 * The development transport (no SENDGRID_API_KEY): keeps every message as a JSON file in MAIL_DEV_DIR, where a
 * developer can read it, and behind GET /internal/dev/mail.
 */
export class DevelopmentMailbox implements MailTransport {
  readonly name = 'development-mailbox';

  constructor(
    private readonly dir: string,
    private readonly from: string,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  async send(email: OutgoingEmail): Promise<string> {
    const sentAt = new Date().toISOString();
    const id = `${sentAt.replace(/[:.]/g, '-')}-${email.customArgs.deliveryId ?? 'mail'}`;
    const entry: MailboxEntry = { id, from: this.from, sentAt, ...email };
    writeFileSync(join(this.dir, `${id}.json`), JSON.stringify(entry, null, 2));
    return id;
  }

  /** Messages, newest first, optionally only those to one address. */
  list(to?: string): MailboxEntry[] {
    return readdirSync(this.dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .reverse()
      .map((f) => JSON.parse(readFileSync(join(this.dir, f), 'utf8')) as MailboxEntry)
      .filter((m) => !to || m.to.toLowerCase() === to.toLowerCase());
  }
}
