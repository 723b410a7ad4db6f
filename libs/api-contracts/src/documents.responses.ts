import { IsEnum, IsIn, IsInt, IsString, IsUUID, Min } from 'class-validator';
import {
  DeliveryAddressV1,
  DocumentLineV1,
  ErpDocumentType,
  IsCurrencyCode,
  IsDateOnly,
  IsDecimalString,
  IsUtcTimestamp,
  NestedObject,
  PartnerType,
  PortalOrderLineV1,
  ShipToAddressV1,
} from '@partner-portal/contracts';
import { NestedArray, Nullable, PageResponse } from './response-rules';

/** Document types in the partner's own words (a customer's purchase order is our sales order). */
export enum PartnerDocumentType {
  PurchaseOrder = 'purchase_order',
  WarehouseReceipt = 'warehouse_receipt',
  PurchaseReturnOrder = 'purchase_return_order',
  PurchaseInvoice = 'purchase_invoice',
  PurchaseCreditMemo = 'purchase_credit_memo',
  SalesOrder = 'sales_order',
  WarehouseShipment = 'warehouse_shipment',
  SalesReturnOrder = 'sales_return_order',
  SalesInvoice = 'sales_invoice',
  SalesCreditMemo = 'sales_credit_memo',
  Shipment = 'shipment',
  Delivery = 'delivery',
}

/** One line of a document, as the ERP sent it. */
export class DocumentLineResponse extends DocumentLineV1 {}

/** The ship-to address of a document, as the ERP sent it. */
export class ShipToAddressResponse extends ShipToAddressV1 {}

/** A document in a list, in the partner's words. */
export class PartnerDocumentResponse {
  @IsUUID()
  documentId!: string;

  /** The type in the partner's words (for administrators too; `erpDocumentType` is the ERP's). */
  @IsEnum(PartnerDocumentType)
  type!: PartnerDocumentType;

  @IsString()
  documentNo!: string;

  /** The ERP's status text, e.g. `Open`, `Released`, `Shipped`. */
  @IsString()
  status!: string;

  @IsDateOnly()
  documentDate!: string;

  @Nullable()
  @IsDateOnly()
  requestedDate!: string | null;

  @Nullable()
  @IsDateOnly()
  dueDate!: string | null;

  @IsCurrencyCode()
  currencyCode!: string;

  /** Excluding tax, with at least two decimals. */
  @IsDecimalString()
  amount!: string;

  @IsDecimalString()
  amountIncludingTax!: string;

  /** The order this document follows from (a shipment's or invoice's order). */
  @Nullable()
  @IsString()
  orderNo!: string | null;

  @Nullable()
  @IsString()
  externalDocumentNo!: string | null;

  /** The portal order it came from. */
  @Nullable()
  @IsUUID()
  portalOrderId!: string | null;

  @IsInt()
  @Min(0)
  lineCount!: number;
}

/** A status a document had, as the ERP sent it. */
export class DocumentStatusChangeResponse {
  @IsString()
  status!: string;

  /** The ERP version that brought this status. */
  @IsInt()
  @Min(0)
  erpVersion!: number;

  /** When the ERP sent it (the event's time). */
  @IsUtcTimestamp()
  changedAt!: string;
}

/** Another document named from this one, in the viewer's words. */
export class DocumentReferenceResponse {
  @IsUUID()
  documentId!: string;

  @IsEnum(PartnerDocumentType)
  type!: PartnerDocumentType;

  @IsString()
  documentNo!: string;

  @IsString()
  status!: string;

  @IsDateOnly()
  documentDate!: string;
}

/** One document with its lines and ship-to address, in the partner's words. */
export class PartnerDocumentDetailResponse extends PartnerDocumentResponse {
  @NestedArray(() => DocumentLineResponse)
  lines!: DocumentLineResponse[];

  @Nullable()
  @NestedObject(() => ShipToAddressResponse)
  shipTo!: ShipToAddressResponse | null;

  /** Every status the document had, oldest first. */
  @NestedArray(() => DocumentStatusChangeResponse)
  statusHistory!: DocumentStatusChangeResponse[];

  /** The order this document follows from (its `orderNo`), when the viewer may see it. */
  @Nullable()
  @NestedObject(() => DocumentReferenceResponse)
  followsFrom!: DocumentReferenceResponse | null;

  /** The documents that follow from this one (shipments, invoices...), those the viewer may see, oldest first. */
  @NestedArray(() => DocumentReferenceResponse)
  followUps!: DocumentReferenceResponse[];
}

/** A document in an administrator's list: the partner's view plus the ERP's type, the partner and the contact. */
export class AdminDocumentResponse extends PartnerDocumentResponse {
  @IsEnum(ErpDocumentType)
  erpDocumentType!: ErpDocumentType;

  @IsEnum(PartnerType)
  partnerType!: PartnerType;

  @IsString()
  partnerNo!: string;

  /** Who ordered, as the ERP knows it. */
  @Nullable()
  @IsString()
  contactNo!: string | null;
}

/** One document with its lines and ship-to address, for administrators. */
export class AdminDocumentDetailResponse extends AdminDocumentResponse {
  @NestedArray(() => DocumentLineResponse)
  lines!: DocumentLineResponse[];

  @Nullable()
  @NestedObject(() => ShipToAddressResponse)
  shipTo!: ShipToAddressResponse | null;

  /** Every status the document had, oldest first. */
  @NestedArray(() => DocumentStatusChangeResponse)
  statusHistory!: DocumentStatusChangeResponse[];

  /** The order this document follows from (its `orderNo`). */
  @Nullable()
  @NestedObject(() => DocumentReferenceResponse)
  followsFrom!: DocumentReferenceResponse | null;

  /** The documents that follow from this one (shipments, invoices...), oldest first. */
  @NestedArray(() => DocumentReferenceResponse)
  followUps!: DocumentReferenceResponse[];
}

/** How many documents of one type a partner has, and how many of them are still open. */
export class DocumentTypeCountResponse {
  /** The type in the partner's words. */
  @IsEnum(PartnerDocumentType)
  type!: PartnerDocumentType;

  /** Not yet done: an order not fully invoiced, an invoice not paid, a warehouse document not posted. */
  @IsInt()
  @Min(0)
  open!: number;

  @IsInt()
  @Min(0)
  total!: number;
}

/** A partner's documents counted by type, every type it sees in its own order (orders first). */
export class DocumentSummaryResponse {
  @NestedArray(() => DocumentTypeCountResponse)
  types!: DocumentTypeCountResponse[];
}

/** Counts of one type for administrators, with the ERP's type behind the partner's word. */
export class AdminDocumentTypeCountResponse extends DocumentTypeCountResponse {
  @IsEnum(ErpDocumentType)
  erpDocumentType!: ErpDocumentType;
}

/** A partner's documents counted by type, for administrators. */
export class AdminDocumentSummaryResponse {
  @NestedArray(() => AdminDocumentTypeCountResponse)
  types!: AdminDocumentTypeCountResponse[];
}

/** A page of a partner's documents (`page`, `pageSize`, `total`: docs/gateway.md, "Paging"). */
export class PartnerDocumentPage extends PageResponse {
  @NestedArray(() => PartnerDocumentResponse)
  items!: PartnerDocumentResponse[];
}

/** A page of the tenant's documents (`page`, `pageSize`, `total`: docs/gateway.md, "Paging"). */
export class AdminDocumentPage extends PageResponse {
  @NestedArray(() => AdminDocumentResponse)
  items!: AdminDocumentResponse[];
}

/** Stock of one item at one place (location, bin, license plate, lot, serial number). */
export class StockRowResponse {
  /** The 3PL customer the stock is held for. */
  @IsString()
  partnerNo!: string;

  @IsString()
  itemNo!: string;

  @Nullable()
  @IsString()
  description!: string | null;

  @IsString()
  locationCode!: string;

  @Nullable()
  @IsString()
  binCode!: string | null;

  @Nullable()
  @IsString()
  licensePlate!: string | null;

  @Nullable()
  @IsString()
  lotNo!: string | null;

  @Nullable()
  @IsString()
  serialNo!: string | null;

  /** A decimal string, never 0. */
  @IsDecimalString()
  quantity!: string;

  @IsString()
  unitCode!: string;
}

/** The total stock of an item in one unit over every place. */
export class StockTotalResponse {
  @IsString()
  itemNo!: string;

  /** The item's description as the ERP sent it with its stock (rows on other pages than the one shown too). */
  @Nullable()
  @IsString()
  description!: string | null;

  @IsString()
  unitCode!: string;

  @IsDecimalString()
  quantity!: string;
}

/** The total stock at one location in one unit over every item, bin, license plate and lot. (Issue 13.) */
export class StockLocationTotalResponse {
  @IsString()
  locationCode!: string;

  @IsString()
  unitCode!: string;

  @IsDecimalString()
  quantity!: string;
}

/**
 * A page of the stock held for 3PL customers (`items`, `page`, `pageSize`, `total`: docs/gateway.md, "Paging"), by
 * item, location, bin, license plate, lot and serial number, with the totals per item and per location over every
 * row the filters match, not only the page's.
 */
export class StockPage extends PageResponse {
  @NestedArray(() => StockRowResponse)
  items!: StockRowResponse[];

  /** Per item and unit, over every row the filters match (on every page). */
  @NestedArray(() => StockTotalResponse)
  totals!: StockTotalResponse[];

  /** Per location and unit, over every row the filters match (on every page). (Issue 13.) */
  @NestedArray(() => StockLocationTotalResponse)
  locationTotals!: StockLocationTotalResponse[];
}

/** Where a portal order stands: sent to the ERP, or the ERP's answer. */
export const PORTAL_ORDER_STATUSES = ['submitted', 'accepted', 'rejected'] as const;
/** `submitted`, `accepted` or `rejected`. */
export type PortalOrderStatus = (typeof PORTAL_ORDER_STATUSES)[number];

/** A line of a portal order with the price-list price and the estimate at submission. */
export class OrderLineResponse extends PortalOrderLineV1 {}

/** A portal order with its ERP answer. */
export class OrderResponse {
  @IsUUID()
  portalOrderId!: string;

  /** E.g. `PO-000042`. */
  @IsString()
  portalOrderNo!: string;

  @IsIn(PORTAL_ORDER_STATUSES)
  status!: PortalOrderStatus;

  /** The ERP's sales order number, once accepted. */
  @Nullable()
  @IsString()
  erpOrderNo!: string | null;

  /** The ERP's own sales order document for this portal order, once projected. */
  @Nullable()
  @IsUUID()
  erpDocumentId!: string | null;

  /** Why the ERP rejected it. */
  @Nullable()
  @IsString()
  rejectionReason!: string | null;

  @IsDateOnly()
  requestedReceiptDate!: string;

  @Nullable()
  @IsString()
  requisitionNo!: string | null;

  @NestedObject(() => DeliveryAddressV1)
  deliveryAddress!: DeliveryAddressV1;

  @NestedArray(() => OrderLineResponse)
  lines!: OrderLineResponse[];

  /** Sum of the lines' estimated net amounts. */
  @IsDecimalString()
  estimatedTotal!: string;

  @IsCurrencyCode()
  currencyCode!: string;

  /** The contact the order was placed for (the orderer's). */
  @IsString()
  contactNo!: string;

  /** The contact's name as the ERP mirror knows it. */
  @Nullable()
  @IsString()
  contactName!: string | null;

  /** The customer the order was placed for. */
  @IsString()
  partnerNo!: string;

  @IsUtcTimestamp()
  submittedAt!: string;

  /** When the ERP's answer arrived (null while submitted). */
  @Nullable()
  @IsUtcTimestamp()
  answeredAt!: string | null;
}

/** A page of portal orders, newest first (`page`, `pageSize`, `total`: docs/gateway.md, "Paging"). */
export class OrderListResponse extends PageResponse {
  @NestedArray(() => OrderResponse)
  items!: OrderResponse[];
}

/** Every order of an uploaded file, in the file's order. */
export class UploadedOrdersResponse {
  @NestedArray(() => OrderResponse)
  orders!: OrderResponse[];
}
