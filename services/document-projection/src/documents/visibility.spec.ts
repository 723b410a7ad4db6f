import { PartnerType, PortalRole } from '@partner-portal/contracts';
import { viewerOf, visibleDocuments, type MembershipFacts } from './visibility';

const membership: MembershipFacts = {
  membershipId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  tenantId: 't1',
  environment: 'production',
  companyId: 'CRONUS',
  partnerType: PartnerType.Customer,
  partnerNo: 'C1',
  contactNo: 'CT1',
  role: PortalRole.AuthorizedUser,
  active: true,
};
const partner = { kind: 'partner' as const, tenantId: 't1', membershipId: membership.membershipId };

describe('viewerOf', () => {
  it('makes an administrator a viewer of its tenant', () => {
    expect(viewerOf({ kind: 'admin', tenantId: 't1' }, undefined)).toEqual({ kind: 'administrator', tenantId: 't1' });
  });

  it('makes an active representative a viewer of its partner and an authorized user of its own orders', () => {
    expect(viewerOf(partner, { ...membership, role: PortalRole.CustomerRepresentative })).toMatchObject({
      kind: 'representative',
      partnerNo: 'C1',
    });
    expect(viewerOf(partner, membership)).toMatchObject({ kind: 'authorized_user', contactNo: 'CT1' });
  });

  it('lets a deactivated, unknown or foreign membership see nothing', () => {
    expect(viewerOf(partner, { ...membership, active: false })).toEqual({ kind: 'nobody' });
    expect(viewerOf(partner, undefined)).toEqual({ kind: 'nobody' });
    expect(viewerOf({ ...partner, tenantId: 't2' }, membership)).toEqual({ kind: 'nobody' });
  });
});

describe('visibleDocuments', () => {
  it('numbers its parameters from where the query needs them', () => {
    const condition = visibleDocuments({ kind: 'administrator', tenantId: 't1' }, 3);
    expect(condition).toEqual({ sql: 'd.tenant_id = $3 AND d.deleted_at IS NULL', params: ['t1'] });
  });

  it('matches nothing for nobody', () => {
    expect(visibleDocuments({ kind: 'nobody' })).toEqual({ sql: 'false', params: [] });
  });

  it("limits an authorized user to its partner and to its own orders' contact and portal orders", () => {
    const condition = visibleDocuments(viewerOf(partner, membership));
    expect(condition.params).toEqual(['t1', 'production', 'CRONUS', 'customer', 'C1', 'CT1', membership.membershipId]);
    expect(condition.sql).toContain('d.partner_no = $5');
    expect(condition.sql).toContain('contact_no = $6');
    expect(condition.sql).toContain('membership_id = $7');
  });
});
