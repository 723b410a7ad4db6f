import type { EnvironmentType, PartnerType, PortalRole } from '@partner-portal/contracts';

/** An active membership, as partner-identity resolves it and the gateway authorizes a partner user's request with. */
export interface MembershipGrant {
  membershipId: string;
  tenantId: string;
  environment: string;
  environmentType: EnvironmentType;
  companyId: string;
  partnerType: PartnerType;
  partnerNo: string;
  partnerName: string | null;
  contactNo: string;
  role: PortalRole;
}

/** Everything a signed-in identity may act as (`POST /internal/principals/resolve`). */
export interface ResolvedPrincipal {
  portalUserId: string | null;
  /** Tenants this identity administers. */
  administratorOf: string[];
  /** Its active memberships, across tenants. */
  memberships: MembershipGrant[];
}
