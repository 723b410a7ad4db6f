import { Refusal } from '@partner-portal/api-contracts';
import { PartnerType, PortalRole } from '@partner-portal/contracts';
import { ofPartner, representedPartner, type InvitingMember } from './partner-invite';

const fabrikam = {
  environment: 'production',
  companyId: 'CRONUS',
  partnerType: PartnerType.Customer,
  partnerNo: 'C10000',
};
const member = (facts: Partial<InvitingMember>): InvitingMember => ({
  active: true,
  role: PortalRole.CustomerRepresentative,
  ...fabrikam,
  ...facts,
});

describe('representedPartner', () => {
  it("gives an active customer representative its own membership's partner", () => {
    // given an active representative of C10000
    // when it invites a colleague
    // then the invitation is for C10000 in its environment and company
    expect(representedPartner(member({}))).toEqual(fabrikam);
  });

  it.each<[string, InvitingMember | undefined]>([
    ['an authorized user', member({ role: PortalRole.AuthorizedUser })],
    ['a deactivated representative', member({ active: false })],
    ['a member whose role is not known yet', member({ role: null })],
    ['a membership this service does not know', undefined],
  ])('refuses %s with 403 not_a_representative', (_who, facts) => {
    const refused = representedPartner(facts);
    expect(refused).toBeInstanceOf(Refusal);
    expect(refused).toMatchObject({ kind: 'forbidden', code: 'not_a_representative' });
    expect((refused as Refusal).message).toContain('customer representative');
  });
});

describe('ofPartner', () => {
  it("tells the partner's own invitations from another partner's, company's or environment's", () => {
    expect(ofPartner(fabrikam, fabrikam)).toBe(true);
    expect(ofPartner({ ...fabrikam, partnerNo: 'C20000' }, fabrikam)).toBe(false);
    expect(ofPartner({ ...fabrikam, companyId: 'OTHER' }, fabrikam)).toBe(false);
    expect(ofPartner({ ...fabrikam, environment: 'sandbox' }, fabrikam)).toBe(false);
    expect(ofPartner({ ...fabrikam, partnerType: PartnerType.Vendor }, fabrikam)).toBe(false);
  });
});
