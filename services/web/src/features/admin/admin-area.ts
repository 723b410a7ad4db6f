// The administrator's area as one chunk: its layout, its pages and the cart in the top bar.
export { AdminHomePage, AdminLayout } from './admin-layout';
export { CartButton } from '../collaborate-exchange/cart';
export { CollaborateExchangePage } from '../collaborate-exchange/collaborate-exchange-page';
export { LicensesPage } from '../collaborate-exchange/licenses-page';
export { InvitePage } from '../invitations/invite-page';
export { InvitationsPage } from '../invitations/invitations-page';
export { PortalUsersPage } from '../portal-users/portal-users-page';
export { AdministratorsPage } from '../administrators/administrators-page';
export { ConnectorKeysPage } from '../connector-keys/connector-keys-page';
export { ConnectorWebhooksPage } from '../connector-webhooks/connector-webhooks-page';
export { SettingsPage } from '../settings/settings-page';
export { PartnerPickerPage } from '../workspace/partner-picker-page';
export { AdminPartnerLayout } from '../workspace/admin-partner-layout';
