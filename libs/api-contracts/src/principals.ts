import { IsArray, IsEnum, IsString, IsUUID } from 'class-validator';
import { PortalRole } from '@partner-portal/contracts';
import { NestedArray, Nullable } from './response-rules';
import { PartnerPlaceResponse } from './partner-place.responses';

/** An active membership, as partner-identity resolves it and the gateway authorizes a partner user's request with. */
export class MembershipGrant extends PartnerPlaceResponse {
  /** Pass it as `X-Portal-Membership` to act through this membership. */
  @IsUUID()
  membershipId!: string;

  /** From the ERP mirror; null when the mirror no longer knows the partner. */
  @Nullable()
  @IsString()
  partnerName!: string | null;

  @IsString()
  contactNo!: string;

  @IsEnum(PortalRole)
  role!: PortalRole;
}

/** Everything a signed-in identity may act as (`POST /internal/principals/resolve`). */
export class ResolvedPrincipal {
  /** Null until the person first accepted an invitation. */
  @Nullable()
  @IsUUID()
  portalUserId!: string | null;

  /** Tenants this identity administers. */
  @IsArray()
  @IsString({ each: true })
  administratorOf!: string[];

  /** Its active memberships, across tenants. */
  @NestedArray(() => MembershipGrant)
  memberships!: MembershipGrant[];
}
