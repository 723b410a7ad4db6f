import { ArrayMaxSize, IsArray, IsBoolean, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { ErpScopeV1 } from '../common/erp-scope';
import { IsDecimalString, IsErpCode, IsText } from '../common/field-rules';
import { companyKey, defineEvent } from '../event-definition';
import { Topics } from '../topics';

/** Most units of measure accepted for one item. */
export const ITEM_UNITS_MAX = 50;

/** A unit of measure an item can be ordered in. */
export class ItemUnitV1 {
  /** Unit code, e.g. `PCS`, `BOX`. */
  @IsErpCode()
  unitCode!: string;

  /** How many base units one of this unit holds, as a decimal string. */
  @IsDecimalString()
  qtyPerBaseUnit!: string;
}

/** An item was created or changed in the ERP. */
export class ItemUpsertedV1 extends ErpScopeV1 {
  @IsErpCode()
  itemNo!: string;

  @IsText(100)
  description!: string;

  /** The unit stock is kept in. */
  @IsErpCode()
  baseUnitCode!: string;

  /** Every unit the item can be ordered in, the base unit included. */
  @IsArray()
  @ArrayMaxSize(ITEM_UNITS_MAX)
  @ValidateNested({ each: true })
  @Type(() => ItemUnitV1)
  units!: ItemUnitV1[];

  /** A blocked item cannot be ordered. */
  @IsBoolean()
  blocked!: boolean;
}

export const ItemUpserted = defineEvent({
  type: 'ItemUpserted',
  version: 1,
  topic: Topics.ErpMasterdata,
  payload: ItemUpsertedV1,
  key: companyKey,
});
