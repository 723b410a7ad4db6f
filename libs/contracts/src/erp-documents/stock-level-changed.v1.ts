import { IsOptional } from 'class-validator';
import { ErpScopeV1 } from '../common/erp-scope';
import { IsDecimalString, IsErpCode, IsText } from '../common/field-rules';
import { defineEvent, partnerKey } from '../event-definition';
import { Topics } from '../topics';

/** The stock a 3PL customer owns at one place changed; `quantity` is the new level, not a delta. */
export class StockLevelChangedV1 extends ErpScopeV1 {
  /** The 3PL customer that owns the stock. */
  @IsErpCode()
  partnerNo!: string;

  @IsErpCode()
  itemNo!: string;

  @IsOptional()
  @IsText(100)
  description?: string;

  @IsErpCode()
  locationCode!: string;

  @IsOptional()
  @IsErpCode()
  binCode?: string;

  @IsOptional()
  @IsErpCode()
  licensePlate?: string;

  @IsOptional()
  @IsErpCode()
  lotNo?: string;

  @IsOptional()
  @IsErpCode()
  serialNo?: string;

  /** The new level. */
  @IsDecimalString()
  quantity!: string;

  @IsErpCode()
  unitCode!: string;
}

export const StockLevelChanged = defineEvent({
  type: 'StockLevelChanged',
  version: 1,
  topic: Topics.ErpDocuments,
  payload: StockLevelChangedV1,
  key: partnerKey,
});
