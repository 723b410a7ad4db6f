import { ArrayMaxSize, IsArray, IsOptional, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { ErpScopeV1 } from '../common/erp-scope';
import { IsCurrencyCode, IsDecimalString, IsErpCode } from '../common/field-rules';
import { companyKey, defineEvent } from '../event-definition';
import { Topics } from '../topics';

/** Most lines accepted in one price list event (keeps a message well under Kafka's 1 MB default). */
export const PRICE_LIST_LINES_MAX = 5000;

/** One price of a price list. */
export class PriceListLineV1 {
  @IsErpCode()
  itemNo!: string;

  @IsErpCode()
  unitCode!: string;

  /** Price per unit, decimal string, in the list's currency. */
  @IsDecimalString()
  unitPrice!: string;

  /** The price applies from this quantity on. */
  @IsOptional()
  @IsDecimalString()
  minimumQuantity?: string;
}

/** A price list was created or changed in the ERP; the event carries all of its lines. */
export class PriceListUpsertedV1 extends ErpScopeV1 {
  @IsErpCode()
  priceListCode!: string;

  @IsCurrencyCode()
  currencyCode!: string;

  @IsArray()
  @ArrayMaxSize(PRICE_LIST_LINES_MAX)
  @ValidateNested({ each: true })
  @Type(() => PriceListLineV1)
  lines!: PriceListLineV1[];
}

export const PriceListUpserted = defineEvent({
  type: 'PriceListUpserted',
  version: 1,
  topic: Topics.ErpMasterdata,
  payload: PriceListUpsertedV1,
  key: companyKey,
});
