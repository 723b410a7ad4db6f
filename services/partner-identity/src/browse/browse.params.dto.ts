import { IsEnum } from 'class-validator';
import { IsErpCode, PartnerType } from '@partner-portal/contracts';
import { TenantParams } from '@partner-portal/internal-api';

/** Path of one environment. */
export class EnvironmentParams extends TenantParams {
  @IsErpCode(50)
  environment!: string;
}

/** Path of one company. */
export class CompanyParams extends EnvironmentParams {
  @IsErpCode(64)
  companyId!: string;
}

/** Path of one partner. */
export class PartnerParams extends CompanyParams {
  @IsEnum(PartnerType)
  partnerType!: PartnerType;

  @IsErpCode()
  partnerNo!: string;
}
