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
import { NestedArray, Nullable } from './response-rules';

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

/** One document with its lines and ship-to address, in the partner's words. */
export class PartnerDocumentDetailResponse extends PartnerDocumentResponse {
  @NestedArray(() => DocumentLineResponse)
  lines!: DocumentLineResponse[];

  @Nullable()
  @NestedObject(() => ShipToAddressResponse)
  shipTo!: ShipToAddressResponse | null;
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
}

/** A page of a partner's documents; `nextCursor` asks for the next one (null on the last page). */
export class PartnerDocumentPage {
  @NestedArray(() => PartnerDocumentResponse)
  items!: PartnerDocumentResponse[];

  @Nullable()
  @IsString()
  nextCursor!: string | null;
}

/** A page of the tenant's documents; `nextCursor` asks for the next one (null on the last page). */
export class AdminDocumentPage {
  @NestedArray(() => AdminDocumentResponse)
  items!: AdminDocumentResponse[];

  @Nullable()
  @IsString()
  nextCursor!: string | null;
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

  @IsString()
  unitCode!: string;

  @IsDecimalString()
  quantity!: string;
}

/** Stock held for 3PL customers (at most 5,000 rows) and the totals per item. */
export class StockResponse {
  @NestedArray(() => StockRowResponse)
  rows!: StockRowResponse[];

  @NestedArray(() => StockTotalResponse)
  totals!: StockTotalResponse[];
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

  @IsUtcTimestamp()
  submittedAt!: string;
}

/** Portal orders, newest first. */
export class OrderListResponse {
  @NestedArray(() => OrderResponse)
  items!: OrderResponse[];
}

/** Every order of an uploaded file, in the file's order. */
export class UploadedOrdersResponse {
  @NestedArray(() => OrderResponse)
  orders!: OrderResponse[];
}
