import { ErpDocumentType } from '@partner-portal/contracts';

/**
 * Statuses that mean a document needs nothing more: posted, paid, closed, cancelled, fully invoiced. Business
 * Central and the ERP simulator send them as display texts ("Posted", "Invoiced", "Shipped and Invoiced"); they
 * are compared in lower case with dashes, underscores and repeated blanks read as one blank.
 */
const DONE_STATUSES = new Set([
  'posted',
  'paid',
  'closed',
  'cancelled',
  'canceled',
  'completed',
  'invoiced',
  'completely invoiced',
  'fully invoiced',
  'shipped and invoiced',
  'received and invoiced',
  'archived',
]);

/**
 * Shipments and receipts we post are records of goods that moved: the ERP creates them only when posting, so
 * they are never waiting for anything, whatever status text the connector gives them.
 */
const POSTED_RECORDS: ReadonlySet<ErpDocumentType> = new Set([
  ErpDocumentType.SalesShipment,
  ErpDocumentType.PurchaseReceipt,
]);

/** The status in the one spelling the rule compares. */
export function normalizedStatus(status: string): string {
  return status
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
}

/**
 * Whether a document is still open for the partner, from the ERP's type and status: an order not yet fully
 * invoiced, an invoice not yet paid, a warehouse document not yet posted. Shown as the counts on a partner's home.
 */
export function isOpenDocument(documentType: ErpDocumentType, status: string | null): boolean {
  if (POSTED_RECORDS.has(documentType)) return false;
  if (status === null) return true;
  return !DONE_STATUSES.has(normalizedStatus(status));
}
