import { erpTypeOf, PartnerDocumentType, partnerView, viewsOf } from '@partner-portal/api-contracts';
import { ErpDocumentType } from '@partner-portal/contracts';

/** Document types in the partner's own words (ARCHITECTURE.md section 1), as the API contract names them. */
export { erpTypeOf, PartnerDocumentType, partnerView, viewsOf };

/** ERP documents that are orders: an authorized user owns the ones it placed, and what follows from them. */
export const ORDER_TYPES: readonly ErpDocumentType[] = [
  ErpDocumentType.SalesOrder,
  ErpDocumentType.SalesReturnOrder,
  ErpDocumentType.PurchaseOrder,
  ErpDocumentType.PurchaseReturnOrder,
];
