import { InvitationStatus, Refusal, type RefusalKind } from '@partner-portal/api-contracts';

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

/** The codes of the invitation rules' refusals, stable for clients. */
export type InvitationRefusalCode =
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
  | 'too_many_wrong_codes'
  // Only the expiry job meets it (it picks invitations that are due); never a client.
  | 'not_due';

/**
 * What kind of "no" each refusal is: a state that does not allow the request is a conflict; an invitation whose
 * link and code are over for good (or were replaced) is gone; limits on tries are "too many".
 */
const REFUSAL_KINDS: Record<InvitationRefusalCode, RefusalKind> = {
  not_open: 'conflict',
  not_sent_yet: 'conflict',
  expired: 'gone',
  revoked: 'gone',
  already_accepted: 'gone',
  rejected: 'gone',
  locked: 'locked',
  email_mismatch: 'forbidden',
  resend_limit: 'too_many',
  too_many_wrong_codes: 'too_many',
  replaced: 'gone',
  not_due: 'conflict',
};

/**
 * Why a request about an invitation is refused: a domain `Refusal` whose kind follows from its code. The rules return
 * it (or throw it, in the `assert...` functions); the service's filter answers it as problem+json, a consumer logs it.
 */
export class InvitationRefusal extends Refusal {
  declare readonly code: InvitationRefusalCode;

  constructor(code: InvitationRefusalCode, message: string) {
    super(REFUSAL_KINDS[code], code, message);
    this.name = 'InvitationRefusal';
  }
}

/** The outcome a rule allowed, or its refusal thrown: for callers that answer a refusal rather than act on it. */
export function allowedOrThrow<T>(outcome: T | InvitationRefusal): T {
  if (outcome instanceof InvitationRefusal) throw outcome;
  return outcome;
}

/** The refusal of an invitation locked by wrong codes, saying how it is unlocked. */
export function lockedRefusal(): InvitationRefusal {
  return new InvitationRefusal(
    'locked',
    'this invitation is locked after too many wrong codes; the company unlocks it by sending the invitation again, with a new code',
  );
}

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
