import { PartnerDocumentType } from '@partner-portal/api-contracts';
import { ErpDocumentType, PartnerType } from '@partner-portal/contracts';

/** Document types in the partner's own words (ARCHITECTURE.md section 1), as the API contract names them. */
export { PartnerDocumentType };

const VIEWS: Record<PartnerType, Partial<Record<ErpDocumentType, PartnerDocumentType>>> = {
  [PartnerType.Customer]: {
    [ErpDocumentType.SalesOrder]: PartnerDocumentType.PurchaseOrder,
    [ErpDocumentType.SalesShipment]: PartnerDocumentType.WarehouseReceipt,
    [ErpDocumentType.SalesReturnOrder]: PartnerDocumentType.PurchaseReturnOrder,
    [ErpDocumentType.SalesInvoice]: PartnerDocumentType.PurchaseInvoice,
    [ErpDocumentType.SalesCreditMemo]: PartnerDocumentType.PurchaseCreditMemo,
  },
  [PartnerType.Vendor]: {
    [ErpDocumentType.PurchaseOrder]: PartnerDocumentType.SalesOrder,
    [ErpDocumentType.PurchaseReceipt]: PartnerDocumentType.WarehouseShipment,
    [ErpDocumentType.PurchaseReturnOrder]: PartnerDocumentType.SalesReturnOrder,
    [ErpDocumentType.PurchaseInvoice]: PartnerDocumentType.SalesInvoice,
    [ErpDocumentType.PurchaseCreditMemo]: PartnerDocumentType.SalesCreditMemo,
  },
  [PartnerType.ThirdPartyLogisticsCustomer]: {
    [ErpDocumentType.WarehouseShipment]: PartnerDocumentType.Shipment,
    [ErpDocumentType.WarehouseReceipt]: PartnerDocumentType.Delivery,
  },
};

/** What a partner of `partnerType` calls our `documentType`; undefined when that partner never sees such a document. */
export function partnerView(partnerType: PartnerType, documentType: ErpDocumentType): PartnerDocumentType | undefined {
  return VIEWS[partnerType][documentType];
}

/** The ERP document type behind a partner's word, for its partner type. */
export function erpTypeOf(partnerType: PartnerType, view: PartnerDocumentType): ErpDocumentType | undefined {
  const entry = Object.entries(VIEWS[partnerType]).find(([, word]) => word === view);
  return entry?.[0] as ErpDocumentType | undefined;
}

/** The document types a partner of this type sees, in its words. */
export function viewsOf(partnerType: PartnerType): PartnerDocumentType[] {
  return Object.values(VIEWS[partnerType]);
}

/** ERP documents that are orders: an authorized user owns the ones it placed, and what follows from them. */
export const ORDER_TYPES: readonly ErpDocumentType[] = [
  ErpDocumentType.SalesOrder,
  ErpDocumentType.SalesReturnOrder,
  ErpDocumentType.PurchaseOrder,
  ErpDocumentType.PurchaseReturnOrder,
];
