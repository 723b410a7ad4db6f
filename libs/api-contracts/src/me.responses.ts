import { IsArray, IsBoolean, IsEnum, IsString, IsUUID } from 'class-validator';
import { PartnerType } from '@partner-portal/contracts';
import { PartnerDocumentType } from './documents.responses';
import { MembershipGrant } from './principals';
import { NestedArray, Nullable, PageResponse } from './response-rules';

/** An active membership with what it lets the person do, so that a page never offers what the API would refuse. */
export class MyMembership extends MembershipGrant {
  /** Customer representatives invite and manage their colleagues. */
  @IsBoolean()
  managesColleagues!: boolean;
}

/** What a partner of one type sees in the portal, in its own words. */
export class PartnerPerspective {
  @IsEnum(PartnerType)
  partnerType!: PartnerType;

  /** Its document types, orders first. */
  @IsArray()
  @IsEnum(PartnerDocumentType, { each: true })
  documentTypes!: PartnerDocumentType[];

  /** Stock held for it (3PL customers). */
  @IsBoolean()
  seesStock!: boolean;

  /** It orders through the portal (customers). */
  @IsBoolean()
  placesOrders!: boolean;
}

/** The signed-in person, the tenants it administers and its active memberships (`GET /api/portal/me`). */
export class MeResponse {
  /** The person's subject at the issuer (`sub`). */
  @IsString()
  subject!: string;

  /** From the token's `email` (else an e-mail-shaped `preferred_username` or `upn`); null when it has none. */
  @Nullable()
  @IsString()
  email!: string | null;

  /** From the token's `name`. */
  @Nullable()
  @IsString()
  name!: string | null;

  /** Null until the person first accepted an invitation. */
  @Nullable()
  @IsUUID()
  portalUserId!: string | null;

  /** Tenants this identity administers. */
  @IsArray()
  @IsString({ each: true })
  administratorOf!: string[];

  /** Its active memberships, across tenants; pass one as `X-Portal-Membership`. */
  @NestedArray(() => MyMembership)
  memberships!: MyMembership[];

  /** Each partner type's view of the portal: its document types, stock, ordering. */
  @NestedArray(() => PartnerPerspective)
  perspectives!: PartnerPerspective[];
}

/**
 * A page of the tenants the signed-in person administers (`GET /api/admin/tenants`), in their order (`page`,
 * `pageSize`, `total`: docs/gateway.md, "Paging").
 */
export class AdministeredTenantsResponse extends PageResponse {
  /** Tenant ids, each usable as `/api/admin/tenants/{tenantId}/...`. */
  @IsArray()
  @IsString({ each: true })
  items!: string[];
}
