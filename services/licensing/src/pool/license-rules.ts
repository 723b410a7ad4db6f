/*
 * Licensing's rules in one place: from what is known of a tenant's pool and of one person's license, what happens
 * when an invitation asks for a license, is accepted, expires or is revoked, when a portal user is deactivated,
 * reactivated or resumed, and when an administrator buys or cancels licenses. Plain TypeScript, no framework and no
 * SQL: the services load the facts, ask a rule, and store its decision.
 *
 * The rules decide from pool counts read in the transaction, but they do not replace the database as the guard:
 * every pool change is still one conditional UPDATE backed by the CHECK `reserved + consumed <= purchased`. When a
 * concurrent writer took the last license between the read and the update, the update finds no row, and the
 * outcome is what the rule decides with none available.
 */
import {
  LicenseReleaseReason,
  LicenseReservationRejectionReason,
  multiply,
  type LicenseConsumedV1,
  type LicenseReleasedV1,
  type LicenseReservationRejectedV1,
  type LicenseReservedV1,
  type PlainPayload,
  type ReactivationLicensedV1,
  type ReactivationRefusedV1,
} from '@partner-portal/contracts';
import { Refusal } from '@partner-portal/api-contracts';

// ---------------------------------------------------------------------------------------------------------------
// The pool

/** The counts of a tenant's license pool. The database keeps `reserved + consumed <= purchased` (a CHECK). */
export interface PoolCounts {
  purchased: number;
  reserved: number;
  consumed: number;
}

/** Licenses neither held for an open invitation nor used by a portal user. */
export function available(pool: PoolCounts): number {
  return pool.purchased - pool.reserved - pool.consumed;
}

/** Where a person's license is: held for invitations not yet accepted, or used by a portal user. */
export type HoldState = 'reserved' | 'consumed';

/**
 * A change to the pool's counts. Each is one conditional UPDATE (`PoolRepository.apply`) and one ledger line; the
 * invitation, where one caused it, goes into the ledger.
 */
export type PoolChange =
  /** One available license becomes reserved: the first claim of a person is an invitation. */
  | { type: 'reserve'; invitationId: string }
  /** One available license becomes consumed directly: the first claim of a person is a seat. */
  | { type: 'consume_available' }
  /** The person's reserved license becomes consumed: the invitation was accepted. */
  | { type: 'consume_reserved'; invitationId: string }
  /** The person's license goes back: nothing claims it any more. */
  | { type: 'release'; from: HoldState; invitationId?: string }
  | { type: 'purchase'; quantity: number }
  | { type: 'cancel'; quantity: number };

/** What changed the pool, as the ledger names it. */
export type LedgerKind = 'purchase' | 'reservation' | 'consumption' | 'release' | 'cancellation';

/** The ledger line of a pool change: its kind and deltas (the counts after it come from the update). */
export function ledgerEntryOf(change: PoolChange): {
  kind: LedgerKind;
  delta: Partial<PoolCounts>;
  invitationId?: string;
} {
  switch (change.type) {
    case 'reserve':
      return { kind: 'reservation', delta: { reserved: 1 }, invitationId: change.invitationId };
    case 'consume_available':
      return { kind: 'consumption', delta: { consumed: 1 } };
    case 'consume_reserved':
      return { kind: 'consumption', delta: { reserved: -1, consumed: 1 }, invitationId: change.invitationId };
    case 'release':
      return { kind: 'release', delta: { [change.from]: -1 }, invitationId: change.invitationId };
    case 'purchase':
      return { kind: 'purchase', delta: { purchased: change.quantity } };
    case 'cancel':
      return { kind: 'cancellation', delta: { purchased: -change.quantity } };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Holders and claims

/**
 * The key a license is counted by: one person per tenant, recognised by e-mail; case and surrounding spaces do not
 * make another person. Sub-addresses (`+tag`) are kept: whether they reach the same mailbox is the mail server's
 * choice, and counting them apart never undercounts.
 */
export function holderKeyOf(email: string): string {
  return email.trim().toLowerCase();
}

/** Where a portal user's seat is: one contact of one partner in one environment and company. */
export interface SeatPlace {
  environment: string;
  companyId: string;
  partnerType: string;
  partnerNo: string;
  contactNo: string;
}

/** The claim a still-open invitation has on its holder's license. */
export function invitationClaim(invitationId: string): string {
  return `invitation:${invitationId.toLowerCase()}`;
}

/** The claim an active portal user (a seat at one contact) has on its holder's license. */
export function seatClaim(seat: SeatPlace): string {
  return `seat:${seat.environment}|${seat.companyId}|${seat.partnerType}|${seat.partnerNo}|${seat.contactNo}`;
}

/**
 * Whether a deactivation that arrived before an acceptance ends that acceptance's seat: only when it happened after
 * it. An older one ended an earlier seat at the same contact, whose acceptance never held a license here.
 */
export function deactivationEndsAcceptance(deactivatedAt: Date, acceptedAt: Date): boolean {
  return deactivatedAt.getTime() >= acceptedAt.getTime();
}

/** One person of a tenant, as loaded in the transaction (the hold locked). */
export interface Holder {
  /** The holder key (`holderKeyOf`). */
  key: string;
  /** The person's license; undefined when they hold none. */
  hold: HoldState | undefined;
  /** Every claim on it. */
  claims: readonly string[];
}

/** A claim to record on the person's license, with the invitation or membership it stands for. */
export interface NewClaim {
  claim: string;
  invitationId?: string;
  membershipId?: string;
}

/** An event to publish, with its payload; the service adds the envelope (tenant, correlation, causation). */
export type LicenseEvent =
  | { type: 'LicenseReserved'; payload: PlainPayload<LicenseReservedV1> }
  | { type: 'LicenseReservationRejected'; payload: PlainPayload<LicenseReservationRejectedV1> }
  | { type: 'LicenseConsumed'; payload: PlainPayload<LicenseConsumedV1> }
  | { type: 'LicenseReleased'; payload: PlainPayload<LicenseReleasedV1> }
  | { type: 'ReactivationLicensed'; payload: PlainPayload<ReactivationLicensedV1> }
  | { type: 'ReactivationRefused'; payload: PlainPayload<ReactivationRefusedV1> };

/**
 * What a saga event does to a person's license. Absent fields change nothing; an empty decision is "nothing to do".
 * The service stores it in this order: pool changes (the guard), hold, claims, kept deactivation, events.
 */
export interface HoldDecision {
  /** Changes to the pool, in order. */
  pool?: PoolChange[];
  /** The person's hold afterwards, when it changes; null when it goes back to the pool. */
  hold?: HoldState | null;
  claimsRemoved?: string[];
  claimsAdded?: NewClaim[];
  /**
   * A deactivation that reached licensing before the acceptance of its seat: kept until that acceptance comes
   * (`keep`, the latest one wins), or no longer needed (`forget`).
   */
  endedSeat?: { keep: string; endedAt: Date } | { forget: string };
  events?: LicenseEvent[];
  /** Why licensing said no; its code is the reason the refusal event carries. Consumers log it. */
  refusal?: Refusal;
  /** Something that should not happen but must not stop the saga: logged, nothing else. */
  warning?: string;
}

const SAGA_REFUSALS: Readonly<Record<LicenseReservationRejectionReason, string>> = {
  [LicenseReservationRejectionReason.NoLicenseAvailable]:
    'no license is available in the pool; an administrator buys more, or one is given back',
  [LicenseReservationRejectionReason.ModuleInactive]:
    "the tenant's server module is switched off, or the ERP extension is not installed in this environment and company",
};

/** Why licensing holds no license for an invitation or a reactivation; the code is the reason its event carries. */
export function licenseRefusal(reason: LicenseReservationRejectionReason): Refusal {
  return new Refusal('conflict', reason, SAGA_REFUSALS[reason]);
}

/** Whether the portal module may hand out licenses in the invitation's or seat's environment and company. */
export interface ModuleStatus {
  serverModuleActive: boolean;
  extensionInstalled: boolean;
}

function moduleIsOn(module: ModuleStatus): boolean {
  return module.serverModuleActive && module.extensionInstalled;
}

/**
 * The last step of every ending: the claim goes, and when nothing else claims the person's license, the license goes
 * back to the pool. A last claim without a license is a broken invariant, not a refusal: the saga stops on it.
 */
function endClaim(
  holder: Holder,
  claim: string,
  reason: LicenseReleaseReason,
  ids: { invitationId: string } | { membershipId: string },
): HoldDecision {
  if (holder.claims.some((c) => c !== claim)) return { claimsRemoved: [claim] };
  if (!holder.hold) throw new Error(`the last claim on the license of ${holder.key} found no license`);
  const invitationId = 'invitationId' in ids ? ids.invitationId : undefined;
  return {
    pool: [{ type: 'release', from: holder.hold, ...(invitationId && { invitationId }) }],
    hold: null,
    claimsRemoved: [claim],
    events: [{ type: 'LicenseReleased', payload: { holderKey: holder.key, reason, ...ids } }],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The invitation saga

/** What a reservation is decided from (`InvitationRequested`, either version). */
export interface ReservationFacts {
  holder: Holder;
  invitationId: string;
  /** The invitation's claim exists already: this invitation was answered before. */
  claimed: boolean;
  module: ModuleStatus;
  /** Licenses available in the pool, as read in the transaction. */
  available: number;
}

/**
 * An invitation asks for a license for the invited person: it reuses the person's license, or takes one from the
 * pool as reserved. Refused (`LicenseReservationRejected`) when the module is off in that environment and company,
 * or when the pool has none left.
 */
export function reserveLicense(facts: ReservationFacts): HoldDecision {
  const { holder, invitationId } = facts;
  if (facts.claimed) return {};
  const reject = (reason: LicenseReservationRejectionReason): HoldDecision => ({
    events: [{ type: 'LicenseReservationRejected', payload: { invitationId, reason } }],
    refusal: licenseRefusal(reason),
  });
  if (!moduleIsOn(facts.module)) return reject(LicenseReservationRejectionReason.ModuleInactive);
  const reserved = (reused: boolean): LicenseEvent => ({
    type: 'LicenseReserved',
    payload: { invitationId, holderKey: holder.key, reused },
  });
  const claim: NewClaim = { claim: invitationClaim(invitationId), invitationId };
  if (holder.hold) return { claimsAdded: [claim], events: [reserved(true)] };
  if (facts.available < 1) return reject(LicenseReservationRejectionReason.NoLicenseAvailable);
  return {
    pool: [{ type: 'reserve', invitationId }],
    hold: 'reserved',
    claimsAdded: [claim],
    events: [reserved(false)],
  };
}

/** What an acceptance is decided from (`InviteAccepted`). */
export interface AcceptanceFacts {
  holder: Holder;
  invitationId: string;
  /** The seat the accepted invitation becomes. */
  seat: string;
  /** The invitation's claim exists: licensing reserved for it. */
  claimed: boolean;
  acceptedAt: Date;
  /** A deactivation of the seat kept because it arrived first (another topic); undefined when there is none. */
  seatEndedAt: Date | undefined;
}

/**
 * The invited person accepted: the invitation's claim becomes the seat's, and a reserved license becomes consumed
 * (`LicenseConsumed`). When the seat's deactivation arrived first, the seat ends at once, as it would have in order:
 * with nothing else claiming the license, it goes back (`LicenseReleased`, `user_deactivated`). An acceptance without
 * a license cannot be refused after the fact: it is logged.
 */
export function consumeLicense(facts: AcceptanceFacts): HoldDecision {
  const { holder, invitationId, seat } = facts;
  const invitation = invitationClaim(invitationId);
  if (!holder.hold || !facts.claimed) {
    return { ...(facts.claimed && { claimsRemoved: [invitation] }), warning: 'accepted invitation holds no license' };
  }
  const consumed: LicenseEvent = { type: 'LicenseConsumed', payload: { invitationId, holderKey: holder.key } };
  const consumption: PoolChange[] = holder.hold === 'reserved' ? [{ type: 'consume_reserved', invitationId }] : [];
  const accepted: HoldDecision = {
    ...(consumption.length > 0 && { pool: consumption, hold: 'consumed' as const }),
    claimsRemoved: [invitation],
    claimsAdded: [{ claim: seat, invitationId }],
    events: [consumed],
  };
  if (!facts.seatEndedAt) return accepted;
  const forget = { forget: seat };
  if (!deactivationEndsAcceptance(facts.seatEndedAt, facts.acceptedAt)) return { ...accepted, endedSeat: forget };

  // The seat ends as soon as it begins: what is left to claim the license is what the person had besides.
  const {
    pool: releases = [],
    hold = accepted.hold,
    events: released = [],
  } = endClaim(
    { ...holder, hold: 'consumed', claims: holder.claims.filter((c) => c !== invitation) },
    seat,
    LicenseReleaseReason.UserDeactivated,
    { invitationId },
  );
  const pool = [...consumption, ...releases];
  return {
    ...(pool.length > 0 && { pool }),
    ...(hold !== undefined && { hold }),
    claimsRemoved: [invitation, seat],
    endedSeat: forget,
    events: [consumed, ...released],
  };
}

/** What the end of an invitation is decided from (`InviteExpired`, `InviteRevoked`). */
export interface InvitationEndFacts {
  holder: Holder;
  invitationId: string;
  /** The invitation's claim exists: it still holds the license (not accepted, not ended before). */
  claimed: boolean;
  reason: LicenseReleaseReason.InviteExpired | LicenseReleaseReason.InviteRevoked;
}

/** An invitation ended before its acceptance: its claim goes, and with nothing else claiming it, the license. */
export function endInvitation(facts: InvitationEndFacts): HoldDecision {
  if (!facts.claimed) return {};
  return endClaim(facts.holder, invitationClaim(facts.invitationId), facts.reason, {
    invitationId: facts.invitationId,
  });
}

/** What the end of a seat is decided from (`PortalUserDeactivated`, either version). */
export interface SeatEndFacts {
  holder: Holder;
  membershipId: string;
  seat: string;
  /** The seat's claim exists: its acceptance reached licensing. */
  claimed: boolean;
  deactivatedAt: Date;
}

/**
 * A portal user was deactivated: the seat's claim goes, and with nothing else claiming it, the license. A seat not
 * claimed yet is an acceptance still on its way (another topic): the deactivation is kept for it.
 */
export function endSeat(facts: SeatEndFacts): HoldDecision {
  if (!facts.claimed) return { endedSeat: { keep: facts.seat, endedAt: facts.deactivatedAt } };
  return endClaim(facts.holder, facts.seat, LicenseReleaseReason.UserDeactivated, {
    membershipId: facts.membershipId,
  });
}

/** What a reactivation is decided from (`PortalUserReactivationRequested`). */
export interface ReactivationFacts {
  holder: Holder;
  membershipId: string;
  seat: string;
  /** The seat's claim exists: this reactivation was licensed before. */
  claimed: boolean;
  module: ModuleStatus;
  /** Licenses available in the pool, as read in the transaction. */
  available: number;
}

/**
 * A deactivated portal user is to get access back: the seat claims a license again, from the person's license when
 * they hold one, else one available from the pool, consumed directly (`ReactivationLicensed`). Refused
 * (`ReactivationRefused`) when the module is off or the pool has none left: the user stays deactivated. A
 * deactivation kept for the seat belongs to its past and is forgotten.
 */
export function reactivateSeat(facts: ReactivationFacts): HoldDecision {
  const { holder, membershipId, seat } = facts;
  const forget = { forget: seat };
  const licensed = (reused: boolean): HoldDecision['events'] => [
    { type: 'ReactivationLicensed', payload: { membershipId, holderKey: holder.key, reused } },
  ];
  const refuse = (reason: LicenseReservationRejectionReason): HoldDecision => ({
    endedSeat: forget,
    events: [{ type: 'ReactivationRefused', payload: { membershipId, reason } }],
    refusal: licenseRefusal(reason),
  });
  if (holder.hold && facts.claimed) return { endedSeat: forget, events: licensed(true) };
  if (!moduleIsOn(facts.module)) return refuse(LicenseReservationRejectionReason.ModuleInactive);
  const claim: NewClaim = { claim: seat, membershipId };
  if (holder.hold) return { claimsAdded: [claim], endedSeat: forget, events: licensed(true) };
  if (facts.available < 1) return refuse(LicenseReservationRejectionReason.NoLicenseAvailable);
  return {
    pool: [{ type: 'consume_available' }],
    hold: 'consumed',
    claimsAdded: [claim],
    endedSeat: forget,
    events: licensed(false),
  };
}

/** What a `PortalUserActivated` is decided from. */
export interface ActivationFacts {
  holder: Holder;
  membershipId: string;
  seat: string;
  /** The activation follows an accepted invitation. */
  fromInvitation: boolean;
  /** The seat's claim exists. */
  claimed: boolean;
  /** Licenses available in the pool, as read in the transaction. */
  available: number;
}

/**
 * A portal user became active. From an invitation, or after a reactivation licensing answered, the seat is counted
 * already: nothing. One published before reactivations waited for licensing has no claim yet: the seat claims a
 * license as a reactivation does, without the module check it never had; with none available, the user is active
 * without one, and that is logged (the event cannot be refused after the fact).
 */
export function resumeSeat(facts: ActivationFacts): HoldDecision {
  const { holder, membershipId, seat } = facts;
  if (facts.fromInvitation || facts.claimed) return {};
  const forget = { forget: seat };
  const claim: NewClaim = { claim: seat, membershipId };
  if (holder.hold) return { claimsAdded: [claim], endedSeat: forget };
  if (facts.available < 1) {
    return { endedSeat: forget, warning: 'portal user reactivated without an available license' };
  }
  return { pool: [{ type: 'consume_available' }], hold: 'consumed', claimsAdded: [claim], endedSeat: forget };
}

// ---------------------------------------------------------------------------------------------------------------
// Purchases and cancellations

/** A cart line as checkout sees it. */
export interface CartLineFacts {
  quantity: number;
  unitPrice: string;
}

/** What a checkout is decided from; `P` is a purchase as the service keeps it. */
export interface CheckoutFacts<P extends { purchasedBy: string }> {
  /** The administrator checking out (their subject). */
  administrator: string;
  /** The purchase this idempotency key made before in the tenant, whoever made it; undefined for a new key. */
  earlier: P | undefined;
  /** The administrator's own cart. */
  lines: readonly CartLineFacts[];
  currencyCode: string;
}

/** The outcome of a checkout: the earlier purchase again, or a new one on these terms. */
export type CheckoutDecision<P> =
  | { type: 'replay'; purchase: P }
  | {
      type: 'buy';
      pool: Extract<PoolChange, { type: 'purchase' }>;
      quantity: number;
      unitPrice: string;
      currencyCode: string;
      amount: string;
    };

/**
 * An administrator buys what their cart holds, once per idempotency key: the same key again answers the first
 * purchase. A key another administrator's checkout used is refused rather than answered with their purchase, and
 * an empty cart buys nothing. A purchase raises the pool and publishes `LicensesPurchased` with the order number and
 * pool size the update gives.
 */
export function checkOut<P extends { purchasedBy: string }>(facts: CheckoutFacts<P>): CheckoutDecision<P> | Refusal {
  const { earlier } = facts;
  if (earlier && earlier.purchasedBy !== facts.administrator) {
    return new Refusal(
      'conflict',
      'idempotency_key_reused',
      "this Idempotency-Key was already used by another administrator's checkout; use a new key for each checkout",
    );
  }
  if (earlier) return { type: 'replay', purchase: earlier };
  if (facts.lines.length === 0) {
    return new Refusal('unprocessable', 'cart_empty', 'the cart is empty; add licenses before checking out');
  }
  const quantity = facts.lines.reduce((n, line) => n + line.quantity, 0);
  // Lines are priced with the tenant's plan when read, so every line has the same price.
  const unitPrice = facts.lines[0].unitPrice;
  return {
    type: 'buy',
    pool: { type: 'purchase', quantity },
    quantity,
    unitPrice,
    currencyCode: facts.currencyCode,
    amount: multiply(unitPrice, quantity),
  };
}

/** The order number of a tenant's `sequence`-th purchase. */
export function orderNumber(sequence: number): string {
  return `LIC-${String(sequence).padStart(6, '0')}`;
}

/** The refusal of a cart that one checkout could not buy; undefined when it can. */
export function cartOverMaximum(quantity: number, maximum: number): Refusal | undefined {
  if (quantity <= maximum) return undefined;
  return new Refusal(
    'unprocessable',
    'cart_over_maximum',
    `the cart would hold ${quantity} licenses; one checkout buys at most ${maximum}`,
    { maximum },
  );
}

/** A cart line that is not the administrator's: not found, whether it exists for another administrator or not. */
export function unknownCartLine(lineId: string): Refusal {
  return new Refusal('not_found', 'cart_line_not_found', `cart line ${lineId} not found`);
}

/** The refusal of a cancellation below what is reserved plus consumed, with the numbers an administrator needs. */
export function cancellationRefused(requested: number, pool: PoolCounts): Refusal {
  return new Refusal(
    'conflict',
    'cancellation_below_usage',
    `cannot cancel ${requested} license(s): ${pool.purchased} purchased, ${pool.reserved} reserved and ` +
      `${pool.consumed} consumed leave at most ${Math.max(0, available(pool))} to cancel`,
    { requested, purchased: pool.purchased, reserved: pool.reserved, consumed: pool.consumed },
  );
}

/** Lowers the purchased count, unless that would leave a reserved or consumed license uncovered. */
export function cancelLicenses(
  pool: PoolCounts,
  quantity: number,
): { pool: Extract<PoolChange, { type: 'cancel' }> } | Refusal {
  if (quantity < 1 || pool.purchased - quantity < pool.reserved + pool.consumed) {
    return cancellationRefused(quantity, pool);
  }
  return { pool: { type: 'cancel', quantity } };
}
