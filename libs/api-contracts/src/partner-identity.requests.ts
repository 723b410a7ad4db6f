import {
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
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

/** How long a replaced connector key keeps working by default, and at most. */
export const CONNECTOR_KEY_GRACE_HOURS_DEFAULT = 24;
export const CONNECTOR_KEY_GRACE_HOURS_MAX = 720;

/** A new connector key for the tenant; `replaces` revokes an older key in the same step (rotation). */
export class CreateConnectorKeyRequest {
  /** What the key is for, e.g. "Business Central production". */
  @IsText(100)
  label!: string;

  /** The id of the key this one replaces; it keeps working for `graceHours`, then stops. */
  @ValidateIf(
    (request: CreateConnectorKeyRequest) => request.replaces !== undefined || request.graceHours !== undefined,
  )
  @IsUUID(undefined, {
    message: 'replaces must be the id (a UUID) of the key being replaced; graceHours applies to it',
  })
  replaces?: string;

  /**
   * With `replaces`: how many hours the replaced key keeps working, so that a running connector can be given the new
   * key first (0: it stops at once). Default 24, at most 720 (30 days).
   */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(CONNECTOR_KEY_GRACE_HOURS_MAX)
  graceHours?: number;
}
