import {
  assertAcceptable,
  assertResendable,
  assertRevocable,
  checkEmail,
  InvitationRefusal,
  InvitationStatus,
  MAX_CODE_ATTEMPTS,
  replacedSecret,
  STATUS_SORT_ORDER,
  wrongCodeAnswer,
  assertMayTryCode,
  MAX_WRONG_CODES_PER_PERSON,
  WRONG_CODE_WINDOW_MS,
} from './invitation-status';
import {
  CODE_ALPHABET,
  CODE_LENGTH,
  formatCode,
  hashCode,
  hashToken,
  newSecrets,
  normalizeCode,
  sameHash,
} from './invitation-secrets';

const now = new Date('2026-11-22T12:00:00Z');
const open = { status: InvitationStatus.Invited, expiresAt: new Date('2026-12-06T12:00:00Z'), failedCodeAttempts: 0 };

function refusal(rule: () => unknown): string | undefined {
  try {
    rule();
  } catch (error) {
    if (error instanceof InvitationRefusal) return error.code;
    throw error;
  }
  return undefined;
}

describe('invitation rules', () => {
  it("stops a person's code guessing after too many wrong codes in a window, whichever invitation they aim at", () => {
    const windowStart = new Date(now.getTime() - 3_600_000);
    // Given the person's wrong codes in the window, when they try another code:
    expect(refusal(() => assertMayTryCode(undefined, now))).toBeUndefined();
    expect(
      refusal(() => assertMayTryCode({ failures: MAX_WRONG_CODES_PER_PERSON - 1, windowStart }, now)),
    ).toBeUndefined();
    expect(refusal(() => assertMayTryCode({ failures: MAX_WRONG_CODES_PER_PERSON, windowStart }, now))).toBe(
      'too_many_wrong_codes',
    );
    // once the window is over, they may try again.
    const over = new Date(windowStart.getTime() + WRONG_CODE_WINDOW_MS);
    expect(
      refusal(() => assertMayTryCode({ failures: MAX_WRONG_CODES_PER_PERSON, windowStart }, over)),
    ).toBeUndefined();
  });

  it('answers a wrong code with the attempts left, then with "locked" once every open invitation is locked', () => {
    // Given the person's open invitations after counting the wrong code, when it is answered:
    expect(wrongCodeAnswer([1], false)).toEqual({ attemptsLeft: 4 });
    expect(wrongCodeAnswer([2, MAX_CODE_ATTEMPTS], false)).toEqual({ attemptsLeft: 0 });
    // no open invitation of theirs: nothing to count, nothing to tell;
    expect(wrongCodeAnswer([], false)).toEqual({});
    // the sixth try, every one locked already: say so.
    expect(refusal(() => wrongCodeAnswer([], true))).toBe('locked');
  });

  it('accepts an invited, unexpired, unlocked invitation only', () => {
    expect(refusal(() => assertAcceptable(open, now))).toBeUndefined();
    expect(refusal(() => assertAcceptable({ ...open, expiresAt: now }, now))).toBe('expired');
    expect(refusal(() => assertAcceptable({ ...open, failedCodeAttempts: MAX_CODE_ATTEMPTS }, now))).toBe('locked');
    for (const [status, code] of [
      [InvitationStatus.Accepted, 'already_accepted'],
      [InvitationStatus.Revoked, 'revoked'],
      [InvitationStatus.Expired, 'expired'],
      [InvitationStatus.Rejected, 'rejected'],
      [InvitationStatus.PendingLicense, 'not_sent_yet'],
    ] as const) {
      expect(refusal(() => assertAcceptable({ ...open, status }, now))).toBe(code);
    }
  });

  it('says that a replaced link or code belongs to an older e-mail', () => {
    expect(replacedSecret('token')).toMatchObject({
      code: 'replaced',
      message: 'this link was replaced by a newer invitation e-mail; use the link in the newest e-mail',
    });
    expect(replacedSecret('code').message).toContain('use the code in the newest e-mail');
  });

  it('sorts every status, open ones first', () => {
    expect([...STATUS_SORT_ORDER].sort()).toEqual(Object.values(InvitationStatus).sort());
    expect(STATUS_SORT_ORDER.slice(0, 3)).toEqual(['pending_license', 'invited', 'email_failed']);
  });

  it('revokes only open invitations', () => {
    expect(refusal(() => assertRevocable(InvitationStatus.PendingLicense))).toBeUndefined();
    expect(refusal(() => assertRevocable(InvitationStatus.EmailFailed))).toBeUndefined();
    expect(refusal(() => assertRevocable(InvitationStatus.Accepted))).toBe('not_open');
  });

  it('limits resends per 24 hours and starts a new window after one', () => {
    const sent = { status: InvitationStatus.Invited, resendsInWindow: 0, windowStart: null };
    expect(assertResendable(sent, 2, now)).toEqual({ resendsInWindow: 1, windowStart: now });
    const twice = { ...sent, resendsInWindow: 2, windowStart: new Date(now.getTime() - 3_600_000) };
    expect(refusal(() => assertResendable(twice, 2, now))).toBe('resend_limit');
    const yesterday = { ...twice, windowStart: new Date(now.getTime() - 25 * 3_600_000) };
    expect(assertResendable(yesterday, 2, now)).toEqual({ resendsInWindow: 1, windowStart: now });
    expect(refusal(() => assertResendable({ ...sent, status: InvitationStatus.Accepted }, 2, now))).toBe('not_open');
  });

  it('records whether the signed-in e-mail matched, and refuses a mismatch when the tenant requires a match', () => {
    expect(checkEmail('Anna@Fabrikam.example', 'anna@fabrikam.example ', true)).toBe(true);
    expect(checkEmail('anna@fabrikam.example', 'anna@gmail.example', false)).toBe(false);
    expect(refusal(() => checkEmail('anna@fabrikam.example', 'anna@gmail.example', true))).toBe('email_mismatch');
  });
});

describe('invitation secrets', () => {
  it('makes a link token of 256 bits and a code of ten unambiguous characters', () => {
    const { token, code } = newSecrets();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(code).toHaveLength(CODE_LENGTH);
    expect([...code].every((c) => CODE_ALPHABET.includes(c))).toBe(true);
    expect(newSecrets().token).not.toBe(token);
  });

  it('hashes codes with the pepper and accepts them as typed', () => {
    const hash = hashCode('ABCDE-FGHJK', 'a-pepper-of-at-least-thirty-two-characters');
    expect(sameHash(hash, hashCode('abcde fghjk', 'a-pepper-of-at-least-thirty-two-characters'))).toBe(true);
    expect(sameHash(hash, hashCode('ABCDEFGHJK', 'another-pepper-of-thirty-two-characters!'))).toBe(false);
    expect(formatCode('ABCDEFGHJK')).toBe('ABCDE-FGHJK');
    expect(normalizeCode(' abcde-fghjk ')).toBe('ABCDEFGHJK');
  });

  it('compares token hashes exactly', () => {
    expect(sameHash(hashToken('x'), hashToken('x'))).toBe(true);
    expect(sameHash(hashToken('x'), hashToken('y'))).toBe(false);
    expect(sameHash(null, hashToken('x'))).toBe(false);
  });
});
