import { decide, type Decision, type InvitationState } from '../invitations/invitation-lifecycle';
import { InvitationRefusal } from '../invitations/invitation-status';

/** What the mail provider says about an earlier send of one delivery whose outcome nobody recorded. */
export type ProviderAnswer =
  /** It has the message: it was accepted. */
  | { kind: 'accepted'; providerMessageId?: string }
  /** It looked and has no such message. */
  | { kind: 'not_found' }
  /** It could not be asked now (timeout, 5xx, rate limit): ask again later. */
  | { kind: 'unreachable'; error: string }
  /** It can never answer (SendGrid without the Email Activity add-on: 403; a refused query). */
  | { kind: 'cannot_tell'; error: string };

/** The facts about a delivery found in doubt: a worker died mid-send, or the last send timed out. */
export interface InDoubtFacts {
  answer: ProviderAnswer;
  /** When the doubtful send began. */
  attemptStartedAt: Date;
  now: Date;
  /** How long the provider may take before a message it accepted shows in its lookup (EMAIL_LOOKUP_LAG_MS). */
  lookupLagMs: number;
  /** Whether the invitation still wants this e-mail sent (see `mayStillSend`). */
  stillWanted: boolean;
}

/** What to do with a delivery in doubt. */
export type InDoubtStep =
  | { step: 'settle_sent'; providerMessageId?: string }
  | { step: 'settle_unconfirmed'; reason: string }
  | { step: 'send' }
  | { step: 'cancel' }
  | { step: 'ask_again'; at: Date }
  | { step: 'attempt_failed'; error: string };

/**
 * Never twice: a delivery whose send may have been accepted is sent again only when the provider says it has no such
 * message, and only once that answer can be trusted (the send began at least `lookupLagMs` ago; before that, ask
 * again then). A provider that cannot answer at all leaves it `sent_unconfirmed` (an administrator can resend): a
 * missing e-mail is visible and mended with one click, a doubled one cannot be taken back. A provider that is merely
 * unreachable costs an attempt, so an outage ends in `email_failed` (resendable, its license held until revoked or
 * expired) rather than in a guess.
 */
export function resolveInDoubt(facts: InDoubtFacts): InDoubtStep {
  const { answer } = facts;
  switch (answer.kind) {
    case 'accepted':
      return { step: 'settle_sent', providerMessageId: answer.providerMessageId };
    case 'cannot_tell':
      return { step: 'settle_unconfirmed', reason: answer.error };
    case 'unreachable':
      return { step: 'attempt_failed', error: answer.error };
    case 'not_found': {
      const trustedFrom = facts.attemptStartedAt.getTime() + facts.lookupLagMs;
      if (facts.now.getTime() < trustedFrom) return { step: 'ask_again', at: new Date(trustedFrom) };
      return facts.stillWanted ? { step: 'send' } : { step: 'cancel' };
    }
  }
}

/** A delivery as the rules look at it. */
export interface DeliveryFacts {
  /** The invitation's resend count when this e-mail was queued. */
  resendCount: number;
  /** Whether its sealed contents are still kept (a revoke, expiry or resend erases them). */
  hasMessage: boolean;
}

/**
 * Whether the e-mail may go out: the invitation rules would record it as sent, it is the invitation's current e-mail
 * (a resend replaced older ones: their link and code no longer work) and its contents are still kept.
 */
export function mayStillSend(state: InvitationState, delivery: DeliveryFacts, now: Date): boolean {
  return delivery.hasMessage && sentOutcome(state, delivery.resendCount, now) !== undefined;
}

/**
 * What an e-mail that went out changes about its invitation: `ContactInvited`, if it is still `invited` and this is
 * its current e-mail; nothing for one revoked, expired or resent meanwhile (the newer e-mail announces itself).
 */
export function sentOutcome(state: InvitationState, resendCount: number, now: Date): Decision | undefined {
  if (resendCount !== state.resendCount) return undefined;
  const outcome = decide(state, { type: 'emailSent', resendCount }, now);
  return outcome instanceof InvitationRefusal ? undefined : outcome;
}

/** What an e-mail that could not be sent after its last attempt changes: `email_failed` if it is still current. */
export function failedOutcome(
  state: InvitationState,
  resendCount: number,
  failure: { attempts: number; error: string },
  now: Date,
): Decision | undefined {
  if (resendCount !== state.resendCount) return undefined;
  const outcome = decide(state, { type: 'emailFailed', ...failure }, now);
  return outcome instanceof InvitationRefusal ? undefined : outcome;
}

/** After a failed attempt: try again after a doubling delay, or give up once `maxAttempts` were made. */
export function afterFailedAttempt(
  attempts: number,
  policy: { maxAttempts: number; retryBaseMs: number },
): { retryInMs: number } | { giveUp: true } {
  if (attempts >= policy.maxAttempts) return { giveUp: true };
  return { retryInMs: policy.retryBaseMs * 2 ** Math.max(0, attempts - 1) };
}
