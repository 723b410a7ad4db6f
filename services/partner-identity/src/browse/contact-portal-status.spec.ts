import { MembershipStatus } from '../portal-users/membership-rules';
import { contactPortalStatus, ContactPortalStatus } from './contact-portal-status';

describe('contactPortalStatus', () => {
  it.each([
    [null, false, ContactPortalStatus.NotInvited],
    [null, true, ContactPortalStatus.Invited],
    [MembershipStatus.Active, false, ContactPortalStatus.PortalUser],
    [MembershipStatus.Active, true, ContactPortalStatus.PortalUser],
    [MembershipStatus.Deactivated, false, ContactPortalStatus.Deactivated],
    [MembershipStatus.Deactivated, true, ContactPortalStatus.Invited],
  ])('membership %s with an open invitation %s shows %s', (membership, invitationOpen, expected) => {
    expect(contactPortalStatus(membership, invitationOpen)).toBe(expected);
  });
});
