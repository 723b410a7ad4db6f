import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { activeSpan, contextFromHeaders, failSpan, inSpan, SpanKind } from '@partner-portal/logging';
import { ChannelListener } from '@partner-portal/messaging';
import { InvitationsConfig } from '../config/invitations.config';
import { InvitationStore, stateOf } from '../invitations/invitation-store';
import { INVITATION_COLUMNS, INVITATION_FROM, type InvitationRow } from '../invitations/invitation.view';
import { EMAIL_CHANNEL } from './email-outbox';
import {
  afterFailedAttempt,
  failedOutcome,
  mayStillSend,
  resolveInDoubt,
  sentOutcome,
  type ProviderAnswer,
} from './email-delivery-rules';
import { MAIL_TRANSPORT, mayHaveBeenAccepted, type MailTransport } from './mail-transport';
import { unseal, type OutgoingEmail } from './sealed-message';

/** A delivery as claimed. */
interface Delivery {
  id: string;
  invitation_id: string;
  status: 'pending' | 'sending';
  attempts: number;
  sealed_message: Buffer | null;
  resend_count: number;
  in_doubt: boolean;
  attempt_started_at: Date | null;
  /** The trace the e-mail was queued in (`traceparent`), which its sending continues. */
  trace_context: Record<string, string> | null;
}

/** What a claim leaves a sender to do outside any transaction. */
type Claimed =
  | { plan: 'send'; delivery: Delivery; claim: string; message: Buffer }
  | { plan: 'look_up'; delivery: Delivery; claim: string; stillWanted: boolean; attemptStartedAt: Date };

/** Parallel senders per instance. */
const SENDERS = 4;
/** Longest sleep of an idle sender: new e-mails wake it (NOTIFY), due retries and run-out leases when they fall due. */
const IDLE_MAX_MS = 60_000;
/** Sleep of an idle sender that cannot LISTEN, or after a failed pass. */
const POLL_MS = 250;

/**
 * Sends queued invitation e-mails without holding a transaction across the provider's call: a short transaction
 * claims a due delivery (`FOR UPDATE SKIP LOCKED`, safe with several instances), marks it `sending` with a lease and
 * counts the attempt; the send happens outside any transaction; a second short transaction settles it against the
 * invitation as it then is: sent -> `ContactInvited` (none if it was revoked, expired or resent meanwhile); failed ->
 * retried with doubling delays, after EMAIL_MAX_ATTEMPTS `email_failed` with `InvitationEmailFailed`. A delivery whose
 * send may have been accepted (its worker died, or the request timed out) is never sent blindly: the provider is
 * asked first (`resolveInDoubt`).
 */
@Injectable()
export class EmailDeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(EmailDeliveryWorker.name);
  private running = false;
  private loops: Promise<void>[] = [];
  private readonly sleepers = new Set<() => void>();
  /** Counts wake-ups, so that a sender learns of one that came while it was not yet asleep. */
  private wakes = 0;
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
    this.wakes += 1;
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
      const wakes = this.wakes;
      let idleMs = POLL_MS;
      try {
        if (await this.settleOne()) continue;
        if (this.listener.listening) idleMs = await this.untilNextDue();
      } catch (error) {
        this.logger.error({ message: 'e-mail delivery pass failed', error: (error as Error).message });
      }
      // An e-mail queued during the pass woke nobody: go again at once.
      if (this.wakes !== wakes) continue;
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.sleepers.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, idleMs);
        this.sleepers.add(wake);
      });
    }
  }

  /**
   * How long an idle sender may sleep: until the next retry or run-out lease falls due, at most IDLE_MAX_MS (another
   * instance may have scheduled one meanwhile). A new e-mail does not wait for it: its NOTIFY wakes the senders.
   */
  private async untilNextDue(): Promise<number> {
    const [{ ms }]: Array<{ ms: number | null }> = await this.dataSource.query(
      `SELECT ceil(extract(epoch FROM least(
                (SELECT min(next_attempt_at) FROM email_delivery WHERE status = 'pending'),
                (SELECT min(claimed_until) FROM email_delivery WHERE status = 'sending')) - now()) * 1000)::int AS ms`,
    );
    return ms === null ? IDLE_MAX_MS : Math.min(IDLE_MAX_MS, Math.max(0, ms) + 1);
  }

  /** Claims one due delivery and takes it to its next state; answers whether there was one. */
  private async settleOne(): Promise<boolean> {
    const claimed = await this.claim();
    if (claimed === 'none') return false;
    if (claimed === 'done') return true;
    const { delivery } = claimed;
    const span = {
      kind: SpanKind.CLIENT,
      parent: contextFromHeaders(delivery.trace_context ?? undefined),
      attributes: {
        'portal.invitation.id': delivery.invitation_id,
        'portal.email.delivery_id': String(delivery.id),
        'portal.email.attempt': delivery.attempts,
        'portal.email.transport': this.transport.name,
      },
    };
    await inSpan(claimed.plan === 'send' ? 'send invitation e-mail' : 'look up invitation e-mail', span, () =>
      claimed.plan === 'send' ? this.send(delivery, claimed.claim, claimed.message) : this.lookUp(claimed),
    );
    return true;
  }

  /** The short first transaction: picks a due delivery (or one whose worker's lease ran out) and leases it. */
  private claim(): Promise<Claimed | 'none' | 'done'> {
    return this.dataSource.transaction(async (manager) => {
      const [delivery]: Delivery[] = await manager.query(
        `SELECT id, invitation_id, status, attempts, sealed_message, resend_count, in_doubt, attempt_started_at,
                trace_context
           FROM email_delivery
          WHERE (status = 'pending' AND next_attempt_at <= now()) OR (status = 'sending' AND claimed_until <= now())
          ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      );
      if (!delivery) return 'none';
      const [invitation]: InvitationRow[] = await manager.query(
        `SELECT ${INVITATION_COLUMNS} FROM ${INVITATION_FROM} WHERE i.id = $1`,
        [delivery.invitation_id],
      );
      const stillWanted = mayStillSend(
        stateOf(invitation),
        { resendCount: delivery.resend_count, hasMessage: delivery.sealed_message !== null },
        new Date(),
      );
      const claim = randomUUID();
      const inDoubt = delivery.status === 'sending' || delivery.in_doubt;
      if (inDoubt && delivery.attempt_started_at) {
        // Its last send may have been accepted: lease it to ask the provider, the attempt already counted.
        await manager.query(
          `UPDATE email_delivery SET status = 'sending', claim = $2,
                  claimed_until = now() + ($3::int * interval '1 millisecond') WHERE id = $1`,
          [delivery.id, claim, this.config.emailSendLeaseMs],
        );
        return {
          plan: 'look_up',
          delivery,
          claim,
          stillWanted,
          attemptStartedAt: new Date(delivery.attempt_started_at),
        };
      }
      if (!stillWanted || !delivery.sealed_message) {
        await this.cancel(manager, delivery.id);
        return 'done';
      }
      await this.startAttempt(manager, delivery.id, claim);
      return {
        plan: 'send',
        delivery: { ...delivery, attempts: delivery.attempts + 1 },
        claim,
        message: delivery.sealed_message,
      };
    });
  }

  /** Leases a delivery for one send and counts the attempt. */
  private async startAttempt(manager: EntityManager, id: string, claim: string): Promise<boolean> {
    const [, updated]: [unknown, number] = await manager.query(
      `UPDATE email_delivery SET status = 'sending', claim = $2, attempts = attempts + 1, attempt_started_at = now(),
              in_doubt = false, claimed_until = now() + ($3::int * interval '1 millisecond')
        WHERE id = $1 AND (status = 'pending' OR claim = $2)`,
      [id, claim, this.config.emailSendLeaseMs],
    );
    return updated === 1;
  }

  /** The send itself, in no transaction. */
  private async send(delivery: Delivery, claim: string, message: Buffer): Promise<void> {
    let email: OutgoingEmail;
    try {
      email = unseal(message, this.config.emailPayloadKey);
    } catch (error) {
      // Never handed to the provider (a changed EMAIL_PAYLOAD_KEY): a plain failure, not a send in doubt.
      await this.failed(delivery, claim, error as Error, false);
      return;
    }
    let providerId: string | undefined;
    try {
      providerId = await this.transport.send(email);
    } catch (error) {
      await this.failed(delivery, claim, error as Error, mayHaveBeenAccepted(error));
      return;
    }
    await this.settleSent(delivery, claim, 'sent', providerId);
  }

  /** A delivery in doubt: what the provider knows decides (`resolveInDoubt`). */
  private async lookUp(claimed: Extract<Claimed, { plan: 'look_up' }>): Promise<void> {
    const { delivery, claim } = claimed;
    const answer = await this.transport
      .findSent({ deliveryId: String(delivery.id), invitationId: delivery.invitation_id })
      .catch((error: Error): ProviderAnswer => ({ kind: 'unreachable', error: `${error.name}: ${error.message}` }));
    const next = resolveInDoubt({
      answer,
      attemptStartedAt: claimed.attemptStartedAt,
      now: new Date(),
      lookupLagMs: this.config.emailLookupLagMs,
      stillWanted: claimed.stillWanted,
    });
    const log = { deliveryId: delivery.id, invitationId: delivery.invitation_id, answer: answer.kind, next: next.step };
    this.logger.log({ message: 'invitation e-mail in doubt looked up', ...log });
    switch (next.step) {
      case 'settle_sent':
        return this.settleSent(delivery, claim, 'sent', next.providerMessageId);
      case 'settle_unconfirmed':
        this.logger.warn({
          message:
            'invitation e-mail may or may not have been sent; not sending it twice (an administrator can resend)',
          ...log,
          reason: next.reason,
        });
        return this.settleSent(delivery, claim, 'sent_unconfirmed');
      case 'cancel':
        await this.dataSource.transaction((manager) => this.cancel(manager, delivery.id, claim));
        return;
      case 'ask_again':
        await this.dataSource.query(
          `UPDATE email_delivery SET status = 'pending', in_doubt = true, claim = NULL, claimed_until = NULL,
                  next_attempt_at = $3 WHERE id = $1 AND claim = $2 AND status = 'sending'`,
          [delivery.id, claim, next.at],
        );
        return;
      case 'attempt_failed':
        return this.failed({ ...delivery, attempts: delivery.attempts + 1 }, claim, new Error(next.error), true);
      case 'send': {
        const [row]: Array<{ sealed_message: Buffer | null }> = await this.dataSource.transaction(async (manager) =>
          (await this.startAttempt(manager, delivery.id, claim))
            ? manager.query(`SELECT sealed_message FROM email_delivery WHERE id = $1`, [delivery.id])
            : [],
        );
        if (!row?.sealed_message) return;
        return this.send({ ...delivery, attempts: delivery.attempts + 1 }, claim, row.sealed_message);
      }
    }
  }

  /**
   * The short settling transaction of an e-mail that went out: the delivery is `sent` (or `sent_unconfirmed`) whatever
   * became of the invitation; `ContactInvited` only if the rules still allow it.
   */
  private async settleSent(
    delivery: Delivery,
    claim: string,
    status: 'sent' | 'sent_unconfirmed',
    providerId?: string,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      // The invitation first, then its delivery: the order a revoke, resend or expiry locks them in (no deadlock).
      const invitation = await this.lockInvitation(manager, delivery.invitation_id);
      const [settled]: [Array<{ resend_count: number }>, number] = await manager.query(
        `UPDATE email_delivery SET status = $3, sealed_message = NULL, provider_message_id = $4, sent_at = now(),
                claim = NULL, claimed_until = NULL, in_doubt = false
          WHERE id = $1 AND claim = $2 AND status = 'sending' RETURNING resend_count`,
        [delivery.id, claim, status, providerId ?? null],
      );
      if (settled.length === 0) return this.leaseLost(delivery);
      const outcome = sentOutcome(stateOf(invitation), settled[0].resend_count, new Date());
      if (outcome) await this.store.apply(manager, invitation, outcome);
    });
  }

  /** The short settling transaction of a failed attempt: retry later, or give up (`email_failed`). */
  private async failed(delivery: Delivery, claim: string, error: Error, inDoubt: boolean): Promise<void> {
    const { attempts } = delivery;
    const message = `${error.name}: ${error.message}`.slice(0, 1_000);
    const span = activeSpan();
    if (span) failSpan(span, error);
    this.logger.warn({
      message: 'invitation e-mail not sent',
      invitationId: delivery.invitation_id,
      attempts,
      inDoubt,
      error: message,
    });
    await this.dataSource.transaction(async (manager) => {
      const invitation = await this.lockInvitation(manager, delivery.invitation_id);
      const [row]: Array<{ has_message: boolean; resend_count: number }> = await manager.query(
        `SELECT sealed_message IS NOT NULL AS has_message, resend_count FROM email_delivery
          WHERE id = $1 AND claim = $2 AND status = 'sending' FOR UPDATE`,
        [delivery.id, claim],
      );
      if (!row) return this.leaseLost(delivery);
      // Revoked, expired or resent meanwhile: its contents are gone and it is not tried again.
      if (!row.has_message) return this.cancel(manager, delivery.id, claim, message);
      const next = afterFailedAttempt(attempts, {
        maxAttempts: this.config.emailMaxAttempts,
        retryBaseMs: this.config.emailRetryBaseMs,
      });
      if ('retryInMs' in next) {
        await manager.query(
          `UPDATE email_delivery SET status = 'pending', attempts = $2, last_error = $3, in_doubt = $4, claim = NULL,
                  claimed_until = NULL, next_attempt_at = now() + ($5::int * interval '1 millisecond') WHERE id = $1`,
          [delivery.id, attempts, message, inDoubt, next.retryInMs],
        );
        return;
      }
      await manager.query(
        `UPDATE email_delivery SET status = 'failed', attempts = $2, last_error = $3, sealed_message = NULL,
                claim = NULL, claimed_until = NULL WHERE id = $1`,
        [delivery.id, attempts, message],
      );
      const outcome = failedOutcome(stateOf(invitation), row.resend_count, { attempts, error: message }, new Date());
      if (outcome) await this.store.apply(manager, invitation, outcome);
    });
  }

  private async cancel(manager: EntityManager, id: string, claim?: string, lastError?: string): Promise<void> {
    await manager.query(
      `UPDATE email_delivery SET status = 'cancelled', sealed_message = NULL, claim = NULL, claimed_until = NULL,
              last_error = COALESCE($3, last_error)
        WHERE id = $1 AND ($2::uuid IS NULL OR claim = $2)`,
      [id, claim ?? null, lastError ?? null],
    );
  }

  private async lockInvitation(manager: EntityManager, id: string): Promise<InvitationRow> {
    const [invitation]: InvitationRow[] = await manager.query(
      `SELECT ${INVITATION_COLUMNS} FROM ${INVITATION_FROM} WHERE i.id = $1 FOR UPDATE OF i`,
      [id],
    );
    return invitation;
  }

  /** Another worker took the delivery over (this one outlived its lease): it asks the provider before anything. */
  private leaseLost(delivery: Delivery): void {
    this.logger.warn({
      message: 'e-mail lease ran out before settling; the next claim looks it up',
      deliveryId: delivery.id,
      invitationId: delivery.invitation_id,
    });
  }
}
