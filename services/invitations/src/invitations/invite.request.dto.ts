import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEnum,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsErpCode, IsLanguageCode, PartnerType, PortalRole } from '@partner-portal/contracts';
import { PageQuery } from '@partner-portal/internal-api';
import { InvitationStatus } from './invitation-status';

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
}

/** Filters of the invitation list. */
export class ListInvitationsQuery extends PageQuery {
  @IsOptional()
  @IsEnum(InvitationStatus)
  status?: InvitationStatus;

  @IsOptional()
  @IsErpCode(50)
  environment?: string;

  @IsOptional()
  @IsErpCode(64)
  companyId?: string;

  @IsOptional()
  @IsErpCode()
  partnerNo?: string;

  @IsOptional()
  @IsErpCode()
  contactNo?: string;
}

/** Why an administrator revokes (optional). */
export class RevokeRequest {
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
