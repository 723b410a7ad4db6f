// The administrator's area as one chunk: its layout and pages.
export { AdminHomePage, AdminLayout } from './admin-layout';
export { CollaborateExchangePage } from '../collaborate-exchange/collaborate-exchange-page';
export { LicensesPage } from '../collaborate-exchange/licenses-page';
export { InvitePage } from '../invitations/invite-page';
export { InvitationsPage } from '../invitations/invitations-page';
export { PortalUsersPage } from '../portal-users/portal-users-page';
export { AdministratorsPage } from '../administrators/administrators-page';
export { ConnectorKeysPage } from '../connector-keys/connector-keys-page';
export { SettingsPage } from '../settings/settings-page';
export { PartnerPickerPage } from '../workspace/partner-picker-page';
export { AdminPartnerLayout } from '../workspace/admin-partner-layout';
