import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import {
  DeliveryAddressV1,
  IsDateOnly,
  IsDecimalString,
  IsErpCode,
  IsText,
  NestedObject,
  PORTAL_ORDER_LINES_MAX,
} from '@partner-portal/contracts';

/** One line of a portal order as the user asks for it; the price comes from the price list. */
export class OrderLineRequest {
  @IsErpCode()
  itemNo!: string;

  /** Decimal string, greater than 0. */
  @IsDecimalString()
  quantity!: string;

  @IsErpCode()
  unitCode!: string;
}

/** A portal order; company, customer, currency, price list, language, ship-to country and contact come from the contact record. */
export class OrderRequest {
  @IsDateOnly()
  requestedReceiptDate!: string;

  @NestedObject(() => DeliveryAddressV1)
  deliveryAddress!: DeliveryAddressV1;

  @IsOptional()
  @IsText(35)
  requisitionNo?: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(PORTAL_ORDER_LINES_MAX)
  @ValidateNested({ each: true })
  @Type(() => OrderLineRequest)
  lines!: OrderLineRequest[];
}

/** An upload of orders as CSV text (the gateway reads the file). */
export class OrderUploadRequest {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  fileName?: string;

  /** The CSV file's content, at most 2 MB. */
  @IsString()
  @MaxLength(2_000_000)
  content!: string;
}
