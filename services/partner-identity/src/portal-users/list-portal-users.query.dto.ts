import { IsEnum, IsOptional } from 'class-validator';
import { IsErpCode, PartnerType } from '@partner-portal/contracts';
import { PageQuery } from '@partner-portal/internal-api';
import { MembershipStatus } from './membership-rules';

/** Filters of an administrator's portal user list. */
export class ListPortalUsersQuery extends PageQuery {
  @IsOptional()
  @IsErpCode(50)
  environment?: string;

  @IsOptional()
  @IsErpCode(64)
  companyId?: string;

  @IsOptional()
  @IsEnum(PartnerType)
  partnerType?: PartnerType;

  @IsOptional()
  @IsErpCode()
  partnerNo?: string;

  @IsOptional()
  @IsEnum(MembershipStatus)
  status?: MembershipStatus;
}
