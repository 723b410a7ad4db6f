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

/** Why a cancellation is refused, with the numbers an administrator needs. */
export class CancellationRefused extends Error {
  constructor(
    readonly requested: number,
    readonly pool: PoolCounts,
  ) {
    super(
      `cannot cancel ${requested} license(s): ${pool.purchased} purchased, ${pool.reserved} reserved and ` +
        `${pool.consumed} consumed leave at most ${Math.max(0, available(pool))} to cancel`,
    );
    this.name = 'CancellationRefused';
  }
}

/** Throws unless lowering the purchased count by `quantity` keeps every reserved and consumed license covered. */
export function assertCancellable(pool: PoolCounts, quantity: number): void {
  if (quantity < 1 || pool.purchased - quantity < pool.reserved + pool.consumed) {
    throw new CancellationRefused(quantity, pool);
  }
}

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

/**
 * Whether a deactivation that arrived before an acceptance ends that acceptance's seat: only when it happened after
 * it. An older one ended an earlier seat at the same contact, whose acceptance never held a license here.
 */
export function deactivationEndsAcceptance(deactivatedAt: Date, acceptedAt: Date): boolean {
  return deactivatedAt.getTime() >= acceptedAt.getTime();
}

/** The claim an active portal user (a seat at one contact) has on its holder's license. */
export function seatClaim(seat: SeatPlace): string {
  return `seat:${seat.environment}|${seat.companyId}|${seat.partnerType}|${seat.partnerNo}|${seat.contactNo}`;
}
