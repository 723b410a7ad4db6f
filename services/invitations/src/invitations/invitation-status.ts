import { InvitationStatus } from '@partner-portal/api-contracts';

export { InvitationStatus };

/** Statuses in which an invitation still holds a license and blocks a second one for the same contact. */
export const OPEN_STATUSES: readonly InvitationStatus[] = [
  InvitationStatus.PendingLicense,
  InvitationStatus.Invited,
  InvitationStatus.EmailFailed,
];

/** Wrong registration codes after which an invitation is locked until it is resent. */
export const MAX_CODE_ATTEMPTS = 5;

/** Wrong registration codes one person (issuer and subject) may type per window, whatever invitations they aim at. */
export const MAX_WRONG_CODES_PER_PERSON = 20;
export const WRONG_CODE_WINDOW_MS = 24 * 3_600_000;

/** Why a request about an invitation is refused; the code is stable for clients. */
export class InvitationRefusal extends Error {
  constructor(
    readonly code:
      | 'not_open'
      | 'not_sent_yet'
      | 'expired'
      | 'revoked'
      | 'already_accepted'
      | 'rejected'
      | 'locked'
      | 'email_mismatch'
      | 'resend_limit'
      | 'replaced'
      | 'too_many_wrong_codes',
    message: string,
  ) {
    super(message);
    this.name = 'InvitationRefusal';
  }
}

/** The facts the rules look at. */
export interface InvitationFacts {
  status: InvitationStatus;
  expiresAt: Date | null;
  failedCodeAttempts: number;
}

/** Whether an open invitation can still be used at `now`. */
export function assertAcceptable(invitation: InvitationFacts, now: Date): void {
  switch (invitation.status) {
    case InvitationStatus.Accepted:
      throw new InvitationRefusal('already_accepted', 'this invitation was already accepted; sign in to the portal');
    case InvitationStatus.Revoked:
      throw new InvitationRefusal('revoked', 'this invitation was revoked; ask the company for a new one');
    case InvitationStatus.Expired:
      throw new InvitationRefusal('expired', 'this invitation has expired; ask the company to send it again');
    case InvitationStatus.Rejected:
      throw new InvitationRefusal('rejected', 'this invitation could not be issued');
    case InvitationStatus.PendingLicense:
      throw new InvitationRefusal('not_sent_yet', 'this invitation has not been sent yet');
    default:
  }
  if (invitation.expiresAt && invitation.expiresAt.getTime() <= now.getTime()) {
    throw new InvitationRefusal('expired', 'this invitation has expired; ask the company to send it again');
  }
  if (invitation.failedCodeAttempts >= MAX_CODE_ATTEMPTS) throw lockedRefusal();
}

const lockedRefusal = () =>
  new InvitationRefusal(
    'locked',
    'this invitation is locked after too many wrong codes; the company unlocks it by sending the invitation again, with a new code',
  );

/**
 * Whether a person may try a registration code, from their wrong codes in the current window: a code names no
 * invitation until it matches, so the person, not an invitation, is what a stranger's guesses count against.
 */
export function assertMayTryCode(wrongCodes: { failures: number; windowStart: Date } | undefined, now: Date): void {
  if (!wrongCodes || wrongCodes.failures < MAX_WRONG_CODES_PER_PERSON) return;
  const windowEnds = wrongCodes.windowStart.getTime() + WRONG_CODE_WINDOW_MS;
  if (now.getTime() >= windowEnds) return;
  throw new InvitationRefusal(
    'too_many_wrong_codes',
    `too many wrong registration codes from this account; try again after ${new Date(windowEnds).toISOString()}`,
  );
}

/**
 * The answer to a wrong registration code, given the attempt counts of the person's open invitations after counting
 * it: the attempts left; none when no open invitation was counted; "locked" when every one was locked already, so
 * that a sixth try hears what happened, not "not valid" again.
 */
export function wrongCodeAnswer(countedAttempts: readonly number[], lockedAlready: boolean): { attemptsLeft?: number } {
  if (countedAttempts.length > 0) return { attemptsLeft: MAX_CODE_ATTEMPTS - Math.max(...countedAttempts) };
  if (lockedAlready) throw lockedRefusal();
  return {};
}

/**
 * A link or code that a resend replaced: the person holds an older e-mail. Said whatever became of the invitation
 * since, so that nothing about it shows through an old secret.
 */
export function replacedSecret(kind: 'token' | 'code'): InvitationRefusal {
  return new InvitationRefusal(
    'replaced',
    kind === 'token'
      ? 'this link was replaced by a newer invitation e-mail; use the link in the newest e-mail'
      : 'this registration code was replaced by a newer invitation e-mail; use the code in the newest e-mail',
  );
}

/** Statuses in the order the invitation list sorts them by `status`: open ones first, then how they ended. */
export const STATUS_SORT_ORDER: readonly InvitationStatus[] = [
  InvitationStatus.PendingLicense,
  InvitationStatus.Invited,
  InvitationStatus.EmailFailed,
  InvitationStatus.Accepted,
  InvitationStatus.Expired,
  InvitationStatus.Revoked,
  InvitationStatus.Rejected,
];

/** Only an open invitation can be revoked. */
export function assertRevocable(status: InvitationStatus): void {
  if (!OPEN_STATUSES.includes(status)) {
    throw new InvitationRefusal('not_open', `an invitation that is ${status} cannot be revoked`);
  }
}

/** A resend needs a sent (or failed) invitation, and respects the daily limit. */
export function assertResendable(
  invitation: { status: InvitationStatus; resendsInWindow: number; windowStart: Date | null },
  limit: number,
  now: Date,
): { resendsInWindow: number; windowStart: Date } {
  if (invitation.status !== InvitationStatus.Invited && invitation.status !== InvitationStatus.EmailFailed) {
    throw new InvitationRefusal('not_open', `an invitation that is ${invitation.status} cannot be resent`);
  }
  const windowOpen = invitation.windowStart && now.getTime() - invitation.windowStart.getTime() < 24 * 3_600_000;
  const used = windowOpen ? invitation.resendsInWindow : 0;
  if (used >= limit) {
    throw new InvitationRefusal('resend_limit', `an invitation can be resent ${limit} times per 24 hours`);
  }
  return {
    resendsInWindow: used + 1,
    windowStart: windowOpen && invitation.windowStart ? invitation.windowStart : now,
  };
}

/** Whether the signed-in e-mail may differ from the invited one. */
export function checkEmail(invited: string, signedIn: string, mustMatch: boolean): boolean {
  const matched = invited.trim().toLowerCase() === signedIn.trim().toLowerCase();
  if (!matched && mustMatch) {
    throw new InvitationRefusal(
      'email_mismatch',
      `this invitation is for ${invited}; sign in with that address, or ask the company to invite ${signedIn}`,
    );
  }
  return matched;
}
