import { IsEnum, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsErpCode, PartnerType } from '@partner-portal/contracts';
import { PageQuery, TenantParams } from '@partner-portal/internal-api';

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
