import { EnvironmentType, PartnerType, PortalRole } from '@partner-portal/contracts';
import { administers, chooseMembership, type MembershipGrant, type ResolvedPrincipal } from './access-rules';

const grant = (membershipId: string, partnerNo: string): MembershipGrant => ({
  membershipId,
  tenantId: 't1',
  environment: 'production',
  environmentType: EnvironmentType.Production,
  companyId: 'CRONUS',
  partnerType: PartnerType.Customer,
  partnerNo,
  partnerName: null,
  contactNo: 'CT1',
  role: PortalRole.AuthorizedUser,
});
const identity = (...memberships: MembershipGrant[]): ResolvedPrincipal => ({
  portalUserId: 'u1',
  administratorOf: ['t1'],
  memberships,
});
const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

describe('choosing the membership of a request', () => {
  it('takes the only membership when none is named', () => {
    expect(chooseMembership(identity(grant(A, 'C1')), undefined)).toEqual({ kind: 'chosen', grant: grant(A, 'C1') });
  });

  it('takes the named one among several, in any letter case', () => {
    const choice = chooseMembership(identity(grant(A, 'C1'), grant(B, 'C2')), B.toUpperCase());
    expect(choice).toEqual({ kind: 'chosen', grant: grant(B, 'C2') });
  });

  it('asks to choose when several are held and none is named', () => {
    expect(chooseMembership(identity(grant(A, 'C1'), grant(B, 'C2')), undefined)).toEqual({
      kind: 'ambiguous',
      count: 2,
    });
  });

  it('refuses a membership the person does not hold, and says when it holds none', () => {
    expect(chooseMembership(identity(grant(A, 'C1')), B)).toEqual({ kind: 'not-held' });
    expect(chooseMembership(identity(), undefined)).toEqual({ kind: 'none' });
  });

  it('recognises administrators per tenant only', () => {
    expect(administers(identity(), 't1')).toBe(true);
    expect(administers(identity(), 't2')).toBe(false);
  });
});
