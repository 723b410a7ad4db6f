import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LicenseReservationRejectionReason, type SignedInIdentityV1 } from '@partner-portal/contracts';
import { refusalCodeOf } from '@partner-portal/api-contracts';
import {
  assertAcceptable,
  decide,
  type Decision,
  type InvitationCommand,
  type InvitationState,
} from './invitation-lifecycle';
import { InvitationRefusal, InvitationStatus, MAX_CODE_ATTEMPTS } from './invitation-status';

const HOUR = 3_600_000;
const now = new Date('2026-11-22T12:00:00Z');
const hoursFromNow = (hours: number) => new Date(now.getTime() + hours * HOUR);

const administrator = { kind: 'admin' as const, subject: 'ada' };
const erp = { kind: 'erp' as const };
const representative = {
  kind: 'partner' as const,
  subject: 'rita',
  membershipId: '6f1c2a9e-3b7d-4c1a-9a51-2f3e4d5c6b7a',
};
const anna: SignedInIdentityV1 = {
  issuer: 'https://login.example',
  subject: 'anna-1',
  email: 'Anna@Fabrikam.example',
  name: 'Anna de Vries',
};
const stranger: SignedInIdentityV1 = {
  issuer: 'https://login.example',
  subject: 'anna-2',
  email: 'anna@gmail.example',
};

const waitingForLicense: InvitationState = {
  status: InvitationStatus.PendingLicense,
  email: 'anna@fabrikam.example',
  expiresAt: null,
  failedCodeAttempts: 0,
  resendCount: 0,
  resendsInWindow: 0,
  resendWindowStart: null,
};
const invited: InvitationState = {
  ...waitingForLicense,
  status: InvitationStatus.Invited,
  expiresAt: hoursFromNow(24 * 14),
};
const locked: InvitationState = { ...invited, failedCodeAttempts: MAX_CODE_ATTEMPTS };
const emailFailed: InvitationState = { ...invited, status: InvitationStatus.EmailFailed };
const pastItsExpiry: InvitationState = { ...invited, expiresAt: hoursFromNow(-1) };

const resend = { type: 'resend', validForHours: 24 * 14, dailyLimit: 3 } as const;
const acceptByLink = (identity: SignedInIdentityV1, requireEmailMatch = false): InvitationCommand => ({
  type: 'acceptByLink',
  identity,
  requireEmailMatch,
});
const acceptByCode = (identity: SignedInIdentityV1, requireEmailMatch = false): InvitationCommand => ({
  type: 'acceptByCode',
  identity,
  requireEmailMatch,
});

/** The decision, failing the test with the refusal's words if there is none. */
function decided(state: InvitationState | undefined, command: InvitationCommand, at = now): Decision {
  const outcome = decide(state, command, at);
  if (outcome instanceof InvitationRefusal) throw new Error(`refused ${outcome.code}: ${outcome.message}`);
  return outcome;
}

/** The refusal's code, failing the test if the command is allowed. */
function refusal(state: InvitationState | undefined, command: InvitationCommand, at = now): string {
  const outcome = decide(state, command, at);
  if (!(outcome instanceof InvitationRefusal)) throw new Error(`allowed: ${JSON.stringify(outcome)}`);
  return outcome.code;
}

describe('given no invitation yet', () => {
  it('when the administrator requests one, then it waits for a license and InvitationRequested names the administrator', () => {
    expect(decided(undefined, { type: 'request', requestedBy: administrator })).toEqual({
      next: { status: InvitationStatus.PendingLicense },
      events: [{ type: 'InvitationRequested', requestedBy: administrator }],
    });
  });

  it('when the ERP requests one, then it waits for a license and InvitationRequested names the ERP', () => {
    expect(decided(undefined, { type: 'request', requestedBy: erp }).events).toEqual([
      { type: 'InvitationRequested', requestedBy: erp },
    ]);
  });

  it('when a customer representative requests one, then InvitationRequested names the representative and its membership', () => {
    expect(decided(undefined, { type: 'request', requestedBy: representative }).events).toEqual([
      { type: 'InvitationRequested', requestedBy: representative },
    ]);
  });

  it('when anything else happens to it, then that is a caller mistake, not a refusal', () => {
    expect(() => decide(undefined, { type: 'revoke', by: administrator }, now)).toThrow(
      'no invitation to apply revoke',
    );
  });
});

describe('given an invitation waiting for a license', () => {
  it('when licensing reserves one, then it is invited for the tenant’s hours and a new link and code go out by e-mail', () => {
    expect(decided(waitingForLicense, { type: 'licenseReserved', validForHours: 72 })).toEqual({
      next: { status: InvitationStatus.Invited, expiresAt: hoursFromNow(72), invitedAt: now },
      events: [],
      mail: 'send_new_link_and_code',
    });
  });

  it('when licensing rejects it, then it is rejected with licensing’s reason, and ends', () => {
    const reason = LicenseReservationRejectionReason.NoLicenseAvailable;
    expect(decided(waitingForLicense, { type: 'licenseRejected', reason })).toEqual({
      next: { status: InvitationStatus.Rejected, rejectionReason: reason, endedAt: now },
      events: [],
    });
  });

  it('when it is revoked by the administrator, then it is revoked and InviteRevoked lets licensing release the hold', () => {
    expect(decided(waitingForLicense, { type: 'revoke', by: administrator })).toEqual({
      next: { status: InvitationStatus.Revoked, endedAt: now },
      events: [{ type: 'InviteRevoked', revokedBy: administrator }],
      mail: 'cancel_unsent',
    });
  });

  it('when someone accepts it by link or code, then that is refused: it has not been sent yet', () => {
    expect(refusal(waitingForLicense, acceptByLink(anna))).toBe('not_sent_yet');
    expect(refusal(waitingForLicense, acceptByCode(anna))).toBe('not_sent_yet');
  });

  it('when it is requested again, then that is refused', () => {
    expect(refusal(waitingForLicense, { type: 'request', requestedBy: administrator })).toBe('not_open');
  });

  it('when it is resent, then that is refused: there is nothing sent to send again', () => {
    expect(refusal(waitingForLicense, resend)).toBe('not_open');
  });

  it('when the expiry job comes by, then that is refused: it has no expiry yet', () => {
    expect(refusal(waitingForLicense, { type: 'expire' })).toBe('not_open');
  });

  it('when an e-mail is reported sent or failed, then that is refused: it has no e-mail', () => {
    expect(refusal(waitingForLicense, { type: 'emailSent', resendCount: 0 })).toBe('not_open');
    expect(refusal(waitingForLicense, { type: 'emailFailed', attempts: 2, error: 'Error: 503' })).toBe('not_open');
  });

  it('when a wrong code is counted, then it is not: it has no code to guess', () => {
    expect(refusal(waitingForLicense, { type: 'wrongCode' })).toBe('not_open');
  });
});

describe('given an invited invitation', () => {
  it('when its e-mail is sent, then it stays invited and ContactInvited says until when and after how many resends', () => {
    expect(decided(invited, { type: 'emailSent', resendCount: 2 })).toEqual({
      next: {},
      events: [{ type: 'ContactInvited', expiresAt: invited.expiresAt, resendCount: 2 }],
    });
  });

  it('when its e-mail fails for the last time, then it is email_failed and InvitationEmailFailed says why', () => {
    expect(decided(invited, { type: 'emailFailed', attempts: 5, error: 'Error: 503 Service Unavailable' })).toEqual({
      next: { status: InvitationStatus.EmailFailed },
      events: [{ type: 'InvitationEmailFailed', attempts: 5, error: 'Error: 503 Service Unavailable' }],
    });
  });

  it('when the invited address accepts it by link, then it is accepted and ends, and InviteAccepted names the person', () => {
    expect(decided(invited, acceptByLink(anna, true))).toEqual({
      next: {
        status: InvitationStatus.Accepted,
        acceptedAt: now,
        acceptedIdentity: anna,
        emailMatched: true,
        endedAt: now,
      },
      events: [
        {
          type: 'InviteAccepted',
          identity: {
            issuer: anna.issuer,
            subject: anna.subject,
            email: 'anna@fabrikam.example',
            name: 'Anna de Vries',
          },
          acceptedAt: now,
          emailMatched: true,
        },
      ],
    });
  });

  it('when the invited address is typed in other case and with spaces around it, then it still matches', () => {
    const decision = decided(invited, acceptByCode({ ...anna, email: ' ANNA@fabrikam.example ' }, true));
    expect(decision.next.emailMatched).toBe(true);
  });

  it('when another address accepts it by code and the tenant does not require a match, then it is accepted, recording the difference', () => {
    const decision = decided(invited, acceptByCode(stranger, false));
    expect(decision.next).toMatchObject({ status: InvitationStatus.Accepted, emailMatched: false });
    expect(decision.events).toEqual([
      {
        type: 'InviteAccepted',
        identity: { issuer: stranger.issuer, subject: stranger.subject, email: 'anna@gmail.example' },
        acceptedAt: now,
        emailMatched: false,
      },
    ]);
  });

  it('when another address accepts it and the tenant requires a match, then that is refused naming both addresses', () => {
    const outcome = decide(invited, acceptByLink(stranger, true), now);
    expect(outcome).toBeInstanceOf(InvitationRefusal);
    expect(outcome).toMatchObject({
      code: 'email_mismatch',
      message:
        'this invitation is for anna@fabrikam.example; sign in with that address, or ask the company to invite anna@gmail.example',
    });
  });

  it('when it is accepted at its expiry, before the expiry job came by, then that is refused as expired', () => {
    expect(refusal(invited, acceptByLink(anna), invited.expiresAt!)).toBe('expired');
    expect(refusal(pastItsExpiry, acceptByCode(anna))).toBe('expired');
  });

  it('when a wrong code is typed, then one more attempt is counted and nothing is published', () => {
    expect(decided({ ...invited, failedCodeAttempts: 1 }, { type: 'wrongCode' })).toEqual({
      next: { failedCodeAttempts: 2 },
      events: [],
    });
  });

  it('when the fifth wrong code is typed, then it is counted, which locks the invitation', () => {
    const fourth = { ...invited, failedCodeAttempts: MAX_CODE_ATTEMPTS - 1 };
    expect(decided(fourth, { type: 'wrongCode' }).next).toEqual({ failedCodeAttempts: MAX_CODE_ATTEMPTS });
    expect(refusal({ ...fourth, failedCodeAttempts: MAX_CODE_ATTEMPTS }, acceptByCode(anna))).toBe('locked');
  });

  it('when it is resent, then a new link and code go out with a new validity, the resend counted in a new window', () => {
    expect(decided({ ...invited, failedCodeAttempts: 2, resendCount: 4 }, resend)).toEqual({
      next: {
        status: InvitationStatus.Invited,
        expiresAt: hoursFromNow(24 * 14),
        failedCodeAttempts: 0,
        resendCount: 5,
        resendsInWindow: 1,
        resendWindowStart: now,
      },
      events: [],
      mail: 'send_new_link_and_code',
    });
  });

  it('when it is revoked by the administrator, then it is revoked, its unsent e-mails cancelled, and InviteRevoked gives the reason', () => {
    expect(decided(invited, { type: 'revoke', by: administrator, reason: 'wrong contact' })).toEqual({
      next: { status: InvitationStatus.Revoked, endedAt: now },
      events: [{ type: 'InviteRevoked', revokedBy: administrator, reason: 'wrong contact' }],
      mail: 'cancel_unsent',
    });
  });

  it('when it is revoked without a reason (or an empty one), then InviteRevoked carries none', () => {
    expect(decided(invited, { type: 'revoke', by: administrator }).events).toEqual([
      { type: 'InviteRevoked', revokedBy: administrator },
    ]);
    expect(decided(invited, { type: 'revoke', by: administrator, reason: '' }).events).toEqual([
      { type: 'InviteRevoked', revokedBy: administrator },
    ]);
  });

  it('when the ERP no longer marks the contact as portal contact, then the ERP revokes it, saying so', () => {
    const reason = 'the ERP no longer marks the contact as portal contact';
    expect(decided(invited, { type: 'revoke', by: erp, reason })).toEqual({
      next: { status: InvitationStatus.Revoked, endedAt: now },
      events: [{ type: 'InviteRevoked', revokedBy: erp, reason }],
      mail: 'cancel_unsent',
    });
  });

  it('when the ERP deletes the contact, then the ERP revokes it, saying so', () => {
    const reason = 'the contact was deleted in the ERP';
    expect(decided(invited, { type: 'revoke', by: erp, reason }).events).toEqual([
      { type: 'InviteRevoked', revokedBy: erp, reason },
    ]);
  });

  it('when the expiry job finds it past its expiry, then it expires, its unsent e-mails cancelled, and InviteExpired says when', () => {
    expect(decided(pastItsExpiry, { type: 'expire' })).toEqual({
      next: { status: InvitationStatus.Expired, endedAt: now },
      events: [{ type: 'InviteExpired', expiredAt: pastItsExpiry.expiresAt }],
      mail: 'cancel_unsent',
    });
    expect(decided(invited, { type: 'expire' }, invited.expiresAt!).next.status).toBe(InvitationStatus.Expired);
  });

  it('when the expiry job comes before its expiry, then that is refused as not due', () => {
    expect(refusal(invited, { type: 'expire' })).toBe('not_due');
  });

  it('when licensing answers again, then that is refused: it no longer waits for a license', () => {
    expect(refusal(invited, { type: 'licenseReserved', validForHours: 72 })).toBe('not_open');
    expect(
      refusal(invited, { type: 'licenseRejected', reason: LicenseReservationRejectionReason.ModuleInactive }),
    ).toBe('not_open');
  });
});

describe('given an invitation locked by wrong codes', () => {
  it('when the right code is typed, then that is refused as locked, saying how it is unlocked', () => {
    expect(decide(locked, acceptByCode(anna), now)).toMatchObject({
      code: 'locked',
      message: expect.stringContaining('sending the invitation again'),
    });
    expect(refusal(locked, acceptByLink(anna))).toBe('locked');
  });

  it('when another wrong code is typed, then it is not counted further but answered as locked', () => {
    expect(refusal(locked, { type: 'wrongCode' })).toBe('locked');
  });

  it('when it is resent, then it is unlocked with a new link and code', () => {
    const decision = decided(locked, resend);
    expect(decision.next.failedCodeAttempts).toBe(0);
    expect(decision.mail).toBe('send_new_link_and_code');
  });

  it('when it is revoked by the administrator, then it is revoked', () => {
    expect(decided(locked, { type: 'revoke', by: administrator }).next.status).toBe(InvitationStatus.Revoked);
  });

  it('when it is past its expiry, then the expiry job expires it', () => {
    expect(decided({ ...locked, expiresAt: hoursFromNow(-1) }, { type: 'expire' }).next.status).toBe(
      InvitationStatus.Expired,
    );
  });
});

describe('given an invitation whose e-mail failed', () => {
  it('when it is resent, then it is invited again with a new link and code', () => {
    expect(decided(emailFailed, resend)).toMatchObject({
      next: { status: InvitationStatus.Invited, resendCount: 1 },
      mail: 'send_new_link_and_code',
    });
  });

  it('when the person accepts it all the same (the e-mail reached them after all), then it is accepted', () => {
    expect(decided(emailFailed, acceptByCode(anna)).next.status).toBe(InvitationStatus.Accepted);
  });

  it('when it is revoked by the ERP, then it is revoked', () => {
    expect(decided(emailFailed, { type: 'revoke', by: erp }).next.status).toBe(InvitationStatus.Revoked);
  });

  it('when it is past its expiry, then the expiry job expires it', () => {
    expect(decided({ ...emailFailed, expiresAt: hoursFromNow(-1) }, { type: 'expire' }).next.status).toBe(
      InvitationStatus.Expired,
    );
  });

  it('when a wrong code is typed, then it is not counted', () => {
    expect(refusal(emailFailed, { type: 'wrongCode' })).toBe('not_open');
  });

  it('when an e-mail is reported sent or failed again, then that is refused: none is on its way', () => {
    expect(refusal(emailFailed, { type: 'emailSent', resendCount: 0 })).toBe('not_open');
    expect(refusal(emailFailed, { type: 'emailFailed', attempts: 5, error: 'Error: 503' })).toBe('not_open');
  });
});

describe('given an invitation resent within the last 24 hours', () => {
  const windowStart = hoursFromNow(-23);
  const resentTwice: InvitationState = {
    ...invited,
    resendCount: 2,
    resendsInWindow: 2,
    resendWindowStart: windowStart,
  };

  it('when it is resent below the daily limit, then the resend counts in the same window', () => {
    expect(decided(resentTwice, resend).next).toMatchObject({
      resendCount: 3,
      resendsInWindow: 3,
      resendWindowStart: windowStart,
    });
  });

  it('when it is resent at the daily limit, then that is refused', () => {
    expect(refusal({ ...resentTwice, resendsInWindow: 3 }, resend)).toBe('resend_limit');
  });

  it('when it is resent 24 hours after the window began, then a new window starts with this resend', () => {
    const dayLater = new Date(windowStart.getTime() + 24 * HOUR);
    expect(decided({ ...resentTwice, resendsInWindow: 3 }, resend, dayLater).next).toMatchObject({
      resendCount: 3,
      resendsInWindow: 1,
      resendWindowStart: dayLater,
    });
  });
});

describe.each([
  [InvitationStatus.Accepted, 'already_accepted'],
  [InvitationStatus.Revoked, 'revoked'],
  [InvitationStatus.Expired, 'expired'],
  [InvitationStatus.Rejected, 'rejected'],
] as const)('given an invitation that is %s', (status, acceptRefusal) => {
  const ended: InvitationState = { ...invited, status };

  it(`when it is accepted by link or code, then that is refused as ${acceptRefusal}`, () => {
    expect(refusal(ended, acceptByLink(anna))).toBe(acceptRefusal);
    expect(refusal(ended, acceptByCode(anna))).toBe(acceptRefusal);
  });

  it('when it is revoked, resent or expired, then that is refused: it is not open', () => {
    expect(refusal(ended, { type: 'revoke', by: administrator })).toBe('not_open');
    expect(refusal(ended, resend)).toBe('not_open');
    expect(refusal({ ...ended, expiresAt: hoursFromNow(-1) }, { type: 'expire' })).toBe('not_open');
  });

  it('when licensing, the e-mail or a wrong code comes late, then that is refused and changes nothing', () => {
    expect(refusal(ended, { type: 'licenseReserved', validForHours: 72 })).toBe('not_open');
    expect(
      refusal(ended, { type: 'licenseRejected', reason: LicenseReservationRejectionReason.NoLicenseAvailable }),
    ).toBe('not_open');
    expect(refusal(ended, { type: 'emailSent', resendCount: 0 })).toBe('not_open');
    expect(refusal(ended, { type: 'emailFailed', attempts: 5, error: 'Error: 503' })).toBe('not_open');
    expect(refusal(ended, { type: 'wrongCode' })).toBe('not_open');
  });
});

describe('previewing a link', () => {
  const codeOf = refusalCodeOf;

  it('shows an invitation that could be accepted now, and refuses as acceptance would', () => {
    expect(codeOf(() => assertAcceptable(invited, now))).toBeUndefined();
    expect(codeOf(() => assertAcceptable(emailFailed, now))).toBeUndefined();
    expect(codeOf(() => assertAcceptable(pastItsExpiry, now))).toBe('expired');
    expect(codeOf(() => assertAcceptable(locked, now))).toBe('locked');
    expect(codeOf(() => assertAcceptable(waitingForLicense, now))).toBe('not_sent_yet');
  });
});

describe('the life cycle table of docs/invitations.md', () => {
  const SAMPLES: Record<InvitationCommand['type'], InvitationCommand> = {
    request: { type: 'request', requestedBy: administrator },
    licenseReserved: { type: 'licenseReserved', validForHours: 72 },
    licenseRejected: { type: 'licenseRejected', reason: LicenseReservationRejectionReason.NoLicenseAvailable },
    emailSent: { type: 'emailSent', resendCount: 0 },
    emailFailed: { type: 'emailFailed', attempts: 5, error: 'Error: 503' },
    acceptByLink: acceptByLink(anna),
    acceptByCode: acceptByCode(anna),
    wrongCode: { type: 'wrongCode' },
    resend,
    revoke: { type: 'revoke', by: administrator },
    expire: { type: 'expire' },
  };
  const MAIL: Record<string, Decision['mail']> = {
    '': undefined,
    'a new link and code': 'send_new_link_and_code',
    'unsent ones cancelled': 'cancel_unsent',
  };

  /** Rows of the table: from which statuses, which commands, to which status, publishing what, doing what to e-mails. */
  function documentedTransitions() {
    const doc = readFileSync(join(__dirname, '../../../../docs/invitations.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## The life cycle'));
    const table = section.slice(section.indexOf('| from |'));
    const codes = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map(([, code]) => code);
    const lines = table.split('\n');
    return lines
      .slice(
        2,
        lines.findIndex((line) => !line.startsWith('|')),
      )
      .map((line) => {
        const [from, commands, to, publishes, mail] = line
          .split('|')
          .slice(1, -1)
          .map((cell) => cell.trim());
        return { from: codes(from), commands: codes(commands), to: codes(to)[0], events: codes(publishes), mail };
      });
  }

  it('lists every transition the rules allow, and the rules refuse every one it does not list', () => {
    const rows = documentedTransitions();
    expect(rows.length).toBeGreaterThan(5);
    const documented = new Map<string, (typeof rows)[number]>();
    for (const row of rows) {
      for (const from of row.from.length ? row.from : ['none']) {
        for (const command of row.commands) documented.set(`${from} ${command}`, row);
      }
    }
    for (const from of ['none', ...Object.values(InvitationStatus)]) {
      for (const [type, command] of Object.entries(SAMPLES)) {
        const row = documented.get(`${from} ${type}`);
        const state =
          from === 'none'
            ? undefined
            : {
                ...invited,
                status: from as InvitationStatus,
                expiresAt: type === 'expire' ? hoursFromNow(-1) : invited.expiresAt,
              };
        if (from === 'none' && type !== 'request') continue;
        const outcome = decide(state, command, now);
        const seen =
          outcome instanceof InvitationRefusal
            ? 'refused'
            : {
                to: outcome.next.status ?? from,
                events: outcome.events.map((event) => event.type),
                mail: outcome.mail,
              };
        expect({ transition: `${from} ${type}`, seen }).toEqual({
          transition: `${from} ${type}`,
          seen: row ? { to: row.to, events: row.events, mail: MAIL[row.mail] } : 'refused',
        });
      }
    }
  });
});
