/*
 * The invitation's life cycle in one place: from what an invitation is and what happens to it, the next state, the
 * events to publish and what becomes of its e-mails, or a refusal. Plain TypeScript, no framework and no SQL: the
 * service loads the invitation, asks `decide` and stores the outcome with a conditional update (the status it was
 * decided from), so that the rules are read and tested here and concurrency is still guarded by the database.
 */
import type {
  ActorV1,
  ActorV2,
  LicenseReservationRejectionReason,
  SignedInIdentityV1,
} from '@partner-portal/contracts';
import {
  InvitationRefusal,
  InvitationStatus,
  lockedRefusal,
  MAX_CODE_ATTEMPTS,
  OPEN_STATUSES,
} from './invitation-status';

/** What the rules look at of an invitation. */
export interface InvitationState {
  status: InvitationStatus;
  /** The invited address, which the signed-in e-mail is compared with on acceptance. */
  email: string;
  /** When the link and code stop working; null until the first e-mail. */
  expiresAt: Date | null;
  /** Wrong registration codes since the last e-mail; MAX_CODE_ATTEMPTS locks the invitation. */
  failedCodeAttempts: number;
  resendCount: number;
  /** Resends in the 24 hours since `resendWindowStart`, for the daily limit. */
  resendsInWindow: number;
  resendWindowStart: Date | null;
}

/** Statuses an invitation can expire from: those that sent (or tried to send) a link and code. */
export const EXPIRING_STATUSES: readonly InvitationStatus[] = [InvitationStatus.Invited, InvitationStatus.EmailFailed];

/** What may happen to an invitation: a request, licensing's answer, the e-mail's fate, the invitee, the company. */
export type InvitationCommand =
  /** Someone asks to invite a contact; the invitation does not exist yet. */
  | { type: 'request'; requestedBy: ActorV2 }
  /** Licensing holds a license: the link and code go out, valid for the tenant's hours. */
  | { type: 'licenseReserved'; validForHours: number }
  | { type: 'licenseRejected'; reason: LicenseReservationRejectionReason }
  /** The transport took the e-mail that was queued after `resendCount` resends. */
  | { type: 'emailSent'; resendCount: number }
  /** The e-mail failed for the last time. */
  | { type: 'emailFailed'; attempts: number; error: string }
  | { type: 'acceptByLink'; identity: SignedInIdentityV1; requireEmailMatch: boolean }
  | { type: 'acceptByCode'; identity: SignedInIdentityV1; requireEmailMatch: boolean }
  /** A wrong code from a person whose verified address this invitation is for. */
  | { type: 'wrongCode' }
  | { type: 'resend'; validForHours: number; dailyLimit: number }
  /**
   * An administrator or the ERP ends it. The ERP un-marking the contact as portal contact, or deleting it, is this
   * too (`by: erp`, the reason says which): the rules are the same, only the words differ.
   */
  | { type: 'revoke'; by: ActorV1; reason?: string }
  /** The expiry job found it past its expiry. */
  | { type: 'expire' };

/** The fields a decision changes; the status it was decided from guards the update. */
export interface InvitationChange extends Partial<Omit<InvitationState, 'email'>> {
  invitedAt?: Date;
  rejectionReason?: LicenseReservationRejectionReason;
  acceptedAt?: Date;
  acceptedIdentity?: SignedInIdentityV1;
  emailMatched?: boolean;
  /** When it stopped being open (accepted, rejected, revoked, expired). */
  endedAt?: Date;
}

/** An event to publish, as the rules see it; the service adds the invitation's target and role. */
export type InvitationEvent =
  | { type: 'InvitationRequested'; requestedBy: ActorV2 }
  | { type: 'ContactInvited'; expiresAt: Date; resendCount: number }
  | { type: 'InvitationEmailFailed'; attempts: number; error: string }
  | {
      type: 'InviteAccepted';
      identity: { issuer: string; subject: string; email: string; name?: string };
      acceptedAt: Date;
      emailMatched: boolean;
    }
  | { type: 'InviteRevoked'; revokedBy: ActorV1; reason?: string }
  | { type: 'InviteExpired'; expiredAt: Date };

/**
 * What becomes of the invitation's e-mails: `send_new_link_and_code` replaces the link and code (the old ones answer
 * "replaced" from then on) and queues an e-mail with the new ones, cancelling any still unsent; `cancel_unsent`
 * cancels the unsent ones, whose link and code stop working with this decision.
 */
export type MailEffect = 'send_new_link_and_code' | 'cancel_unsent';

/** The outcome of a command the rules allow. */
export interface Decision {
  next: InvitationChange;
  events: InvitationEvent[];
  mail?: MailEffect;
}

/**
 * The next state of an invitation, the events to publish and what becomes of its e-mails; or why not. `state` is
 * undefined only for a `request`, which starts an invitation.
 */
export function decide(
  state: InvitationState | undefined,
  command: InvitationCommand,
  now: Date,
): Decision | InvitationRefusal {
  if (command.type === 'request') {
    if (state) return new InvitationRefusal('not_open', `this invitation was requested already; it is ${state.status}`);
    return {
      next: { status: InvitationStatus.PendingLicense },
      events: [{ type: 'InvitationRequested', requestedBy: command.requestedBy }],
    };
  }
  // A command for an invitation that does not exist is a caller's mistake, not something to refuse someone.
  if (!state) throw new Error(`no invitation to apply ${command.type} to`);
  switch (command.type) {
    case 'licenseReserved':
      if (state.status !== InvitationStatus.PendingLicense) return notWaitingForLicense(state);
      return {
        next: {
          status: InvitationStatus.Invited,
          expiresAt: hoursAfter(now, command.validForHours),
          invitedAt: now,
        },
        events: [],
        mail: 'send_new_link_and_code',
      };
    case 'licenseRejected':
      if (state.status !== InvitationStatus.PendingLicense) return notWaitingForLicense(state);
      return {
        next: { status: InvitationStatus.Rejected, rejectionReason: command.reason, endedAt: now },
        events: [],
      };
    case 'emailSent':
      if (state.status !== InvitationStatus.Invited) return noEmailToSend(state);
      return {
        next: {},
        events: [{ type: 'ContactInvited', expiresAt: sentExpiry(state), resendCount: command.resendCount }],
      };
    case 'emailFailed':
      if (state.status !== InvitationStatus.Invited) return noEmailToSend(state);
      return {
        next: { status: InvitationStatus.EmailFailed },
        events: [{ type: 'InvitationEmailFailed', attempts: command.attempts, error: command.error }],
      };
    case 'acceptByLink':
    case 'acceptByCode':
      return accept(state, command, now);
    case 'wrongCode':
      // Only a sent invitation has a code to guess; one locked already is not counted further.
      if (state.status !== InvitationStatus.Invited) {
        return new InvitationRefusal('not_open', `an invitation that is ${state.status} takes no registration code`);
      }
      if (state.failedCodeAttempts >= MAX_CODE_ATTEMPTS) return lockedRefusal();
      return { next: { failedCodeAttempts: state.failedCodeAttempts + 1 }, events: [] };
    case 'resend':
      return resend(state, command, now);
    case 'revoke':
      if (!OPEN_STATUSES.includes(state.status)) {
        return new InvitationRefusal('not_open', `an invitation that is ${state.status} cannot be revoked`);
      }
      return {
        next: { status: InvitationStatus.Revoked, endedAt: now },
        events: [
          { type: 'InviteRevoked', revokedBy: command.by, ...(command.reason ? { reason: command.reason } : {}) },
        ],
        mail: 'cancel_unsent',
      };
    case 'expire':
      if (!EXPIRING_STATUSES.includes(state.status)) {
        return new InvitationRefusal('not_open', `an invitation that is ${state.status} cannot expire`);
      }
      if (sentExpiry(state).getTime() > now.getTime()) {
        return new InvitationRefusal('not_due', `this invitation is valid until ${sentExpiry(state).toISOString()}`);
      }
      return {
        next: { status: InvitationStatus.Expired, endedAt: now },
        events: [{ type: 'InviteExpired', expiredAt: sentExpiry(state) }],
        mail: 'cancel_unsent',
      };
  }
}

/** The facts acceptance looks at. */
export type InvitationFacts = Pick<InvitationState, 'status' | 'expiresAt' | 'failedCodeAttempts'>;

/** Whether an invitation can still be accepted at `now` (also what its link's preview shows); throws why not. */
export function assertAcceptable(invitation: InvitationFacts, now: Date): void {
  const refused = acceptRefusal(invitation, now);
  if (refused) throw refused;
}

function acceptRefusal(invitation: InvitationFacts, now: Date): InvitationRefusal | undefined {
  switch (invitation.status) {
    case InvitationStatus.Accepted:
      return new InvitationRefusal('already_accepted', 'this invitation was already accepted; sign in to the portal');
    case InvitationStatus.Revoked:
      return new InvitationRefusal('revoked', 'this invitation was revoked; ask the company for a new one');
    case InvitationStatus.Expired:
      return expiredRefusal();
    case InvitationStatus.Rejected:
      return new InvitationRefusal('rejected', 'this invitation could not be issued');
    case InvitationStatus.PendingLicense:
      return new InvitationRefusal('not_sent_yet', 'this invitation has not been sent yet');
    default:
  }
  // The expiry job may not have come by yet: the time decides, not the status.
  if (invitation.expiresAt && invitation.expiresAt.getTime() <= now.getTime()) return expiredRefusal();
  if (invitation.failedCodeAttempts >= MAX_CODE_ATTEMPTS) return lockedRefusal();
  return undefined;
}

/**
 * Accepted by whoever signed in: single use, within its validity, not locked, and, where the tenant requires it, by
 * the invited address; otherwise whether the addresses matched is recorded and published.
 */
function accept(
  state: InvitationState,
  command: { identity: SignedInIdentityV1; requireEmailMatch: boolean },
  now: Date,
): Decision | InvitationRefusal {
  const refused = acceptRefusal(state, now);
  if (refused) return refused;
  const { identity } = command;
  const emailMatched = sameAddress(state.email, identity.email);
  if (!emailMatched && command.requireEmailMatch) {
    return new InvitationRefusal(
      'email_mismatch',
      `this invitation is for ${state.email}; sign in with that address, or ask the company to invite ${identity.email}`,
    );
  }
  return {
    next: {
      status: InvitationStatus.Accepted,
      acceptedAt: now,
      acceptedIdentity: identity,
      emailMatched,
      endedAt: now,
    },
    events: [
      {
        type: 'InviteAccepted',
        identity: {
          issuer: identity.issuer,
          subject: identity.subject,
          email: identity.email.toLowerCase(),
          ...(identity.name ? { name: identity.name } : {}),
        },
        acceptedAt: now,
        emailMatched,
      },
    ],
  };
}

const RESEND_WINDOW_MS = 24 * 3_600_000;

/**
 * A new link and code, a new validity and a fresh count of wrong codes (which unlocks it), the same license hold; for
 * a sent (or failed) invitation only, and at most `dailyLimit` times per 24 hours.
 */
function resend(
  state: InvitationState,
  command: { validForHours: number; dailyLimit: number },
  now: Date,
): Decision | InvitationRefusal {
  if (state.status !== InvitationStatus.Invited && state.status !== InvitationStatus.EmailFailed) {
    return new InvitationRefusal('not_open', `an invitation that is ${state.status} cannot be resent`);
  }
  const windowStart =
    state.resendWindowStart && now.getTime() - state.resendWindowStart.getTime() < RESEND_WINDOW_MS
      ? state.resendWindowStart
      : undefined;
  const used = windowStart ? state.resendsInWindow : 0;
  if (used >= command.dailyLimit) {
    return new InvitationRefusal(
      'resend_limit',
      `an invitation can be resent ${command.dailyLimit} times per 24 hours`,
    );
  }
  return {
    next: {
      status: InvitationStatus.Invited,
      expiresAt: hoursAfter(now, command.validForHours),
      failedCodeAttempts: 0,
      resendCount: state.resendCount + 1,
      resendsInWindow: used + 1,
      resendWindowStart: windowStart ?? now,
    },
    events: [],
    mail: 'send_new_link_and_code',
  };
}

/** Addresses compare without regard to case or surrounding spaces. */
function sameAddress(invited: string, signedIn: string): boolean {
  return invited.trim().toLowerCase() === signedIn.trim().toLowerCase();
}

function hoursAfter(now: Date, hours: number): Date {
  return new Date(now.getTime() + hours * 3_600_000);
}

/** A sent invitation always has an expiry; one without is a broken record, not a refusal. */
function sentExpiry(state: InvitationState): Date {
  if (!state.expiresAt) throw new Error(`an invitation that is ${state.status} has no expiry`);
  return state.expiresAt;
}

function notWaitingForLicense(state: InvitationState): InvitationRefusal {
  return new InvitationRefusal('not_open', `an invitation that is ${state.status} is not waiting for a license`);
}

function noEmailToSend(state: InvitationState): InvitationRefusal {
  return new InvitationRefusal('not_open', `an invitation that is ${state.status} has no e-mail to send`);
}

function expiredRefusal(): InvitationRefusal {
  return new InvitationRefusal('expired', 'this invitation has expired; ask the company to send it again');
}
