import { REFUSAL_STATUS, Refusal, refusalCodeOf } from '@partner-portal/api-contracts';
import {
  allowedOrThrow,
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
const refusal = refusalCodeOf;

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

  it('says that a replaced link or code belongs to an older e-mail', () => {
    expect(replacedSecret('token')).toMatchObject({
      code: 'replaced',
      message: 'this link was replaced by a newer invitation e-mail; use the link in the newest e-mail',
    });
    expect(replacedSecret('code').message).toContain('use the code in the newest e-mail');
  });

  it.each([
    ['not_open', 409],
    ['not_sent_yet', 409],
    ['not_due', 409],
    ['expired', 410],
    ['revoked', 410],
    ['already_accepted', 410],
    ['rejected', 410],
    ['replaced', 410],
    ['locked', 423],
    ['email_mismatch', 403],
    ['resend_limit', 429],
    ['too_many_wrong_codes', 429],
  ] as const)('refuses %s as a domain refusal that the service answers with %i', (code, status) => {
    const refused = new InvitationRefusal(code, 'why');
    expect(refused).toBeInstanceOf(Refusal);
    expect(REFUSAL_STATUS[refused.kind]).toBe(status);
  });

  it('passes an allowed outcome on and throws a refusal', () => {
    expect(allowedOrThrow({ next: 'state' })).toEqual({ next: 'state' });
    expect(refusal(() => allowedOrThrow(new InvitationRefusal('not_open', 'closed')))).toBe('not_open');
  });

  it('sorts every status, open ones first', () => {
    expect([...STATUS_SORT_ORDER].sort()).toEqual(Object.values(InvitationStatus).sort());
    expect(STATUS_SORT_ORDER.slice(0, 3)).toEqual(['pending_license', 'invited', 'email_failed']);
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
