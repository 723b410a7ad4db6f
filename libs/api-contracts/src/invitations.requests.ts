import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsErpCode, IsLanguageCode, PartnerType, PortalRole } from '@partner-portal/contracts';
import { ErpScopedPageQuery } from './paging';

/** Where an invitation stands. */
export enum InvitationStatus {
  PendingLicense = 'pending_license',
  Invited = 'invited',
  Accepted = 'accepted',
  Rejected = 'rejected',
  Revoked = 'revoked',
  Expired = 'expired',
  EmailFailed = 'email_failed',
}

/** Whom to invite: a contact of a partner in one environment and company, with a role. */
export class InviteRequest {
  @IsErpCode(50)
  environment!: string;

  @IsErpCode(64)
  companyId!: string;

  @IsEnum(PartnerType)
  partnerType!: PartnerType;

  @IsErpCode()
  partnerNo!: string;

  @IsErpCode()
  contactNo!: string;

  @IsEnum(PortalRole)
  role!: PortalRole;

  /** The e-mail's language; the contact's (then the partner's) language when absent. */
  @IsOptional()
  @IsLanguageCode()
  language?: string;

  /** Who invites, as the e-mail names them (the gateway passes the administrator's name). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  inviterName?: string;
}

/** Most contacts one bulk request invites. */
export const BULK_INVITE_MAX = 200;

/** Several invitations at once; each gets its own result. */
export class BulkInviteRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BULK_INVITE_MAX)
  @ValidateNested({ each: true })
  @Type(() => InviteRequest)
  invitations!: InviteRequest[];

  /** Only check: each result says `would_create` or why it would be refused, and nothing is written or sent. */
  @IsOptional()
  @IsBoolean()
  dryRun = false;
}

/** What the invitation list can be sorted by. */
export const INVITATION_SORTS = ['createdAt', 'expiresAt', 'status', 'contactName', 'partnerName', 'email'] as const;
/** A sort key of the invitation list. */
export type InvitationSort = (typeof INVITATION_SORTS)[number];
/** Sort direction of a list. */
export const SORT_ORDERS = ['asc', 'desc'] as const;
/** `asc` or `desc`. */
export type SortOrder = (typeof SORT_ORDERS)[number];

/** Filters, search and sort of the invitation list. */
export class ListInvitationsQuery extends ErpScopedPageQuery {
  @IsOptional()
  @IsEnum(InvitationStatus)
  status?: InvitationStatus;

  @IsOptional()
  @IsErpCode()
  contactNo?: string;

  /** `customer`, `vendor` or `3pl_customer`. */
  @IsOptional()
  @IsEnum(PartnerType)
  partnerType?: PartnerType;

  /** Part of the contact's name, e-mail or number, or of the partner's number or name; case does not matter. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  search?: string;

  /** Sort key; ties are broken by creation time (newest first), then by id. */
  @IsIn(INVITATION_SORTS)
  sort: InvitationSort = 'createdAt';

  @IsIn(SORT_ORDERS)
  order: SortOrder = 'desc';
}

/** Why an administrator revokes (optional). */
export class RevokeRequest {
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

/** Body of the invitation settings; omitted fields keep their value. */
export class TenantSettingsRequest {
  /** How long an invitation stays valid, 1 hour to 90 days (default 14 days). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2160)
  invitationTtlHours?: number;

  /** Whether the signed-in e-mail must equal the invited one. */
  @IsOptional()
  @IsBoolean()
  requireEmailMatch?: boolean;

  /** Whether a contact the ERP marks as portal contact is invited automatically. */
  @IsOptional()
  @IsBoolean()
  autoInvite?: boolean;
}

/** The link's token. */
export class PreviewRequest {
  @IsString()
  @MinLength(20)
  @MaxLength(100)
  token!: string;
}

/** Accepting: the link's token, or the registration code typed by the signed-in contact. */
export class AcceptInvitationRequest {
  // Needed without a code; checked whenever it is sent, so that a token of the wrong type never reaches the lookup.
  @ValidateIf((r: AcceptInvitationRequest) => r.code === undefined || r.token !== undefined)
  @IsString()
  @MinLength(20)
  @MaxLength(100)
  token?: string;

  /** `ABCDE-FGHJK`; case, spaces and the dash do not matter. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9 -]{8,14}$/, { message: 'code must be the 10-character registration code' })
  code?: string;
}
