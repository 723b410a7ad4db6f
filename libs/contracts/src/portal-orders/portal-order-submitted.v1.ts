import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsUUID,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import { AddressV1, ErpLocationV1, NestedObject } from '../common/erp-scope';
import {
  IsCountryCode,
  IsCurrencyCode,
  IsDateOnly,
  IsDecimalString,
  IsEmailAddress,
  IsErpCode,
  IsLanguageCode,
  IsText,
} from '../common/field-rules';
import { defineEvent, partnerKey } from '../event-definition';
import { Topics } from '../topics';

/** Most lines accepted on one portal order. */
export const PORTAL_ORDER_LINES_MAX = 500;

/** The delivery address of a portal order. */
export class DeliveryAddressV1 extends AddressV1 {
  /** How the orderer names the address, e.g. `Main warehouse`. */
  @IsText(100)
  description!: string;
}

/** The portal user who submitted the order. */
export class SubmittedByV1 {
  @IsUUID()
  portalUserId!: string;

  @IsEmailAddress()
  email!: string;
}

/** One line of a portal order, priced by the portal as an estimate. */
export class PortalOrderLineV1 {
  @IsInt()
  @Min(1)
  lineNo!: number;

  @IsErpCode()
  itemNo!: string;

  @IsDecimalString()
  quantity!: string;

  @IsErpCode()
  unitCode!: string;

  /** Price-list price at submission. */
  @IsDecimalString()
  estimatedUnitPrice!: string;

  /** `estimatedUnitPrice` x `quantity`. */
  @IsDecimalString()
  estimatedNetAmount!: string;
}

/** A portal user placed an order; the ERP answers with `PortalOrderAccepted` or `PortalOrderRejected`. */
export class PortalOrderSubmittedV1 extends ErpLocationV1 {
  @IsUUID()
  portalOrderId!: string;

  /** Human order number, e.g. `PO-000042`. */
  @Matches(/^PO-\d{6,}$/, { message: '$property must look like PO-000042' })
  portalOrderNo!: string;

  @IsErpCode()
  partnerNo!: string;

  @IsErpCode()
  invoicePartnerNo!: string;

  @IsErpCode()
  contactNo!: string;

  @NestedObject(() => SubmittedByV1)
  submittedBy!: SubmittedByV1;

  /** The document's name; `sales order` by default. */
  @IsText(50)
  name!: string;

  @IsDateOnly()
  requestedReceiptDate!: string;

  @NestedObject(() => DeliveryAddressV1)
  deliveryAddress!: DeliveryAddressV1;

  @IsOptional()
  @IsText(35)
  requisitionNo?: string;

  @IsCountryCode()
  shipToCountryCode!: string;

  @IsCurrencyCode()
  currencyCode!: string;

  @IsErpCode()
  priceListCode!: string;

  @IsLanguageCode()
  languageCode!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(PORTAL_ORDER_LINES_MAX)
  @ValidateNested({ each: true })
  @Type(() => PortalOrderLineV1)
  lines!: PortalOrderLineV1[];
}

export const PortalOrderSubmitted = defineEvent({
  type: 'PortalOrderSubmitted',
  version: 1,
  topic: Topics.PortalOrders,
  payload: PortalOrderSubmittedV1,
  key: partnerKey,
});
