import { IsBoolean, IsEnum, IsOptional } from 'class-validator';
import { PartnerType } from '../common/enums';
import { AddressV1, ErpScopeV1, NestedObject } from '../common/erp-scope';
import {
  IsCountryCode,
  IsCurrencyCode,
  IsEmailAddress,
  IsErpCode,
  IsLanguageCode,
  IsText,
} from '../common/field-rules';
import { defineEvent, partnerKey } from '../event-definition';
import { Topics } from '../topics';

/** A customer, vendor or 3PL customer was created or changed in the ERP. */
export class PartnerUpsertedV1 extends ErpScopeV1 {
  /** `customer`, `vendor` or `3pl_customer`. */
  @IsEnum(PartnerType)
  partnerType!: PartnerType;

  /** The partner's number, e.g. `C10000`, `V20000`. */
  @IsErpCode()
  partnerNo!: string;

  /** The partner's name. */
  @IsText(100)
  name!: string;

  /** The partner's general e-mail address. */
  @IsOptional()
  @IsEmailAddress()
  email?: string;

  /** The partner's address. */
  @NestedObject(() => AddressV1)
  address!: AddressV1;

  /** Currency the partner trades in (ISO 4217). */
  @IsCurrencyCode()
  currencyCode!: string;

  /** Price list the partner buys from. */
  @IsOptional()
  @IsErpCode()
  priceListCode?: string;

  /** Language the partner is addressed in, e.g. `en`, `nl`, `de`. */
  @IsLanguageCode()
  languageCode!: string;

  /** Default ship-to country. */
  @IsOptional()
  @IsCountryCode()
  shipToCountryCode?: string;

  /** The bill-to partner, when another partner pays. */
  @IsOptional()
  @IsErpCode()
  invoicePartnerNo?: string;

  /** Whether the partner may use the portal at all. */
  @IsBoolean()
  portalEnabled!: boolean;

  /** Whether the ERP blocks the partner. */
  @IsBoolean()
  blocked!: boolean;
}

export const PartnerUpserted = defineEvent({
  type: 'PartnerUpserted',
  version: 1,
  topic: Topics.ErpMasterdata,
  payload: PartnerUpsertedV1,
  key: partnerKey,
});
