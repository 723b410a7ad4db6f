import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MailService } from '@sendgrid/mail';
import type { ProviderAnswer } from './email-delivery-rules';
import type { OutgoingEmail } from './sealed-message';

/** The custom arguments that name one delivery at the provider. */
export interface DeliveryKey {
  deliveryId: string;
  invitationId: string;
}

/** Hands e-mails to whatever delivers them. */
export interface MailTransport {
  readonly name: string;
  /** Resolves with the provider's message id; throws when the provider refused or could not be reached. */
  send(email: OutgoingEmail): Promise<string | undefined>;
  /** Whether the provider already accepted the e-mail of this delivery (by its custom arguments); never throws. */
  findSent(key: DeliveryKey): Promise<ProviderAnswer>;
}

/**
 * Whether a failed send may still have been accepted: only an answer of the provider (an HTTP status) or a
 * connection that never opened proves it was not; a timeout or a dropped connection leaves it in doubt.
 */
export function mayHaveBeenAccepted(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'number') return false;
  return !(typeof code === 'string' && NEVER_CONNECTED.has(code));
}

const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Injection token of the configured transport. */
export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

/** SendGrid's v3 mail send API through @sendgrid/mail. */
export class SendGridTransport implements MailTransport {
  readonly name = 'sendgrid';
  private readonly mail = new MailService();

  /**
   * `timeoutMs` bounds each request; it must be shorter than the worker's lease, so that no other worker looks up a
   * send still in hand.
   */
  constructor(
    private readonly apiKey: string,
    private readonly baseUrl: string,
    private readonly from: string,
    private readonly timeoutMs = 10_000,
  ) {
    this.mail.setApiKey(apiKey);
    // setApiKey picks the region's host; SENDGRID_BASE_URL overrides it (EU data residency, tests).
    (this.mail as unknown as { client: { setDefaultRequest(k: string, v: unknown): void } }).client.setDefaultRequest(
      'baseUrl',
      baseUrl,
    );
    this.mail.setTimeout(timeoutMs);
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

  /** The Email Activity API (`GET /v3/messages`), filtered on the custom arguments every send carries. */
  async findSent(key: DeliveryKey): Promise<ProviderAnswer> {
    const query = `unique_args['deliveryId']="${key.deliveryId}" AND unique_args['invitationId']="${key.invitationId}"`;
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}/v3/messages?limit=10&query=${encodeURIComponent(query)}`, {
        headers: { authorization: `Bearer ${this.apiKey}`, accept: 'application/json' },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      return { kind: 'unreachable', error: `${(error as Error).name}: ${(error as Error).message}` };
    }
    const text = await response.text().catch(() => '');
    if (response.status === 200) {
      const messages = (JSON.parse(text || '{}') as { messages?: Array<{ msg_id?: string }> }).messages ?? [];
      return messages.length > 0 ? { kind: 'accepted', providerMessageId: messages[0].msg_id } : { kind: 'not_found' };
    }
    const error = `Email Activity answered ${response.status}: ${text.slice(0, 200)}`;
    // 429 and 5xx pass; any other refusal (403 without the add-on, a key without the scope) stays.
    return response.status === 429 || response.status >= 500
      ? { kind: 'unreachable', error }
      : { kind: 'cannot_tell', error };
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
    // Written aside, then renamed: a reader of the folder never sees half an e-mail.
    const draft = join(this.dir, `${id}.json.partial`);
    writeFileSync(draft, JSON.stringify(entry, null, 2));
    renameSync(draft, join(this.dir, `${id}.json`));
    return id;
  }

  /** The mailbox keeps every message: a file with these custom arguments is the answer. */
  async findSent(key: DeliveryKey): Promise<ProviderAnswer> {
    const found = this.list().find(
      (m) => m.customArgs.deliveryId === key.deliveryId && m.customArgs.invitationId === key.invitationId,
    );
    return found ? { kind: 'accepted', providerMessageId: found.id } : { kind: 'not_found' };
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
