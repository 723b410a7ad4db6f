// The partner's area as one chunk: its layout and pages (also shown read-only in an administrator's partner view).
export { PartnerLayout } from './partner-layout';
export { PartnerHomePage } from './partner-home-page';
export { MePage } from '../me/me-page';
export { DocumentsPage } from '../documents/documents-page';
export { DocumentPage } from '../documents/document-page';
export { StockPage } from '../stock/stock-page';
export { LicensePlatePage } from '../stock/license-plate-page';
export { OrdersPage } from '../orders/orders-page';
export { OrderWizardPage } from '../orders/order-wizard-page';
export { OrderUploadPage } from '../orders/order-upload-page';
export { OrderPage } from '../orders/order-page';
export { ColleaguesPage } from '../colleagues/colleagues-page';
