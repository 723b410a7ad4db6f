import { ErpDocumentType, PartnerType, PortalRole } from '@partner-portal/contracts';
import { PartnerDocumentType } from './documents.responses';

/** What each partner calls our documents (ARCHITECTURE.md section 1): a customer's purchase order is our sales order. */
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

/** The document types a partner of this type sees, in its words, orders first. */
export function viewsOf(partnerType: PartnerType): PartnerDocumentType[] {
  return Object.values(VIEWS[partnerType]);
}

/** Only customers order through the portal (seed 002); only 3PL customers have stock held for them. */
export const placesOrders = (partnerType: PartnerType): boolean => partnerType === PartnerType.Customer;
export const seesStock = (partnerType: PartnerType): boolean => partnerType === PartnerType.ThirdPartyLogisticsCustomer;
/** Customer representatives manage their partner's portal users (seed 003). */
export const managesColleagues = (role: PortalRole): boolean => role === PortalRole.CustomerRepresentative;
