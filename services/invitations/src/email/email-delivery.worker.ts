import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ChannelListener } from '@partner-portal/messaging';
import { InvitationsConfig } from '../config/invitations.config';
import { decide } from '../invitations/invitation-lifecycle';
import { InvitationRefusal } from '../invitations/invitation-status';
import { InvitationStore, stateOf } from '../invitations/invitation-store';
import { INVITATION_COLUMNS, INVITATION_FROM, type InvitationRow } from '../invitations/invitation.view';
import { EMAIL_CHANNEL } from './email-outbox';
import { MAIL_TRANSPORT, type MailTransport } from './mail-transport';
import { unseal } from './sealed-message';

interface Delivery {
  id: string;
  attempts: number;
  sealed_message: Buffer | null;
  resend_count: number;
}

/** Parallel senders per instance. */
const SENDERS = 4;
/** Poll period when idle. */
const IDLE_MS = 250;

/**
 * Sends queued invitation e-mails. Each delivery is claimed with `FOR UPDATE SKIP LOCKED` (safe with several
 * instances) and settled in the same transaction: sent -> `ContactInvited`; failed -> retried with doubling delays;
 * after EMAIL_MAX_ATTEMPTS -> the invitation is `email_failed` with `InvitationEmailFailed` (a resend starts over).
 * A delivery whose invitation was revoked, expired or resent meanwhile is cancelled, never sent.
 */
@Injectable()
export class EmailDeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(EmailDeliveryWorker.name);
  private running = false;
  private loops: Promise<void>[] = [];
  private readonly sleepers = new Set<() => void>();
  private readonly listener: ChannelListener;

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: InvitationStore,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    @Inject(InvitationsConfig) private readonly config: InvitationsConfig,
  ) {
    this.listener = new ChannelListener(dataSource, EMAIL_CHANNEL, () => this.wake());
  }

  async onApplicationBootstrap(): Promise<void> {
    this.running = true;
    await this.listener
      .open()
      .catch((error: Error) =>
        this.logger.warn({ message: 'e-mail senders poll only: LISTEN failed', error: error.message }),
      );
    this.logger.log({ message: 'sending invitation e-mails', transport: this.transport.name });
    this.loops = Array.from({ length: SENDERS }, () => this.loop());
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake();
    await Promise.all(this.loops);
    await this.listener.close();
  }

  /** Wakes every sleeping sender. */
  private wake(): void {
    for (const sleeper of [...this.sleepers]) sleeper();
  }

  /** Sends what is due now; answers how many deliveries it settled (for tests and tools). */
  async sendDue(): Promise<number> {
    let settled = 0;
    while (await this.settleOne()) settled += 1;
    return settled;
  }

  private async loop(): Promise<void> {
    while (this.running) {
      try {
        if (await this.settleOne()) continue;
      } catch (error) {
        this.logger.error({ message: 'e-mail delivery pass failed', error: (error as Error).message });
      }
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.sleepers.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, IDLE_MS);
        this.sleepers.add(wake);
      });
    }
  }

  private settleOne(): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const [delivery]: Delivery[] = await manager.query(
        `SELECT id, attempts, sealed_message, resend_count FROM email_delivery
          WHERE status = 'pending' AND next_attempt_at <= now()
          ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      );
      if (!delivery) return false;
      const [invitation]: InvitationRow[] = await manager.query(
        `SELECT ${INVITATION_COLUMNS} FROM ${INVITATION_FROM}
          WHERE i.id = (SELECT invitation_id FROM email_delivery WHERE id = $1) FOR UPDATE OF i`,
        [delivery.id],
      );
      // Decided before sending and stored once the transport took it: the invitation stays locked meanwhile, so the
      // decision still holds. One the rules would not send for (revoked, expired meanwhile) is cancelled.
      const sent = decide(stateOf(invitation), { type: 'emailSent', resendCount: delivery.resend_count }, new Date());
      if (sent instanceof InvitationRefusal || !delivery.sealed_message) {
        await this.finish(manager, delivery.id, 'cancelled');
        return true;
      }
      let providerId: string | undefined;
      try {
        providerId = await this.transport.send(unseal(delivery.sealed_message, this.config.emailPayloadKey));
      } catch (error) {
        await this.failed(manager, delivery, invitation, error as Error);
        return true;
      }
      await this.finish(manager, delivery.id, 'sent', providerId);
      await this.store.apply(manager, invitation, sent);
      return true;
    });
  }

  private async failed(
    manager: EntityManager,
    delivery: Delivery,
    invitation: InvitationRow,
    error: Error,
  ): Promise<void> {
    const attempts = delivery.attempts + 1;
    const message = `${error.name}: ${error.message}`.slice(0, 1_000);
    this.logger.warn({ message: 'invitation e-mail not sent', invitationId: invitation.id, attempts, error: message });
    if (attempts < this.config.emailMaxAttempts) {
      const delayMs = this.config.emailRetryBaseMs * 2 ** (attempts - 1);
      await manager.query(
        `UPDATE email_delivery SET attempts = $2, last_error = $3, next_attempt_at = now() + ($4::int * interval '1 millisecond') WHERE id = $1`,
        [delivery.id, attempts, message, delayMs],
      );
      return;
    }
    await manager.query(
      `UPDATE email_delivery SET status = 'failed', attempts = $2, last_error = $3, sealed_message = NULL WHERE id = $1`,
      [delivery.id, attempts, message],
    );
    const outcome = decide(stateOf(invitation), { type: 'emailFailed', attempts, error: message }, new Date());
    // Unreachable while the invitation stays locked since the send was decided; the delivery still ends failed.
    if (outcome instanceof InvitationRefusal) return;
    await this.store.apply(manager, invitation, outcome);
  }

  private async finish(
    manager: EntityManager,
    id: string,
    status: 'sent' | 'cancelled',
    providerId?: string,
  ): Promise<void> {
    await manager.query(
      `UPDATE email_delivery SET status = $2, sealed_message = NULL, provider_message_id = $3,
              sent_at = CASE WHEN $2 = 'sent' THEN now() END, attempts = attempts + CASE WHEN $2 = 'sent' THEN 1 ELSE 0 END
        WHERE id = $1`,
      [id, status, providerId ?? null],
    );
  }
}
