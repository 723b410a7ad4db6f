import { ErpDocumentType, PartnerType } from '@partner-portal/contracts';
import { erpTypeOf, partnerView, PartnerDocumentType, viewsOf } from './perspective';

describe('the partner perspective', () => {
  it.each([
    [PartnerType.Customer, ErpDocumentType.SalesOrder, PartnerDocumentType.PurchaseOrder],
    [PartnerType.Customer, ErpDocumentType.SalesShipment, PartnerDocumentType.WarehouseReceipt],
    [PartnerType.Customer, ErpDocumentType.SalesReturnOrder, PartnerDocumentType.PurchaseReturnOrder],
    [PartnerType.Customer, ErpDocumentType.SalesInvoice, PartnerDocumentType.PurchaseInvoice],
    [PartnerType.Customer, ErpDocumentType.SalesCreditMemo, PartnerDocumentType.PurchaseCreditMemo],
    [PartnerType.Vendor, ErpDocumentType.PurchaseOrder, PartnerDocumentType.SalesOrder],
    [PartnerType.Vendor, ErpDocumentType.PurchaseReceipt, PartnerDocumentType.WarehouseShipment],
    [PartnerType.Vendor, ErpDocumentType.PurchaseReturnOrder, PartnerDocumentType.SalesReturnOrder],
    [PartnerType.Vendor, ErpDocumentType.PurchaseInvoice, PartnerDocumentType.SalesInvoice],
    [PartnerType.Vendor, ErpDocumentType.PurchaseCreditMemo, PartnerDocumentType.SalesCreditMemo],
    [PartnerType.ThirdPartyLogisticsCustomer, ErpDocumentType.WarehouseShipment, PartnerDocumentType.Shipment],
    [PartnerType.ThirdPartyLogisticsCustomer, ErpDocumentType.WarehouseReceipt, PartnerDocumentType.Delivery],
  ])('a %s sees our %s as its %s, and back', (partnerType, erpType, word) => {
    expect(partnerView(partnerType, erpType)).toBe(word);
    expect(erpTypeOf(partnerType, word)).toBe(erpType);
  });

  it('has no word for a document a partner type never sees', () => {
    expect(partnerView(PartnerType.Customer, ErpDocumentType.PurchaseOrder)).toBeUndefined();
    expect(partnerView(PartnerType.ThirdPartyLogisticsCustomer, ErpDocumentType.SalesInvoice)).toBeUndefined();
    expect(erpTypeOf(PartnerType.Vendor, PartnerDocumentType.Shipment)).toBeUndefined();
  });

  it('lists five document types for customers and vendors and two for 3PL customers', () => {
    expect(viewsOf(PartnerType.Customer)).toHaveLength(5);
    expect(viewsOf(PartnerType.Vendor)).toHaveLength(5);
    expect(viewsOf(PartnerType.ThirdPartyLogisticsCustomer)).toEqual(['shipment', 'delivery']);
  });
});
