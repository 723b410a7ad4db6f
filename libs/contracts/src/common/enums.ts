/** The three kinds of business partner a portal user can belong to. */
export enum PartnerType {
  Customer = 'customer',
  Vendor = 'vendor',
  ThirdPartyLogisticsCustomer = '3pl_customer',
}

/** Whether an ERP environment is the live one or a sandbox copy. */
export enum EnvironmentType {
  Production = 'production',
  Sandbox = 'sandbox',
}

/** A partner user's role, which decides the rows it sees. */
export enum PortalRole {
  CustomerRepresentative = 'customer_representative',
  AuthorizedUser = 'authorized_user',
}

/** Why licensing refused to hold a license. */
export enum LicenseReservationRejectionReason {
  NoLicenseAvailable = 'no_license_available',
  ModuleInactive = 'module_inactive',
}

/** Why a held or consumed license went back to the pool. */
export enum LicenseReleaseReason {
  InviteExpired = 'invite_expired',
  InviteRevoked = 'invite_revoked',
  UserDeactivated = 'user_deactivated',
  InviteRejected = 'invite_rejected',
}

/** Why a portal user lost access. `erp` exists from `PortalUserDeactivated` version 2 on; version 1 never carries it. */
export enum PortalUserDeactivationReason {
  ContactDeleted = 'contact_deleted',
  PartnerDeleted = 'partner_deleted',
  Admin = 'admin',
  PartnerAdmin = 'partner_admin',
  Erp = 'erp',
}

/** The reasons `PortalUserDeactivated` version 1 can carry. */
export type PortalUserDeactivationReasonV1 = Exclude<PortalUserDeactivationReason, PortalUserDeactivationReason.Erp>;

/** What the ERP changed that ended a portal user's access (reason `erp`). */
export enum ErpAccessChange {
  PartnerBlocked = 'partner_blocked',
  PartnerPortalDisabled = 'partner_portal_disabled',
  ContactUnmarked = 'contact_unmarked',
}

/**
 * ERP document types as the ERP names them (docs/events.md, "ERP document types"); the projection translates them
 * per partner type.
 */
export enum ErpDocumentType {
  SalesOrder = 'sales_order',
  SalesShipment = 'sales_shipment',
  SalesReturnOrder = 'sales_return_order',
  SalesInvoice = 'sales_invoice',
  SalesCreditMemo = 'sales_credit_memo',
  PurchaseOrder = 'purchase_order',
  PurchaseReceipt = 'purchase_receipt',
  PurchaseReturnOrder = 'purchase_return_order',
  PurchaseInvoice = 'purchase_invoice',
  PurchaseCreditMemo = 'purchase_credit_memo',
  WarehouseShipment = 'warehouse_shipment',
  WarehouseReceipt = 'warehouse_receipt',
}
