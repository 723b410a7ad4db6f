import { PortalRole, PortalUserDeactivationReason } from '@partner-portal/contracts';
import {
  assertIsActiveRepresentative,
  assertKeepsARepresentative,
  changeRole,
  deactivate,
  MembershipRuleViolation,
  MembershipStatus,
  reactivate,
  samePartner,
  type MembershipFacts,
} from './membership-rules';

const representative: MembershipFacts = {
  status: MembershipStatus.Active,
  role: PortalRole.CustomerRepresentative,
  deactivationReason: null,
};
const authorizedUser: MembershipFacts = { ...representative, role: PortalRole.AuthorizedUser };
const deactivated: MembershipFacts = {
  ...authorizedUser,
  status: MembershipStatus.Deactivated,
  deactivationReason: PortalUserDeactivationReason.Admin,
};

function violation(rule: () => unknown): string | undefined {
  try {
    rule();
  } catch (error) {
    if (error instanceof MembershipRuleViolation) return error.code;
    throw error;
  }
  return undefined;
}

describe('membership rules', () => {
  it('switches the role of an active user and reports no change for the same role', () => {
    expect(changeRole(authorizedUser, PortalRole.CustomerRepresentative)).toEqual({
      next: representative,
      changed: true,
    });
    expect(changeRole(authorizedUser, PortalRole.AuthorizedUser).changed).toBe(false);
  });

  it('does not change the role of a deactivated user', () => {
    expect(violation(() => changeRole(deactivated, PortalRole.CustomerRepresentative))).toBe('membership_inactive');
  });

  it('deactivates with a reason, once', () => {
    const { next, changed } = deactivate(representative, PortalUserDeactivationReason.PartnerAdmin);
    expect(changed).toBe(true);
    expect(next).toEqual({
      ...representative,
      status: MembershipStatus.Deactivated,
      deactivationReason: 'partner_admin',
    });
    expect(deactivate(next, PortalUserDeactivationReason.Admin)).toEqual({ next, changed: false });
  });

  it('reactivates only while the contact still exists in the ERP', () => {
    expect(reactivate(deactivated, true, 'administrator')).toEqual({ next: authorizedUser, changed: true });
    expect(violation(() => reactivate(deactivated, false, 'administrator'))).toBe('erp_record_deleted');
    expect(reactivate(authorizedUser, false, 'administrator').changed).toBe(false);
  });

  it("lets a partner undo only a partner's deactivation; what the company took away, only the company gives back", () => {
    const byPartner = { ...deactivated, deactivationReason: PortalUserDeactivationReason.PartnerAdmin };
    expect(reactivate(byPartner, true, 'partner')).toEqual({ next: authorizedUser, changed: true });
    expect(reactivate(byPartner, true, 'administrator')).toEqual({ next: authorizedUser, changed: true });
    for (const reason of [
      PortalUserDeactivationReason.Admin,
      PortalUserDeactivationReason.ContactDeleted,
      PortalUserDeactivationReason.PartnerDeleted,
    ]) {
      expect(violation(() => reactivate({ ...deactivated, deactivationReason: reason }, true, 'partner'))).toBe(
        'deactivated_by_company',
      );
    }
  });

  it('lets only an active customer representative manage its partner', () => {
    expect(violation(() => assertIsActiveRepresentative(representative))).toBeUndefined();
    expect(violation(() => assertIsActiveRepresentative(authorizedUser))).toBe('not_a_representative');
    expect(
      violation(() => assertIsActiveRepresentative({ ...representative, status: MembershipStatus.Deactivated })),
    ).toBe('not_a_representative');
  });

  it('never takes the last representative away, by demotion or deactivation', () => {
    const demoted = changeRole(representative, PortalRole.AuthorizedUser).next;
    const gone = deactivate(representative, PortalUserDeactivationReason.PartnerAdmin).next;
    expect(violation(() => assertKeepsARepresentative(representative, demoted, 1))).toBe('last_representative');
    expect(violation(() => assertKeepsARepresentative(representative, gone, 1))).toBe('last_representative');
    expect(violation(() => assertKeepsARepresentative(representative, gone, 2))).toBeUndefined();
    expect(
      violation(() =>
        assertKeepsARepresentative(
          authorizedUser,
          deactivate(authorizedUser, PortalUserDeactivationReason.PartnerAdmin).next,
          1,
        ),
      ),
    ).toBeUndefined();
  });

  it('tells partners apart by tenant, environment, company, type and number', () => {
    const scope = {
      tenantId: 't',
      environment: 'production',
      companyId: 'C1',
      partnerType: 'customer',
      partnerNo: '10000',
    };
    expect(samePartner(scope, { ...scope })).toBe(true);
    for (const field of Object.keys(scope) as Array<keyof typeof scope>) {
      expect(samePartner(scope, { ...scope, [field]: 'other' })).toBe(false);
    }
  });
});
