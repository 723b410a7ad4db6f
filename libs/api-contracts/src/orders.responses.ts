import { IsBoolean, IsInt, IsString, Min } from 'class-validator';
import {
  DeliveryAddressV1,
  IsCountryCode,
  IsCurrencyCode,
  IsDateOnly,
  IsDecimalString,
  IsLanguageCode,
  NestedObject,
} from '@partner-portal/contracts';
import { NestedArray, Nullable, PageResponse } from './response-rules';

/**
 * What a portal order takes from the contact record instead of asking the user (`GET /api/portal/orders/defaults`),
 * shown read-only by the order wizard. A contact that lacks any of it gets a 422 naming every missing field instead.
 */
export class OrderDefaultsResponse {
  @IsString()
  environment!: string;

  @IsString()
  companyId!: string;

  /** The company's name as the ERP sends it (null until the mirror knows the company). */
  @Nullable()
  @IsString()
  companyName!: string | null;

  /** The customer number the order is placed for. */
  @IsString()
  customerAccount!: string;

  @Nullable()
  @IsString()
  customerName!: string | null;

  /** The customer that pays (the bill-to customer; the customer itself when the ERP names none). */
  @IsString()
  invoiceCustomer!: string;

  @IsCurrencyCode()
  currencyCode!: string;

  @IsString()
  priceListCode!: string;

  /** The contact's language, else the customer's. */
  @IsLanguageCode()
  languageCode!: string;

  @IsCountryCode()
  shipToCountryCode!: string;

  @IsString()
  contactNo!: string;

  @IsString()
  contactName!: string;

  /** The customer's own address as the ERP keeps it, named after the customer: a delivery address to start from. */
  @Nullable()
  @NestedObject(() => DeliveryAddressV1)
  suggestedDeliveryAddress!: DeliveryAddressV1 | null;
}

/** A price of an item in one unit from the customer's price list, from a quantity on. */
export class CataloguePriceResponse {
  /** The price applies from this quantity on (`0` when the list names none). */
  @IsDecimalString()
  minimumQuantity!: string;

  /** In the price list's currency. */
  @IsDecimalString()
  unitPrice!: string;
}

/** A unit an item can be ordered in, with its prices (lowest minimum quantity first). */
export class CatalogueUnitResponse {
  @IsString()
  unitCode!: string;

  /** How many base units one of this unit holds. */
  @IsDecimalString()
  qtyPerBaseUnit!: string;

  /** The unit stock is kept in. */
  @IsBoolean()
  baseUnit!: boolean;

  @NestedArray(() => CataloguePriceResponse)
  prices!: CataloguePriceResponse[];
}

/**
 * An item the customer can order: not blocked, and priced in its price list. Only the units with a price are listed
 * (the ERP would refuse a line in another unit), the base unit first.
 */
export class CatalogueItemResponse {
  @IsString()
  itemNo!: string;

  @IsString()
  description!: string;

  @IsString()
  baseUnitCode!: string;

  @NestedArray(() => CatalogueUnitResponse)
  units!: CatalogueUnitResponse[];
}

/** A page of the item catalogue by item number (`page`, `pageSize`, `total`: docs/gateway.md, "Paging"). */
export class CataloguePage extends PageResponse {
  /** The customer's price list the prices come from. */
  @IsString()
  priceListCode!: string;

  @IsCurrencyCode()
  currencyCode!: string;

  @NestedArray(() => CatalogueItemResponse)
  items!: CatalogueItemResponse[];
}

/** A problem of an uploaded file: its row (1 is the header) and column, and why. */
export class UploadRowErrorResponse {
  @IsInt()
  @Min(1)
  row!: number;

  /** The column (`itemNo`, `quantity`...), or `(file)`, `(header)`, `(row)` for the file, its header or a row. */
  @IsString()
  field!: string;

  @IsString()
  reason!: string;
}

/** A line of an order read from a file, priced from the price list. */
export class UploadPreviewLineResponse {
  /** The file's row it was read from. */
  @IsInt()
  @Min(2)
  row!: number;

  @IsString()
  itemNo!: string;

  @IsDecimalString()
  quantity!: string;

  @IsString()
  unitCode!: string;

  @IsDecimalString()
  estimatedUnitPrice!: string;

  @IsDecimalString()
  estimatedNetAmount!: string;
}

/** An order a file would create. */
export class UploadPreviewOrderResponse {
  /** The file's `orderRef`, which groups rows into one order. */
  @IsString()
  orderRef!: string;

  @IsDateOnly()
  requestedReceiptDate!: string;

  @Nullable()
  @IsString()
  requisitionNo!: string | null;

  @NestedObject(() => DeliveryAddressV1)
  deliveryAddress!: DeliveryAddressV1;

  @NestedArray(() => UploadPreviewLineResponse)
  lines!: UploadPreviewLineResponse[];

  @IsDecimalString()
  estimatedTotal!: string;
}

/**
 * What uploading a file would do, checked exactly as the upload checks it, with nothing written: the orders it would
 * create and every problem with its row. `acceptable` is true when there is no problem (then the upload creates
 * exactly these orders); with any problem, the upload would create none.
 */
export class OrderUploadPreviewResponse {
  @IsBoolean()
  acceptable!: boolean;

  /** The orders read and priced without a problem (all of the file's orders when `acceptable`). */
  @NestedArray(() => UploadPreviewOrderResponse)
  orders!: UploadPreviewOrderResponse[];

  /** Every problem, by row. */
  @NestedArray(() => UploadRowErrorResponse)
  rowErrors!: UploadRowErrorResponse[];

  /** The delimiter read from the header line. */
  @Nullable()
  @IsString()
  delimiter!: ',' | ';' | null;

  /** Data rows read (blank rows left out). */
  @IsInt()
  @Min(0)
  rowCount!: number;

  /** The currency of the estimates (the customer's), null when its record lacks one. */
  @Nullable()
  @IsCurrencyCode()
  currencyCode!: string | null;
}
