import type { MembershipGrant, ResolvedPrincipal } from '@partner-portal/api-contracts';

export type { MembershipGrant, ResolvedPrincipal };

/** Which membership a request acts through, or why none. */
export type MembershipChoice =
  | { kind: 'chosen'; grant: MembershipGrant }
  | { kind: 'none' }
  | { kind: 'ambiguous'; count: number }
  | { kind: 'not-held' };

/**
 * A partner user acts through one membership per request: the one it names, or its only one. Naming one it does
 * not hold is refused, whatever that id is (another person's membership is not revealed as such).
 */
export function chooseMembership(identity: ResolvedPrincipal, requested: string | undefined): MembershipChoice {
  if (requested !== undefined) {
    const grant = identity.memberships.find((m) => m.membershipId === requested.toLowerCase());
    return grant ? { kind: 'chosen', grant } : { kind: 'not-held' };
  }
  if (identity.memberships.length === 0) return { kind: 'none' };
  if (identity.memberships.length > 1) return { kind: 'ambiguous', count: identity.memberships.length };
  return { kind: 'chosen', grant: identity.memberships[0] };
}

/** Whether the identity administers the tenant. */
export function administers(identity: ResolvedPrincipal, tenantId: string): boolean {
  return identity.administratorOf.includes(tenantId);
}
