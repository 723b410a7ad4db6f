import { ContactPortalStatus } from '@partner-portal/api-contracts';
import { MembershipStatus } from '../portal-users/membership-rules';

/** A contact's standing in the portal, as an administrator browsing the ERP's contacts sees it (the API contract's). */
export { ContactPortalStatus };

/**
 * An active membership makes a portal user; otherwise an open invitation (also a re-invitation of a deactivated
 * user) makes "invited"; otherwise a deactivated membership shows as such; otherwise the contact was never invited
 * or its invitations ended.
 */
export function contactPortalStatus(membership: MembershipStatus | null, invitationOpen: boolean): ContactPortalStatus {
  if (membership === MembershipStatus.Active) return ContactPortalStatus.PortalUser;
  if (invitationOpen) return ContactPortalStatus.Invited;
  // A reactivation waiting for its license gives no access yet.
  if (membership === MembershipStatus.Deactivated || membership === MembershipStatus.Reactivating)
    return ContactPortalStatus.Deactivated;
  return ContactPortalStatus.NotInvited;
}
