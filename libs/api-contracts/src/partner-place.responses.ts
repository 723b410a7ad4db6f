import { IsEnum, IsString } from 'class-validator';
import { EnvironmentType, PartnerType } from '@partner-portal/contracts';

/** Where in the ERP a partner is: the tenant, environment, company and partner that invitations and memberships name. */
export class PartnerPlaceResponse {
  @IsString()
  tenantId!: string;

  @IsString()
  environment!: string;

  @IsEnum(EnvironmentType)
  environmentType!: EnvironmentType;

  @IsString()
  companyId!: string;

  @IsEnum(PartnerType)
  partnerType!: PartnerType;

  @IsString()
  partnerNo!: string;
}
