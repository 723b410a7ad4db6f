import { ErpDocumentType } from '@partner-portal/contracts';
import { isOpenDocument, normalizedStatus } from './open-documents';

describe('whether a document is open', () => {
  it.each([
    [ErpDocumentType.SalesOrder, 'Open'],
    [ErpDocumentType.SalesOrder, 'Released'],
    [ErpDocumentType.SalesOrder, 'Pending Approval'],
    [ErpDocumentType.PurchaseOrder, 'Released'],
    [ErpDocumentType.SalesInvoice, 'Open'],
    [ErpDocumentType.PurchaseReturnOrder, 'Open'],
    [ErpDocumentType.WarehouseReceipt, 'Released'],
  ])('given a %s with status %s, when asked, then it is open', (type, status) => {
    expect(isOpenDocument(type, status)).toBe(true);
  });

  it.each([
    [ErpDocumentType.SalesOrder, 'Invoiced'],
    [ErpDocumentType.SalesOrder, 'Shipped and Invoiced'],
    [ErpDocumentType.SalesOrder, 'shipped-and-invoiced'],
    [ErpDocumentType.SalesOrder, 'Cancelled'],
    [ErpDocumentType.PurchaseOrder, 'Closed'],
    [ErpDocumentType.SalesInvoice, 'Paid'],
    [ErpDocumentType.SalesCreditMemo, 'Posted'],
    [ErpDocumentType.SalesReturnOrder, 'Posted'],
    [ErpDocumentType.WarehouseShipment, 'Posted'],
  ])('given a %s with status %s, when asked, then it is not open', (type, status) => {
    expect(isOpenDocument(type, status)).toBe(false);
  });

  it('given a posted shipment or receipt with any status, when asked, then it is not open', () => {
    expect(isOpenDocument(ErpDocumentType.SalesShipment, 'Open')).toBe(false);
    expect(isOpenDocument(ErpDocumentType.PurchaseReceipt, 'Released')).toBe(false);
  });

  it('given a document without a status yet, when asked, then it is open', () => {
    expect(isOpenDocument(ErpDocumentType.SalesOrder, null)).toBe(true);
  });

  it('reads case, dashes, underscores and blanks alike', () => {
    expect(normalizedStatus('  Shipped_and--Invoiced ')).toBe('shipped and invoiced');
  });
});
