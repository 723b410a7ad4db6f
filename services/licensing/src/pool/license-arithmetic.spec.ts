import {
  assertCancellable,
  available,
  CancellationRefused,
  deactivationEndsAcceptance,
  holderKeyOf,
  invitationClaim,
  seatClaim,
} from './license-arithmetic';

describe('license arithmetic', () => {
  it('ends an acceptance with a deactivation that came first only when it happened after the acceptance', () => {
    const acceptedAt = new Date('2026-12-02T10:00:00Z');
    // Given a deactivation kept for the seat, when the acceptance arrives:
    expect(deactivationEndsAcceptance(new Date('2026-12-02T10:00:01Z'), acceptedAt)).toBe(true);
    expect(deactivationEndsAcceptance(acceptedAt, acceptedAt)).toBe(true);
    // an older one ended an earlier seat at the same contact, not this one.
    expect(deactivationEndsAcceptance(new Date('2026-12-01T10:00:00Z'), acceptedAt)).toBe(false);
  });

  it('counts as available what is neither reserved nor consumed', () => {
    expect(available({ purchased: 10, reserved: 3, consumed: 5 })).toBe(2);
  });

  it('refuses a cancellation below what is reserved plus consumed, giving the numbers', () => {
    const pool = { purchased: 10, reserved: 3, consumed: 5 };
    expect(() => assertCancellable(pool, 2)).not.toThrow();
    expect(() => assertCancellable(pool, 3)).toThrow(CancellationRefused);
    expect(() => assertCancellable(pool, 3)).toThrow(
      'cannot cancel 3 license(s): 10 purchased, 3 reserved and 5 consumed leave at most 2 to cancel',
    );
    expect(() => assertCancellable(pool, 0)).toThrow(CancellationRefused);
  });

  it('counts one person once, whatever the case or surrounding spaces of the address', () => {
    expect(holderKeyOf('  Anna.de.Vries@Fabrikam.EXAMPLE ')).toBe('anna.de.vries@fabrikam.example');
  });

  it('names claims so that an invitation and a seat never collide', () => {
    expect(invitationClaim('2B1D5C7E-8F4A-4B6E-9C3D-1A2B3C4D5E6F')).toBe(
      'invitation:2b1d5c7e-8f4a-4b6e-9c3d-1a2b3c4d5e6f',
    );
    expect(
      seatClaim({
        environment: 'production',
        companyId: 'CRONUS',
        partnerType: 'customer',
        partnerNo: 'C1',
        contactNo: 'CT1',
      }),
    ).toBe('seat:production|CRONUS|customer|C1|CT1');
  });
});
