import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEnum,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  DeliveryAddressV1,
  IsDateOnly,
  IsDecimalString,
  IsErpCode,
  IsText,
  NestedObject,
  PartnerType,
  PORTAL_ORDER_LINES_MAX,
} from '@partner-portal/contracts';
import { PartnerDocumentType } from './documents.responses';
import { PageQuery } from './paging';

/** Sort orders of document lists. */
export const DOCUMENT_SORTS = ['date_desc', 'date_asc', 'number_asc', 'number_desc'] as const;
export type DocumentSort = (typeof DOCUMENT_SORTS)[number];

/** Filters, order and page of a document list (`page`, `pageSize`: docs/gateway.md, "Paging"). */
export class ListDocumentsQuery extends PageQuery {
  /** Partner routes: the type in the partner's words (`purchase_order`...); admin routes: the ERP's type. */
  @IsOptional()
  @Matches(/^[a-z_]{1,40}$/, { message: 'type must be a document type such as purchase_order' })
  type?: string;

  @IsOptional()
  @IsString()
  @MaxLength(30)
  status?: string;

  /** Documents dated on or after this day. */
  @IsOptional()
  @IsDateOnly()
  from?: string;

  /** Documents dated on or before this day. */
  @IsOptional()
  @IsDateOnly()
  to?: string;

  /** The start of the document number or of the external document number. */
  @IsOptional()
  @IsString()
  @MaxLength(35)
  search?: string;

  /** The number of the order the documents follow from (a shipment's or invoice's order), exactly. */
  @IsOptional()
  @IsString()
  @MaxLength(35)
  orderNo?: string;

  @IsOptional()
  @IsIn(DOCUMENT_SORTS)
  sort: DocumentSort = 'date_desc';
}

/** Admin filters on top: one partner (its numbers repeat across environments and companies, hence those too). */
export class AdminListDocumentsQuery extends ListDocumentsQuery {
  @IsOptional()
  @IsErpCode(50)
  environment?: string;

  @IsOptional()
  @IsErpCode(64)
  companyId?: string;

  @IsOptional()
  @IsEnum(PartnerType)
  partnerType?: PartnerType;

  @IsOptional()
  @IsErpCode()
  partnerNo?: string;

  /**
   * The type in the partner's words (`purchase_order` for a customer), instead of the ERP's `type`: what a partner's
   * own pages filter by when an administrator looks at them. Needs `partnerType`.
   */
  @IsOptional()
  @IsEnum(PartnerDocumentType)
  view?: PartnerDocumentType;
}

/** The partner whose document counts an administrator asks for: its type decides the words, the rest narrows. */
export class AdminDocumentSummaryQuery {
  @IsOptional()
  @IsErpCode(50)
  environment?: string;

  @IsOptional()
  @IsErpCode(64)
  companyId?: string;

  @IsEnum(PartnerType)
  partnerType!: PartnerType;

  @IsOptional()
  @IsErpCode()
  partnerNo?: string;
}

/** Filters and page of the stock view (`page`, `pageSize`: docs/gateway.md, "Paging"). */
export class StockQuery extends PageQuery {
  @IsOptional()
  @IsErpCode()
  itemNo?: string;

  @IsOptional()
  @IsErpCode()
  locationCode?: string;

  @IsOptional()
  @IsErpCode()
  binCode?: string;

  @IsOptional()
  @IsErpCode()
  licensePlate?: string;

  /** The lot (batch) number. (Issue 13: 3PL stock by lot.) */
  @IsOptional()
  @IsErpCode()
  lotNo?: string;
}

/**
 * Admin filters on top: one 3PL customer of one ERP environment and company, for the administrator's read-only view
 * of that customer's stock (issue 13: `environment` and `companyId` next to `partnerNo`).
 */
export class AdminStockQuery extends StockQuery {
  @IsOptional()
  @IsErpCode(50)
  environment?: string;

  @IsOptional()
  @IsErpCode(64)
  companyId?: string;

  @IsOptional()
  @IsErpCode()
  partnerNo?: string;
}

/** Filters and page of portal order lists, newest first (`page`, `pageSize`: docs/gateway.md, "Paging"). */
export class OrderListQuery extends PageQuery {
  /** Orders in this status only: `submitted` (waiting for the ERP), `accepted` or `rejected`. */
  @IsOptional()
  @IsIn(['submitted', 'accepted', 'rejected'])
  status?: 'submitted' | 'accepted' | 'rejected';

  /** The start of the portal order number, the ERP's order number or the requisition number. */
  @IsOptional()
  @IsString()
  @MaxLength(35)
  search?: string;
}

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

/** Largest order file, in characters. */
export const ORDER_FILE_MAX_LENGTH = 2_000_000;

/** An upload of orders as CSV text (the gateway reads the file). */
export class OrderUploadRequest {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  fileName?: string;

  /** The CSV file's content, at most 2 MB. */
  @IsString()
  @MaxLength(ORDER_FILE_MAX_LENGTH)
  content!: string;
}
