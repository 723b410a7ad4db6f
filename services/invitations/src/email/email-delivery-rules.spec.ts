import type { InvitationState } from '../invitations/invitation-lifecycle';
import { InvitationStatus } from '../invitations/invitation-status';
import {
  afterFailedAttempt,
  failedOutcome,
  mayStillSend,
  resolveInDoubt,
  sentOutcome,
  type InDoubtFacts,
} from './email-delivery-rules';
import { mayHaveBeenAccepted } from './mail-transport';

const MINUTE = 60_000;
const now = new Date('2026-11-22T12:00:00Z');
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * MINUTE);

const invited: InvitationState = {
  status: InvitationStatus.Invited,
  email: 'anna@fabrikam.example',
  expiresAt: new Date(now.getTime() + 14 * 24 * 60 * MINUTE),
  failedCodeAttempts: 0,
  resendCount: 0,
  resendsInWindow: 0,
  resendWindowStart: null,
};
const revoked: InvitationState = { ...invited, status: InvitationStatus.Revoked };
const resentSince: InvitationState = { ...invited, resendCount: 1, resendsInWindow: 1, resendWindowStart: now };

/** A send that began 20 minutes ago, with a 10-minute lookup lag, for an invitation that still wants it. */
const inDoubt = (overrides: Partial<InDoubtFacts>): InDoubtFacts => ({
  answer: { kind: 'not_found' },
  attemptStartedAt: minutesAgo(20),
  now,
  lookupLagMs: 10 * MINUTE,
  stillWanted: true,
  ...overrides,
});

describe('resolveInDoubt: a send whose outcome nobody recorded is never repeated blindly', () => {
  it('settles it as sent, without sending, when the provider has the message', () => {
    // given the provider found the delivery's custom arguments
    const facts = inDoubt({ answer: { kind: 'accepted', providerMessageId: 'msg-1' } });
    // when / then
    expect(resolveInDoubt(facts)).toEqual({ step: 'settle_sent', providerMessageId: 'msg-1' });
  });

  it('settles it as sent even for an invitation revoked since: the e-mail went out all the same', () => {
    expect(resolveInDoubt(inDoubt({ answer: { kind: 'accepted' }, stillWanted: false })).step).toBe('settle_sent');
  });

  it('sends it when the provider has no such message long enough after the send began', () => {
    // given the send began 20 minutes ago and the provider shows a message within 10
    // when it answers "not found"
    // then it is sent now
    expect(resolveInDoubt(inDoubt({}))).toEqual({ step: 'send' });
  });

  it('asks again once the lag has passed when "not found" may only mean "not indexed yet"', () => {
    // given the send began 2 minutes ago
    const facts = inDoubt({ attemptStartedAt: minutesAgo(2) });
    // then it asks again when the send is 10 minutes old
    expect(resolveInDoubt(facts)).toEqual({ step: 'ask_again', at: minutesAgo(-8) });
  });

  it('cancels it when the provider has no such message and the invitation no longer wants it', () => {
    expect(resolveInDoubt(inDoubt({ stillWanted: false }))).toEqual({ step: 'cancel' });
  });

  it('settles it as sent-unconfirmed, never sending twice, when the provider can never tell (403 without the add-on)', () => {
    const facts = inDoubt({ answer: { kind: 'cannot_tell', error: 'Email Activity answered 403' } });
    expect(resolveInDoubt(facts)).toEqual({ step: 'settle_unconfirmed', reason: 'Email Activity answered 403' });
  });

  it('counts a failed attempt when the provider cannot be reached now, so an outage ends in email_failed', () => {
    const facts = inDoubt({ answer: { kind: 'unreachable', error: 'TimeoutError' } });
    expect(resolveInDoubt(facts)).toEqual({ step: 'attempt_failed', error: 'TimeoutError' });
  });
});

describe('what a sent or failed e-mail changes about its invitation', () => {
  it('publishes ContactInvited for the current e-mail of an invited invitation', () => {
    expect(sentOutcome(invited, 0, now)?.events).toEqual([
      { type: 'ContactInvited', expiresAt: invited.expiresAt, resendCount: 0 },
    ]);
  });

  it('publishes nothing for an e-mail of an invitation revoked while it was being sent', () => {
    expect(sentOutcome(revoked, 0, now)).toBeUndefined();
  });

  it('publishes nothing for an e-mail a resend replaced while it was being sent (the new one announces itself)', () => {
    expect(sentOutcome(resentSince, 0, now)).toBeUndefined();
    expect(failedOutcome(resentSince, 0, { attempts: 5, error: 'x' }, now)).toBeUndefined();
  });

  it('makes the invitation email_failed after the last attempt of its current e-mail', () => {
    expect(failedOutcome(invited, 0, { attempts: 5, error: 'Service Unavailable' }, now)).toMatchObject({
      next: { status: InvitationStatus.EmailFailed },
      events: [{ type: 'InvitationEmailFailed', attempts: 5, error: 'Service Unavailable' }],
    });
  });

  it('sends only an e-mail whose contents are kept, of an invitation that is still invited, and not replaced', () => {
    expect(mayStillSend(invited, { resendCount: 0, hasMessage: true }, now)).toBe(true);
    expect(mayStillSend(invited, { resendCount: 0, hasMessage: false }, now)).toBe(false);
    expect(mayStillSend(revoked, { resendCount: 0, hasMessage: true }, now)).toBe(false);
    expect(mayStillSend(resentSince, { resendCount: 0, hasMessage: true }, now)).toBe(false);
  });

  it('retries after doubling delays and gives up after the last attempt', () => {
    const policy = { maxAttempts: 3, retryBaseMs: 100 };
    expect([1, 2, 3].map((attempts) => afterFailedAttempt(attempts, policy))).toEqual([
      { retryInMs: 100 },
      { retryInMs: 200 },
      { giveUp: true },
    ]);
  });
});

describe('mayHaveBeenAccepted: which failed sends are in doubt', () => {
  it('is sure an answer of the provider (an HTTP status) or a refused connection sent nothing', () => {
    expect(mayHaveBeenAccepted(Object.assign(new Error('Service Unavailable'), { code: 503 }))).toBe(false);
    expect(mayHaveBeenAccepted(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }))).toBe(false);
  });

  it('doubts a timeout or a dropped connection: the provider may have accepted it', () => {
    expect(mayHaveBeenAccepted(Object.assign(new Error('timeout of 5000ms exceeded'), { code: 'ECONNABORTED' }))).toBe(
      true,
    );
    expect(mayHaveBeenAccepted(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe(true);
  });
});
