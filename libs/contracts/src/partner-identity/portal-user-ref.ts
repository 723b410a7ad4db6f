import { IsEnum, IsUUID } from 'class-validator';
import { PartnerType } from '../common/enums';
import { COMPANY_ID_MAX_LENGTH, ENVIRONMENT_NAME_MAX_LENGTH } from '../common/erp-scope';
import { IsEmailAddress, IsErpCode } from '../common/field-rules';

/** What every partner-identity event carries: the portal user and the membership it concerns. */
export class PortalUserRefV1 {
  @IsUUID()
  portalUserId!: string;

  @IsUUID()
  membershipId!: string;

  @IsErpCode(ENVIRONMENT_NAME_MAX_LENGTH)
  environment!: string;

  @IsErpCode(COMPANY_ID_MAX_LENGTH)
  companyId!: string;

  @IsEnum(PartnerType)
  partnerType!: PartnerType;

  @IsErpCode()
  partnerNo!: string;

  @IsErpCode()
  contactNo!: string;

  @IsEmailAddress()
  email!: string;
}
