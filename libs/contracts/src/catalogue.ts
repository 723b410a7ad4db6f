import type { EventDefinition } from './event-definition';
import { CompanyUpserted } from './erp-masterdata/company-upserted.v1';
import { ContactDeleted } from './erp-masterdata/contact-deleted.v1';
import { ContactUpserted } from './erp-masterdata/contact-upserted.v1';
import { ExtensionStatusChanged } from './erp-masterdata/extension-status-changed.v1';
import { ItemUpserted } from './erp-masterdata/item-upserted.v1';
import { PartnerDeleted } from './erp-masterdata/partner-deleted.v1';
import { PartnerUpserted } from './erp-masterdata/partner-upserted.v1';
import { PriceListUpserted } from './erp-masterdata/price-list-upserted.v1';
import { DocumentDeleted } from './erp-documents/document-deleted.v1';
import { DocumentUpserted } from './erp-documents/document-upserted.v1';
import { PortalOrderAccepted } from './erp-documents/portal-order-accepted.v1';
import { PortalOrderRejected } from './erp-documents/portal-order-rejected.v1';
import { StockLevelChanged } from './erp-documents/stock-level-changed.v1';
import { PortalOrderSubmitted } from './portal-orders/portal-order-submitted.v1';
import { LicenseConsumed } from './licensing/license-consumed.v1';
import { LicenseReleased } from './licensing/license-released.v1';
import { LicenseReservationRejected } from './licensing/license-reservation-rejected.v1';
import { LicenseReserved } from './licensing/license-reserved.v1';
import { LicensesPurchased } from './licensing/licenses-purchased.v1';
import { ContactInvited } from './invitations/contact-invited.v1';
import { InvitationEmailFailed } from './invitations/invitation-email-failed.v1';
import { InvitationRequested } from './invitations/invitation-requested.v1';
import { InvitationRequestedVersion2 } from './invitations/invitation-requested.v2';
import { InviteAccepted } from './invitations/invite-accepted.v1';
import { InviteExpired } from './invitations/invite-expired.v1';
import { InviteRevoked } from './invitations/invite-revoked.v1';
import { PortalUserActivated } from './partner-identity/portal-user-activated.v1';
import { PortalUserDeactivated } from './partner-identity/portal-user-deactivated.v1';
import { PortalUserDeactivatedVersion2 } from './partner-identity/portal-user-deactivated.v2';
import { PortalUserReactivationRequested } from './partner-identity/portal-user-reactivation-requested.v1';
import { ReactivationLicensed } from './licensing/reactivation-licensed.v1';
import { ReactivationRefused } from './licensing/reactivation-refused.v1';
import { PortalUserRoleChanged } from './partner-identity/portal-user-role-changed.v1';

/** Every published event version (ARCHITECTURE.md section 3, docs/events.md). */
export const EventCatalogue: readonly EventDefinition[] = [
  CompanyUpserted,
  PartnerUpserted,
  PartnerDeleted,
  ContactUpserted,
  ContactDeleted,
  ItemUpserted,
  PriceListUpserted,
  ExtensionStatusChanged,
  DocumentUpserted,
  DocumentDeleted,
  StockLevelChanged,
  PortalOrderAccepted,
  PortalOrderRejected,
  PortalOrderSubmitted,
  LicensesPurchased,
  LicenseReserved,
  LicenseReservationRejected,
  LicenseConsumed,
  LicenseReleased,
  ReactivationLicensed,
  ReactivationRefused,
  InvitationRequested,
  InvitationRequestedVersion2,
  ContactInvited,
  InvitationEmailFailed,
  InviteAccepted,
  InviteExpired,
  InviteRevoked,
  PortalUserActivated,
  PortalUserRoleChanged,
  PortalUserDeactivated,
  PortalUserDeactivatedVersion2,
  PortalUserReactivationRequested,
] as EventDefinition[];

const byTypeAndVersion = new Map(EventCatalogue.map((d) => [`${d.type}@${d.version}`, d]));
const knownTypes = new Set(EventCatalogue.map((d) => d.type));

/** The definition of one event version, if the catalogue has it. */
export function findEventDefinition(type: string, version: number): EventDefinition | undefined {
  return byTypeAndVersion.get(`${type}@${version}`);
}

/** Whether any version of `type` is in the catalogue. */
export function isKnownEventType(type: string): boolean {
  return knownTypes.has(type);
}
