import { REFUSAL_STATUS, Refusal } from '@partner-portal/api-contracts';
import { LicenseReleaseReason, LicenseReservationRejectionReason } from '@partner-portal/contracts';
import {
  available,
  cancellationRefused,
  cancelLicenses,
  cartOverMaximum,
  checkOut,
  consumeLicense,
  deactivationEndsAcceptance,
  endInvitation,
  endSeat,
  holderKeyOf,
  invitationClaim,
  ledgerEntryOf,
  licenseRefusal,
  orderNumber,
  reactivateSeat,
  reserveLicense,
  resumeSeat,
  seatClaim,
  unknownCartLine,
  type AcceptanceFacts,
  type ActivationFacts,
  type CheckoutFacts,
  type Holder,
  type HoldState,
  type InvitationEndFacts,
  type ReactivationFacts,
  type ReservationFacts,
  type SeatEndFacts,
} from './license-rules';

const annasKey = 'anna@fabrikam.example';
const invitationId = '2b1d5c7e-8f4a-4b6e-9c3d-1a2b3c4d5e6f';
const otherInvitationId = '7c9e1f3a-5b2d-4e8f-a1c3-9d7b5e3f1a2c';
const membershipId = '6f1c2a9e-3b7d-4c1a-9a51-2f3e4d5c6b7a';
const seat = seatClaim({
  environment: 'production',
  companyId: 'CRONUS',
  partnerType: 'customer',
  partnerNo: 'C10000',
  contactNo: 'CT1',
});
const otherSeat = seatClaim({
  environment: 'sandbox',
  companyId: 'CRONUS',
  partnerType: 'customer',
  partnerNo: 'C10000',
  contactNo: 'CT1',
});
const invitation = invitationClaim(invitationId);
const otherInvitation = invitationClaim(otherInvitationId);

/** Anna, holding the given license (none when undefined) with the given claims on it. */
const anna = (hold?: HoldState, claims: string[] = []): Holder => ({ key: annasKey, hold, claims });
const moduleOn = { serverModuleActive: true, extensionInstalled: true };
const serverModuleOff = { serverModuleActive: false, extensionInstalled: true };
const extensionMissing = { serverModuleActive: true, extensionInstalled: false };

/** The refusal's kind, code and HTTP status, failing the test if the rule allowed it. */
function refused(outcome: unknown): { kind: string; code: string; status: number; message: string } {
  if (!(outcome instanceof Refusal)) throw new Error(`allowed: ${JSON.stringify(outcome)}`);
  return { kind: outcome.kind, code: outcome.code, status: REFUSAL_STATUS[outcome.kind], message: outcome.message };
}

describe('the pool', () => {
  it('counts as available what is neither reserved nor consumed', () => {
    expect(available({ purchased: 10, reserved: 3, consumed: 5 })).toBe(2);
  });

  it.each([
    [
      { type: 'reserve', invitationId },
      { kind: 'reservation', delta: { reserved: 1 }, invitationId },
    ],
    [{ type: 'consume_available' }, { kind: 'consumption', delta: { consumed: 1 } }],
    [
      { type: 'consume_reserved', invitationId },
      { kind: 'consumption', delta: { reserved: -1, consumed: 1 }, invitationId },
    ],
    [
      { type: 'release', from: 'reserved', invitationId },
      { kind: 'release', delta: { reserved: -1 }, invitationId },
    ],
    [
      { type: 'release', from: 'consumed' },
      { kind: 'release', delta: { consumed: -1 } },
    ],
    [
      { type: 'purchase', quantity: 10 },
      { kind: 'purchase', delta: { purchased: 10 } },
    ],
    [
      { type: 'cancel', quantity: 4 },
      { kind: 'cancellation', delta: { purchased: -4 } },
    ],
  ] as const)('writes %j to the ledger as %j', (change, line) => {
    expect(ledgerEntryOf(change)).toEqual(line);
  });
});

describe('holders and claims', () => {
  it('counts one person once, whatever the case or surrounding spaces of the address', () => {
    expect(holderKeyOf('  Anna.de.Vries@Fabrikam.EXAMPLE ')).toBe('anna.de.vries@fabrikam.example');
  });

  it('names claims so that an invitation and a seat never collide', () => {
    expect(invitationClaim('2B1D5C7E-8F4A-4B6E-9C3D-1A2B3C4D5E6F')).toBe(
      'invitation:2b1d5c7e-8f4a-4b6e-9c3d-1a2b3c4d5e6f',
    );
    expect(seat).toBe('seat:production|CRONUS|customer|C10000|CT1');
  });

  it('ends an acceptance with a deactivation that came first only when it happened at or after the acceptance', () => {
    const acceptedAt = new Date('2026-12-02T10:00:00Z');
    expect(deactivationEndsAcceptance(new Date('2026-12-02T10:00:01Z'), acceptedAt)).toBe(true);
    expect(deactivationEndsAcceptance(acceptedAt, acceptedAt)).toBe(true);
    expect(deactivationEndsAcceptance(new Date('2026-12-01T10:00:00Z'), acceptedAt)).toBe(false);
  });

  it('refuses in the saga with the reason as the code, for the consumers to log', () => {
    for (const reason of Object.values(LicenseReservationRejectionReason)) {
      expect(refused(licenseRefusal(reason))).toMatchObject({ kind: 'conflict', code: reason });
    }
  });
});

describe('reserving a license for an invitation (InvitationRequested)', () => {
  const request = (facts: Partial<ReservationFacts>): ReservationFacts => ({
    holder: anna(),
    invitationId,
    claimed: false,
    module: moduleOn,
    available: 3,
    ...facts,
  });
  const rejected = (reason: LicenseReservationRejectionReason) => ({
    events: [{ type: 'LicenseReservationRejected', payload: { invitationId, reason } }],
    refusal: licenseRefusal(reason),
  });

  describe('given a person who holds no license and a pool with licenses available', () => {
    it('when an invitation asks for one, then one is reserved from the pool for the invitation: LicenseReserved', () => {
      expect(reserveLicense(request({}))).toEqual({
        pool: [{ type: 'reserve', invitationId }],
        hold: 'reserved',
        claimsAdded: [{ claim: invitation, invitationId }],
        events: [{ type: 'LicenseReserved', payload: { invitationId, holderKey: annasKey, reused: false } }],
      });
    });

    it('when the same invitation asks again (its claim exists), then nothing happens', () => {
      expect(reserveLicense(request({ claimed: true }))).toEqual({});
    });
  });

  describe('given a person who holds a license already', () => {
    it('when an invitation asks while another invitation holds it reserved, then it is reused: LicenseReserved reused', () => {
      expect(reserveLicense(request({ holder: anna('reserved', [otherInvitation]) }))).toEqual({
        claimsAdded: [{ claim: invitation, invitationId }],
        events: [{ type: 'LicenseReserved', payload: { invitationId, holderKey: annasKey, reused: true } }],
      });
    });

    it('when an invitation asks while a seat uses it, then it is reused too', () => {
      expect(reserveLicense(request({ holder: anna('consumed', [otherSeat]) })).events).toEqual([
        { type: 'LicenseReserved', payload: { invitationId, holderKey: annasKey, reused: true } },
      ]);
    });

    it('when an invitation asks and the pool has none left, then it is still reused: nothing leaves the pool', () => {
      const decision = reserveLicense(request({ holder: anna('consumed', [otherSeat]), available: 0 }));
      expect(decision.pool).toBeUndefined();
      expect(decision.events?.[0].type).toBe('LicenseReserved');
    });
  });

  describe('given the module is not on where the invitation is', () => {
    it('when the server module is off, then it is refused: LicenseReservationRejected module_inactive', () => {
      expect(reserveLicense(request({ module: serverModuleOff }))).toEqual(
        rejected(LicenseReservationRejectionReason.ModuleInactive),
      );
    });

    it('when the ERP extension is not installed in that environment and company, then it is refused likewise', () => {
      expect(reserveLicense(request({ module: extensionMissing }))).toEqual(
        rejected(LicenseReservationRejectionReason.ModuleInactive),
      );
    });

    it('when the person holds a license already, then it is refused all the same', () => {
      expect(reserveLicense(request({ holder: anna('consumed', [otherSeat]), module: serverModuleOff }))).toEqual(
        rejected(LicenseReservationRejectionReason.ModuleInactive),
      );
    });
  });

  describe('given a pool with no license available', () => {
    it('when a person without a license is invited, then it is refused: LicenseReservationRejected no_license_available', () => {
      expect(reserveLicense(request({ available: 0 }))).toEqual(
        rejected(LicenseReservationRejectionReason.NoLicenseAvailable),
      );
    });
  });
});

describe('consuming the license on acceptance (InviteAccepted)', () => {
  const acceptedAt = new Date('2026-12-02T10:00:00Z');
  const accept = (facts: Partial<AcceptanceFacts>): AcceptanceFacts => ({
    holder: anna('reserved', [invitation]),
    invitationId,
    seat,
    claimed: true,
    acceptedAt,
    seatEndedAt: undefined,
    ...facts,
  });
  const consumed = { type: 'LicenseConsumed', payload: { invitationId, holderKey: annasKey } };

  describe('given an invitation that holds a reserved license', () => {
    it('when it is accepted, then the license is consumed and the invitation’s claim becomes the seat’s: LicenseConsumed', () => {
      expect(consumeLicense(accept({}))).toEqual({
        pool: [{ type: 'consume_reserved', invitationId }],
        hold: 'consumed',
        claimsRemoved: [invitation],
        claimsAdded: [{ claim: seat, invitationId }],
        events: [consumed],
      });
    });
  });

  describe('given an invitation whose person’s license a seat uses already', () => {
    it('when it is accepted, then the pool does not change, and the seat claims the same license', () => {
      expect(consumeLicense(accept({ holder: anna('consumed', [invitation, otherSeat]) }))).toEqual({
        claimsRemoved: [invitation],
        claimsAdded: [{ claim: seat, invitationId }],
        events: [consumed],
      });
    });
  });

  describe('given an acceptance that holds no license', () => {
    it('when the person holds none, then the invitation’s claim goes and it is logged', () => {
      expect(consumeLicense(accept({ holder: anna(undefined) }))).toEqual({
        claimsRemoved: [invitation],
        warning: 'accepted invitation holds no license',
      });
    });

    it('when the invitation’s claim is gone (it ended before), then it is only logged', () => {
      expect(consumeLicense(accept({ holder: anna('consumed', [otherSeat]), claimed: false }))).toEqual({
        warning: 'accepted invitation holds no license',
      });
    });
  });

  describe('given the seat’s deactivation arrived before its acceptance (another topic)', () => {
    const deactivatedAt = new Date('2026-12-02T10:05:00Z');

    it('when the acceptance comes and nothing else claims the license, then it is consumed and at once released', () => {
      expect(consumeLicense(accept({ seatEndedAt: deactivatedAt }))).toEqual({
        pool: [
          { type: 'consume_reserved', invitationId },
          { type: 'release', from: 'consumed', invitationId },
        ],
        hold: null,
        claimsRemoved: [invitation, seat],
        endedSeat: { forget: seat },
        events: [
          consumed,
          {
            type: 'LicenseReleased',
            payload: { holderKey: annasKey, reason: LicenseReleaseReason.UserDeactivated, invitationId },
          },
        ],
      });
    });

    it('when the deactivation happened at the very instant of the acceptance, then it ends the seat too', () => {
      expect(consumeLicense(accept({ seatEndedAt: acceptedAt })).hold).toBeNull();
    });

    it('when the person’s license is consumed already (an earlier seat used it), then it goes back from consumed', () => {
      const decision = consumeLicense(accept({ holder: anna('consumed', [invitation]), seatEndedAt: deactivatedAt }));
      expect(decision.pool).toEqual([{ type: 'release', from: 'consumed', invitationId }]);
      expect(decision.hold).toBeNull();
    });

    it('when another invitation still claims the license, then it is consumed and stays with the person', () => {
      expect(
        consumeLicense(accept({ holder: anna('reserved', [invitation, otherInvitation]), seatEndedAt: deactivatedAt })),
      ).toEqual({
        pool: [{ type: 'consume_reserved', invitationId }],
        hold: 'consumed',
        claimsRemoved: [invitation, seat],
        endedSeat: { forget: seat },
        events: [consumed],
      });
    });

    it('when the deactivation is older than the acceptance, then it ended an earlier seat: forgotten, and the seat stays', () => {
      expect(consumeLicense(accept({ seatEndedAt: new Date('2026-12-01T10:00:00Z') }))).toEqual({
        pool: [{ type: 'consume_reserved', invitationId }],
        hold: 'consumed',
        claimsRemoved: [invitation],
        claimsAdded: [{ claim: seat, invitationId }],
        endedSeat: { forget: seat },
        events: [consumed],
      });
    });
  });
});

describe('ending an invitation before its acceptance (InviteExpired, InviteRevoked)', () => {
  const end = (
    holder: Holder,
    claimed = true,
    reason: InvitationEndFacts['reason'] = LicenseReleaseReason.InviteExpired,
  ) => endInvitation({ holder, invitationId, claimed, reason });

  describe('given an invitation that is the last claim on a reserved license', () => {
    it('when it expires, then the license goes back to the pool: LicenseReleased invite_expired', () => {
      expect(end(anna('reserved', [invitation]))).toEqual({
        pool: [{ type: 'release', from: 'reserved', invitationId }],
        hold: null,
        claimsRemoved: [invitation],
        events: [
          {
            type: 'LicenseReleased',
            payload: { holderKey: annasKey, reason: LicenseReleaseReason.InviteExpired, invitationId },
          },
        ],
      });
    });

    it('when it is revoked, then the license goes back: LicenseReleased invite_revoked', () => {
      expect(end(anna('reserved', [invitation]), true, LicenseReleaseReason.InviteRevoked).events).toEqual([
        {
          type: 'LicenseReleased',
          payload: { holderKey: annasKey, reason: LicenseReleaseReason.InviteRevoked, invitationId },
        },
      ]);
    });
  });

  describe('given an invitation whose person’s license something else claims too', () => {
    it('when it expires, then only its claim goes', () => {
      expect(end(anna('reserved', [invitation, otherInvitation]))).toEqual({ claimsRemoved: [invitation] });
      expect(end(anna('consumed', [invitation, otherSeat]))).toEqual({ claimsRemoved: [invitation] });
    });
  });

  describe('given an invitation that holds nothing (accepted, refused or ended before)', () => {
    it('when it expires or is revoked, then nothing happens', () => {
      expect(end(anna('consumed', [seat]), false)).toEqual({});
      expect(end(anna(undefined), false, LicenseReleaseReason.InviteRevoked)).toEqual({});
    });
  });

  describe('given a claim without a license (a broken invariant)', () => {
    it('when the claim ends, then the rule stops the saga rather than guess', () => {
      expect(() => end(anna(undefined, [invitation]))).toThrow('found no license');
    });
  });
});

describe('ending a seat (PortalUserDeactivated, either version)', () => {
  const deactivatedAt = new Date('2026-12-02T10:05:00Z');
  const deactivate = (facts: Partial<SeatEndFacts>) =>
    endSeat({ holder: anna('consumed', [seat]), membershipId, seat, claimed: true, deactivatedAt, ...facts });

  describe('given a seat that is the last claim on the license', () => {
    it('when the portal user is deactivated, then the license goes back: LicenseReleased user_deactivated', () => {
      expect(deactivate({})).toEqual({
        pool: [{ type: 'release', from: 'consumed' }],
        hold: null,
        claimsRemoved: [seat],
        events: [
          {
            type: 'LicenseReleased',
            payload: { holderKey: annasKey, reason: LicenseReleaseReason.UserDeactivated, membershipId },
          },
        ],
      });
    });
  });

  describe('given a person whose license another seat or an open invitation claims too', () => {
    it('when one portal user is deactivated, then only that seat’s claim goes', () => {
      expect(deactivate({ holder: anna('consumed', [seat, otherSeat]) })).toEqual({ claimsRemoved: [seat] });
      expect(deactivate({ holder: anna('consumed', [seat, otherInvitation]) })).toEqual({ claimsRemoved: [seat] });
    });
  });

  describe('given a seat whose acceptance has not reached licensing yet', () => {
    it('when the deactivation arrives first, then it is kept for that acceptance', () => {
      expect(deactivate({ holder: anna('reserved', [invitation]), claimed: false })).toEqual({
        endedSeat: { keep: seat, endedAt: deactivatedAt },
      });
    });
  });
});

describe('reactivating a seat (PortalUserReactivationRequested)', () => {
  const reactivate = (facts: Partial<ReactivationFacts>) =>
    reactivateSeat({
      holder: anna(),
      membershipId,
      seat,
      claimed: false,
      module: moduleOn,
      available: 2,
      ...facts,
    });
  const licensed = (reused: boolean) => [
    { type: 'ReactivationLicensed', payload: { membershipId, holderKey: annasKey, reused } },
  ];
  const refusedWith = (reason: LicenseReservationRejectionReason) => ({
    endedSeat: { forget: seat },
    events: [{ type: 'ReactivationRefused', payload: { membershipId, reason } }],
    refusal: licenseRefusal(reason),
  });

  describe('given a person who holds no license and a pool with licenses available', () => {
    it('when the portal user is reactivated, then one is consumed from the pool for the seat: ReactivationLicensed', () => {
      expect(reactivate({})).toEqual({
        pool: [{ type: 'consume_available' }],
        hold: 'consumed',
        claimsAdded: [{ claim: seat, membershipId }],
        endedSeat: { forget: seat },
        events: licensed(false),
      });
    });
  });

  describe('given a person who holds a license already', () => {
    it('when the portal user is reactivated, then the seat claims it: ReactivationLicensed reused', () => {
      expect(reactivate({ holder: anna('consumed', [otherSeat]) })).toEqual({
        claimsAdded: [{ claim: seat, membershipId }],
        endedSeat: { forget: seat },
        events: licensed(true),
      });
    });

    it('when the pool has none left, then the seat still claims the person’s license', () => {
      expect(reactivate({ holder: anna('reserved', [otherInvitation]), available: 0 }).events).toEqual(licensed(true));
    });

    it('when the seat claims it already (a repeated request), then it is licensed again and nothing changes', () => {
      expect(reactivate({ holder: anna('consumed', [seat]), claimed: true, module: serverModuleOff })).toEqual({
        endedSeat: { forget: seat },
        events: licensed(true),
      });
    });
  });

  describe('given the module is not on where the seat is', () => {
    it('when the server module is off, then it is refused: ReactivationRefused module_inactive', () => {
      expect(reactivate({ module: serverModuleOff })).toEqual(
        refusedWith(LicenseReservationRejectionReason.ModuleInactive),
      );
    });

    it('when the ERP extension is not installed, then it is refused likewise, even for a person holding a license', () => {
      expect(reactivate({ module: extensionMissing, holder: anna('consumed', [otherSeat]) })).toEqual(
        refusedWith(LicenseReservationRejectionReason.ModuleInactive),
      );
    });
  });

  describe('given a pool with no license available', () => {
    it('when a person without a license is reactivated, then it is refused: ReactivationRefused no_license_available', () => {
      expect(reactivate({ available: 0 })).toEqual(refusedWith(LicenseReservationRejectionReason.NoLicenseAvailable));
    });
  });
});

describe('resuming a seat (PortalUserActivated)', () => {
  const activate = (facts: Partial<ActivationFacts>) =>
    resumeSeat({
      holder: anna(),
      membershipId,
      seat,
      fromInvitation: false,
      claimed: false,
      available: 2,
      ...facts,
    });

  describe('given an activation counted before', () => {
    it('when it follows an accepted invitation, then nothing happens: the acceptance consumed the license', () => {
      expect(activate({ fromInvitation: true })).toEqual({});
    });

    it('when a licensed reactivation claimed the seat, then nothing happens', () => {
      expect(activate({ holder: anna('consumed', [seat]), claimed: true })).toEqual({});
    });
  });

  describe('given a reactivation that did not wait for licensing (published before it did)', () => {
    it('when the person holds a license, then the seat claims it', () => {
      expect(activate({ holder: anna('consumed', [otherSeat]) })).toEqual({
        claimsAdded: [{ claim: seat, membershipId }],
        endedSeat: { forget: seat },
      });
    });

    it('when the person holds none and the pool has one, then one is consumed for the seat', () => {
      expect(activate({})).toEqual({
        pool: [{ type: 'consume_available' }],
        hold: 'consumed',
        claimsAdded: [{ claim: seat, membershipId }],
        endedSeat: { forget: seat },
      });
    });

    it('when the pool has none, then the user is active without one, and that is logged', () => {
      expect(activate({ available: 0 })).toEqual({
        endedSeat: { forget: seat },
        warning: 'portal user reactivated without an available license',
      });
    });
  });
});

describe('checking out a cart', () => {
  const earlier = { purchasedBy: 'admin-olga', orderNo: 'LIC-000001' };
  const checkout = (facts: Partial<CheckoutFacts<typeof earlier>>) =>
    checkOut({
      administrator: 'admin-olga',
      earlier: undefined,
      lines: [
        { quantity: 10, unitPrice: '12.50' },
        { quantity: 3, unitPrice: '12.50' },
      ],
      currencyCode: 'EUR',
      ...facts,
    });

  describe('given a new idempotency key and a cart with lines', () => {
    it('when the administrator checks out, then the pool grows by the cart’s quantity at the plan’s price', () => {
      expect(checkout({})).toEqual({
        type: 'buy',
        pool: { type: 'purchase', quantity: 13 },
        quantity: 13,
        unitPrice: '12.50',
        currencyCode: 'EUR',
        amount: '162.50',
      });
    });
  });

  describe('given a key the same administrator used before', () => {
    it('when they check out again, then the earlier purchase is answered and nothing is bought, whatever the cart holds', () => {
      expect(checkout({ earlier })).toEqual({ type: 'replay', purchase: earlier });
      expect(checkout({ earlier, lines: [] })).toEqual({ type: 'replay', purchase: earlier });
    });
  });

  describe('given a key another administrator’s checkout used', () => {
    it('when this administrator checks out with it, then it is refused (409 idempotency_key_reused)', () => {
      expect(refused(checkout({ administrator: 'admin-piet', earlier }))).toEqual({
        kind: 'conflict',
        code: 'idempotency_key_reused',
        status: 409,
        message:
          "this Idempotency-Key was already used by another administrator's checkout; use a new key for each checkout",
      });
      expect(refused(checkout({ administrator: 'admin-piet', earlier, lines: [] })).code).toBe(
        'idempotency_key_reused',
      );
    });
  });

  describe('given an empty cart', () => {
    it('when the administrator checks out with a new key, then it is refused (422 cart_empty)', () => {
      expect(refused(checkout({ lines: [] }))).toEqual({
        kind: 'unprocessable',
        code: 'cart_empty',
        status: 422,
        message: 'the cart is empty; add licenses before checking out',
      });
    });
  });

  it('numbers purchases LIC- and six digits, more when a tenant buys that often', () => {
    expect(orderNumber(1)).toBe('LIC-000001');
    expect(orderNumber(1_234_567)).toBe('LIC-1234567');
  });
});

describe('filling a cart', () => {
  describe('given the checkout maximum', () => {
    it('when the cart holds exactly the maximum, then it is allowed', () => {
      expect(cartOverMaximum(1500, 1500)).toBeUndefined();
    });

    it('when a change would take the cart over it, then it is refused (422 cart_over_maximum, naming the maximum)', () => {
      const refusal = cartOverMaximum(2002, 1500);
      expect(refused(refusal)).toEqual({
        kind: 'unprocessable',
        code: 'cart_over_maximum',
        status: 422,
        message: 'the cart would hold 2002 licenses; one checkout buys at most 1500',
      });
      expect(refusal?.details).toEqual({ maximum: 1500 });
    });
  });

  describe('given a cart line that is not the administrator’s', () => {
    it('when they change or remove it, then it is not found (404), as if it did not exist', () => {
      const lineId = '5f0a8a1e-3c2b-4d6e-8f7a-9b0c1d2e3f40';
      expect(refused(unknownCartLine(lineId))).toEqual({
        kind: 'not_found',
        code: 'cart_line_not_found',
        status: 404,
        message: `cart line ${lineId} not found`,
      });
    });
  });
});

describe('cancelling licenses', () => {
  const pool = { purchased: 10, reserved: 3, consumed: 5 };

  describe('given a pool with licenses to spare', () => {
    it('when an administrator cancels no more than are available, then the purchased count goes down', () => {
      expect(cancelLicenses(pool, 2)).toEqual({ pool: { type: 'cancel', quantity: 2 } });
    });
  });

  describe('given licenses that are reserved or consumed', () => {
    it('when a cancellation would uncover one, then it is refused (409 cancellation_below_usage) with the numbers', () => {
      const refusal = cancelLicenses(pool, 3);
      expect(refused(refusal)).toEqual({
        kind: 'conflict',
        code: 'cancellation_below_usage',
        status: 409,
        message: 'cannot cancel 3 license(s): 10 purchased, 3 reserved and 5 consumed leave at most 2 to cancel',
      });
      expect((refusal as Refusal).details).toEqual({ requested: 3, purchased: 10, reserved: 3, consumed: 5 });
    });

    it('when the cancellation is of no license at all, then it is refused the same way', () => {
      expect(refused(cancelLicenses(pool, 0)).code).toBe('cancellation_below_usage');
    });
  });

  describe('given a cancellation the pool’s guard caught (usage rose since the read)', () => {
    it('when it is refused, then it gives the numbers as they are now', () => {
      expect(refused(cancellationRefused(1, { purchased: 3, reserved: 2, consumed: 1 })).message).toBe(
        'cannot cancel 1 license(s): 3 purchased, 2 reserved and 1 consumed leave at most 0 to cancel',
      );
    });
  });
});
