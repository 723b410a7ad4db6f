import { IsEnum, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { EnvironmentType } from './enums';
import { IsCountryCode, IsErpCode, IsNonNegativeInteger, IsText } from './field-rules';

/** Longest ERP environment name accepted (Business Central allows 30). */
export const ENVIRONMENT_NAME_MAX_LENGTH = 50;
/** Longest company id accepted (Business Central company ids are GUIDs or names up to 30). */
export const COMPANY_ID_MAX_LENGTH = 64;

/** Where in the ERP a record lives, without its row version (`portal.orders` carries no `erpVersion`). */
export class ErpLocationV1 {
  /** ERP environment name, e.g. `production`, `sandbox-test`. */
  @IsErpCode(ENVIRONMENT_NAME_MAX_LENGTH)
  environment!: string;

  /** Whether the environment is production or a sandbox. */
  @IsEnum(EnvironmentType)
  environmentType!: EnvironmentType;

  /** The ERP company (legal entity) within the environment. */
  @IsErpCode(COMPANY_ID_MAX_LENGTH)
  companyId!: string;
}

/** The ERP scope carried by every `erp.*` payload. */
export class ErpScopeV1 extends ErpLocationV1 {
  /** Monotonic per ERP record; a version lower than or equal to the stored one changes nothing. */
  @IsNonNegativeInteger()
  erpVersion!: number;
}

/** A postal address as the ERP keeps it. */
export class AddressV1 {
  /** First address line. */
  @IsText(100)
  line1!: string;

  /** Second address line. */
  @IsOptional()
  @IsText(100)
  line2?: string;

  /** City. */
  @IsText(50)
  city!: string;

  /** Postal code. */
  @IsErpCode()
  postalCode!: string;

  /** ISO 3166-1 alpha-2 country. */
  @IsCountryCode()
  countryCode!: string;
}

/** A named ship-to address on a document. */
export class ShipToAddressV1 extends AddressV1 {
  /** Name on the address. */
  @IsText(100)
  name!: string;
}

/** A nested object of the given class, required unless `@IsOptional()` is also applied. */
export function NestedObject(type: () => new () => object): PropertyDecorator {
  return (target, key) => {
    IsObject()(target, key);
    ValidateNested()(target, key);
    Type(type)(target, key);
  };
}
