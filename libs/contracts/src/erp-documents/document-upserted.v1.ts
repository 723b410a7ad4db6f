import { ArrayMaxSize, IsArray, IsEnum, IsInt, IsOptional, IsUUID, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { ErpDocumentType, PartnerType } from '../common/enums';
import { ErpScopeV1, NestedObject, ShipToAddressV1 } from '../common/erp-scope';
import { IsCurrencyCode, IsDateOnly, IsDecimalString, IsErpCode, IsText } from '../common/field-rules';
import { defineEvent, partnerKey } from '../event-definition';
import { Topics } from '../topics';

/** Most lines accepted on one document. */
export const DOCUMENT_LINES_MAX = 2000;

/** One line of an ERP document. */
export class DocumentLineV1 {
  @IsInt()
  @Min(0)
  lineNo!: number;

  @IsOptional()
  @IsErpCode()
  itemNo?: string;

  @IsText(250)
  description!: string;

  @IsDecimalString()
  quantity!: string;

  @IsErpCode()
  unitCode!: string;

  @IsOptional()
  @IsDecimalString()
  unitPrice?: string;

  @IsOptional()
  @IsDecimalString()
  lineAmount?: string;

  @IsOptional()
  @IsDecimalString()
  quantityShipped?: string;

  @IsOptional()
  @IsDecimalString()
  quantityInvoiced?: string;

  @IsOptional()
  @IsErpCode()
  lotNo?: string;

  @IsOptional()
  @IsErpCode()
  licensePlate?: string;

  @IsOptional()
  @IsErpCode()
  locationCode?: string;

  @IsOptional()
  @IsErpCode()
  binCode?: string;
}

/** An ERP document (order, shipment, invoice...) of a partner was created or changed. */
export class DocumentUpsertedV1 extends ErpScopeV1 {
  /** The ERP's own document type; the projection translates it to the partner's words. */
  @IsEnum(ErpDocumentType)
  documentType!: ErpDocumentType;

  @IsErpCode()
  documentNo!: string;

  @IsEnum(PartnerType)
  partnerType!: PartnerType;

  @IsErpCode()
  partnerNo!: string;

  /** Who ordered, as the ERP knows it. */
  @IsOptional()
  @IsErpCode()
  contactNo?: string;

  /** Set when the document came from a portal order. */
  @IsOptional()
  @IsUUID()
  portalOrderId?: string;

  /** The order this document follows from (a shipment's or invoice's order). */
  @IsOptional()
  @IsErpCode()
  orderNo?: string;

  @IsOptional()
  @IsText(35)
  externalDocumentNo?: string;

  /** The ERP's status text, e.g. `Open`, `Released`, `Shipped`, `Invoiced`. */
  @IsText(30)
  status!: string;

  @IsDateOnly()
  documentDate!: string;

  @IsOptional()
  @IsDateOnly()
  requestedDate?: string;

  @IsOptional()
  @IsDateOnly()
  dueDate?: string;

  @IsCurrencyCode()
  currencyCode!: string;

  /** Amount excluding tax. */
  @IsDecimalString()
  amount!: string;

  @IsDecimalString()
  amountIncludingTax!: string;

  @IsOptional()
  @NestedObject(() => ShipToAddressV1)
  shipTo?: ShipToAddressV1;

  @IsArray()
  @ArrayMaxSize(DOCUMENT_LINES_MAX)
  @ValidateNested({ each: true })
  @Type(() => DocumentLineV1)
  lines!: DocumentLineV1[];
}

export const DocumentUpserted = defineEvent({
  type: 'DocumentUpserted',
  version: 1,
  topic: Topics.ErpDocuments,
  payload: DocumentUpsertedV1,
  key: partnerKey,
});
