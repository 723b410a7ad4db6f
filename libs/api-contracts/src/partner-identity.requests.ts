import { IsEnum, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { ExternalIdentityRefV1, IsText, PartnerType, PortalRole } from '@partner-portal/contracts';
import { ErpScopedPageQuery, PageQuery } from './paging';

/** Whether a membership gives access. */
export enum MembershipStatus {
  Active = 'active',
  /** Reactivated, waiting for licensing to hold a license; no access until then. */
  Reactivating = 'reactivating',
  Deactivated = 'deactivated',
}

/** Filters of the partner list. */
export class ListPartnersQuery extends PageQuery {
  /** `customer`, `vendor` or `3pl_customer`. */
  @IsOptional()
  @IsEnum(PartnerType)
  type?: PartnerType;

  /** Matches the start of the partner number or any part of the name, ignoring case. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  search?: string;
}

/** Filters of an administrator's portal user list. */
export class ListPortalUsersQuery extends ErpScopedPageQuery {
  @IsOptional()
  @IsEnum(PartnerType)
  partnerType?: PartnerType;

  @IsOptional()
  @IsEnum(MembershipStatus)
  status?: MembershipStatus;

  /** Part of the invited or signed-in e-mail, the display name, the contact number or the partner number; case does not matter. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  search?: string;
}

/** Body of a role change. */
export class ChangeRoleRequest {
  /** `customer_representative` or `authorized_user`. */
  @IsEnum(PortalRole)
  role!: PortalRole;
}

/** An identity to add to, or remove from, a tenant's administrator list: its issuer URL and subject. */
export class AdministratorIdentity extends ExternalIdentityRefV1 {}

/** A new connector key for the tenant; `replaces` revokes an older key in the same step (rotation). */
export class CreateConnectorKeyRequest {
  /** What the key is for, e.g. "Business Central production". */
  @IsText(100)
  label!: string;

  /** The id of the key this one replaces; it stops working at once. */
  @IsOptional()
  @IsUUID()
  replaces?: string;
}
