import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  ContactInvited,
  InvitationEmailFailed,
  InvitationRequested,
  InvitationRequestedVersion2,
  InviteAccepted,
  InviteExpired,
  InviteRevoked,
  type ActorV1,
  type EventEnvelope,
} from '@partner-portal/contracts';
import { Outbox } from '@partner-portal/messaging';
import { InvitationsConfig } from '../config/invitations.config';
import { cancelPendingEmails, EmailOutbox } from '../email/email-outbox';
import type { Decision, InvitationChange, InvitationEvent, InvitationState } from './invitation-lifecycle';
import { hashCode, hashToken, newSecrets } from './invitation-secrets';
import { targetOf, type InvitationRow } from './invitation.view';

/** The column of each field a decision may change; a new field fails to compile until it has one. */
const COLUMNS: Record<keyof InvitationChange, string> = {
  status: 'status',
  expiresAt: 'expires_at',
  failedCodeAttempts: 'failed_code_attempts',
  resendCount: 'resend_count',
  resendsInWindow: 'resends_in_window',
  resendWindowStart: 'resend_window_start',
  invitedAt: 'invited_at',
  rejectionReason: 'rejection_reason',
  acceptedAt: 'accepted_at',
  acceptedIdentity: 'accepted_identity',
  emailMatched: 'email_matched',
  endedAt: 'ended_at',
};

/** What the life cycle rules look at of a stored invitation. */
export function stateOf(
  row: Pick<
    InvitationRow,
    | 'status'
    | 'email'
    | 'expires_at'
    | 'failed_code_attempts'
    | 'resend_count'
    | 'resends_in_window'
    | 'resend_window_start'
  >,
): InvitationState {
  const date = (value: Date | null) => (value === null ? null : new Date(value));
  return {
    status: row.status,
    email: row.email,
    expiresAt: date(row.expires_at),
    failedCodeAttempts: row.failed_code_attempts,
    resendCount: row.resend_count,
    resendsInWindow: row.resends_in_window,
    resendWindowStart: date(row.resend_window_start),
  };
}

/**
 * Stores what `decide` decided about a loaded invitation, in the caller's transaction: the changed fields with an
 * update conditional on the status it was decided from, the e-mail effects, and the events through the outbox.
 */
@Injectable()
export class InvitationStore {
  constructor(
    private readonly outbox: Outbox,
    private readonly emails: EmailOutbox,
    @Inject(InvitationsConfig) private readonly config: InvitationsConfig,
  ) {}

  /**
   * Answers the invitation as it now is. Callers lock the row first; should it have moved on anyway, the update
   * matches nothing and this throws, so the transaction rolls back rather than store a decision taken on old facts.
   */
  async apply(
    manager: EntityManager,
    row: InvitationRow,
    decision: Decision,
    correlationId = `invitation:${row.id}`,
  ): Promise<InvitationRow> {
    const secrets = decision.mail === 'send_new_link_and_code' ? newSecrets() : undefined;
    const assignments: Array<[string, unknown]> = Object.entries(decision.next).map(([field, value]) => [
      COLUMNS[field as keyof InvitationChange],
      field === 'acceptedIdentity' ? JSON.stringify(value) : value,
    ]);
    if (secrets) {
      await this.keepReplaced(manager, row);
      assignments.push(
        ['token_hash', hashToken(secrets.token)],
        ['code_hash', hashCode(secrets.code, this.config.codePepper)],
      );
    }
    let stored = row;
    if (assignments.length > 0) {
      const set = assignments.map(([column], index) => `${column} = $${index + 3}`).join(', ');
      const [updated]: [InvitationRow[], number] = await manager.query(
        `UPDATE invitation SET ${set}, updated_at = now() WHERE id = $1 AND status = $2 RETURNING *`,
        [row.id, row.status, ...assignments.map(([, value]) => value)],
      );
      if (updated.length === 0) throw new Error(`invitation ${row.id} is no longer ${row.status}`);
      // The names joined from the ERP mirror are not columns of the invitation.
      stored = { ...row, ...updated[0] };
    }
    if (secrets) {
      if (!stored.expires_at) throw new Error(`invitation ${row.id} sends a link and code without an expiry`);
      await this.emails.queue(manager, stored, secrets, new Date(stored.expires_at));
    }
    if (decision.mail === 'cancel_unsent') await cancelPendingEmails(manager, [row.id]);
    await this.publish(manager, stored, decision.events, correlationId);
    return stored;
  }

  /** Publishes a decision's events about an invitation through the outbox, in the caller's transaction. */
  async publish(
    manager: EntityManager,
    row: InvitationRow,
    events: readonly InvitationEvent[],
    correlationId = `invitation:${row.id}`,
  ): Promise<void> {
    if (events.length === 0) return;
    await this.outbox.append(
      manager,
      events.map((event) => this.envelope(row, event, correlationId)),
    );
  }

  private envelope(row: InvitationRow, event: InvitationEvent, correlationId: string): EventEnvelope<object> {
    const meta = { tenantId: row.tenant_id, correlationId };
    const target = targetOf(row);
    switch (event.type) {
      case 'InvitationRequested':
        // Version 1 stays what administrators' and the ERP's requests publish; only a representative's needs
        // version 2 (its requester kind is unknown to version 1).
        return event.requestedBy.kind === 'partner'
          ? this.outbox.create(InvitationRequestedVersion2, {
              ...meta,
              payload: { ...target, role: row.role, requestedBy: event.requestedBy },
            })
          : this.outbox.create(InvitationRequested, {
              ...meta,
              payload: { ...target, role: row.role, requestedBy: event.requestedBy as ActorV1 },
            });
      case 'ContactInvited':
        return this.outbox.create(ContactInvited, {
          ...meta,
          payload: {
            ...target,
            role: row.role,
            expiresAt: event.expiresAt.toISOString(),
            resendCount: event.resendCount,
          },
        });
      case 'InvitationEmailFailed':
        return this.outbox.create(InvitationEmailFailed, {
          ...meta,
          payload: { ...target, attempts: event.attempts, error: event.error },
        });
      case 'InviteAccepted':
        return this.outbox.create(InviteAccepted, {
          ...meta,
          payload: {
            ...target,
            role: row.role,
            identity: event.identity,
            acceptedAt: event.acceptedAt.toISOString(),
            emailMatched: event.emailMatched,
          },
        });
      case 'InviteRevoked':
        return this.outbox.create(InviteRevoked, {
          ...meta,
          payload: { ...target, revokedBy: event.revokedBy, ...(event.reason ? { reason: event.reason } : {}) },
        });
      case 'InviteExpired':
        return this.outbox.create(InviteExpired, {
          ...meta,
          payload: { ...target, expiredAt: event.expiredAt.toISOString() },
        });
    }
  }

  /**
   * Keeps the hashes of the link and code being replaced, so that they answer "replaced" rather than "unknown" (in
   * the same transaction as the new ones).
   */
  private async keepReplaced(manager: EntityManager, row: InvitationRow): Promise<void> {
    const superseded = [
      ['token', row.token_hash],
      ['code', row.code_hash],
    ].filter((pair): pair is [string, string] => pair[1] !== null);
    if (superseded.length === 0) return;
    await manager.query(
      `INSERT INTO superseded_secret (kind, hash, invitation_id)
       SELECT kind, hash, $3::uuid FROM unnest($1::text[], $2::text[]) AS s(kind, hash)
       ON CONFLICT (kind, hash) DO NOTHING`,
      [superseded.map(([kind]) => kind), superseded.map(([, hash]) => hash), row.id],
    );
  }
}
