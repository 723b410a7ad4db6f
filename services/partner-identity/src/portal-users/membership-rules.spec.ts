import { LicenseReservationRejectionReason, PortalRole, PortalUserDeactivationReason } from '@partner-portal/contracts';
import { Refusal, refusalCodeOf } from '@partner-portal/api-contracts';
import {
  activateFromInvitation,
  assertIsActiveRepresentative,
  assertKeepsARepresentative,
  changeRole,
  deactivate,
  MembershipStatus,
  reactivate,
  reactivationLicensed,
  reactivationRefused,
  samePartner,
  type ErpStanding,
  type MembershipFacts,
} from './membership-rules';

const representative: MembershipFacts = {
  status: MembershipStatus.Active,
  role: PortalRole.CustomerRepresentative,
  deactivationReason: null,
  reactivationRefusal: null,
  reactivationRequestId: null,
};
const authorizedUser: MembershipFacts = { ...representative, role: PortalRole.AuthorizedUser };
const deactivated: MembershipFacts = {
  ...authorizedUser,
  status: MembershipStatus.Deactivated,
  deactivationReason: PortalUserDeactivationReason.Admin,
};
const violation = refusalCodeOf;

describe('membership rules', () => {
  describe('given an accepted invitation', () => {
    const accepted = { role: PortalRole.AuthorizedUser, portalUserId: 'person-1' };

    it('when the contact has no membership, then one is active with the invited role', () => {
      expect(activateFromInvitation(undefined, accepted)).toEqual({ next: authorizedUser, changed: true });
    });

    it('when the same person accepts again for the same role, then nothing changes', () => {
      expect(activateFromInvitation({ facts: authorizedUser, portalUserId: 'person-1' }, accepted).changed).toBe(false);
    });

    it('when the membership was deactivated or refused a license, then it is active again, the old reasons gone', () => {
      const refused = { ...deactivated, reactivationRefusal: LicenseReservationRejectionReason.NoLicenseAvailable };
      expect(activateFromInvitation({ facts: refused, portalUserId: 'person-1' }, accepted)).toEqual({
        next: authorizedUser,
        changed: true,
      });
    });

    it('when another person or another role accepts, then the membership is taken over', () => {
      expect(activateFromInvitation({ facts: authorizedUser, portalUserId: 'person-2' }, accepted).changed).toBe(true);
      expect(
        activateFromInvitation(
          { facts: authorizedUser, portalUserId: 'person-1' },
          { ...accepted, role: PortalRole.CustomerRepresentative },
        ),
      ).toEqual({ next: representative, changed: true });
    });
  });

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

  const open: ErpStanding = { exists: true, partnerOpen: true };
  const request = '6f1c0b8e-3a52-4d1e-9a57-0c9d2b1e7a01';
  const reactivating: MembershipFacts = {
    ...deactivated,
    status: MembershipStatus.Reactivating,
    reactivationRequestId: request,
  };

  it('reactivates only while the contact still exists in the ERP', () => {
    expect(reactivate(deactivated, open, 'administrator', request)).toEqual({ next: reactivating, changed: true });
    expect(
      violation(() => reactivate(deactivated, { exists: false, partnerOpen: false }, 'administrator', request)),
    ).toBe('erp_record_deleted');
    expect(reactivate(authorizedUser, { exists: false, partnerOpen: false }, 'administrator', request).changed).toBe(
      false,
    );
  });

  it('given the ERP blocks the partner or has its portal off, when an administrator reactivates, then it is refused', () => {
    const byErp = { ...deactivated, deactivationReason: PortalUserDeactivationReason.Erp };
    expect(violation(() => reactivate(byErp, { exists: true, partnerOpen: false }, 'administrator', request))).toBe(
      'partner_closed',
    );
    expect(reactivate(byErp, open, 'administrator', request).next.status).toBe(MembershipStatus.Reactivating);
  });

  describe('given a reactivation waiting for its license', () => {
    it('when licensing holds one, then the user is active again, without the old reason', () => {
      expect(reactivationLicensed(reactivating, request)).toEqual({ next: authorizedUser, changed: true });
    });

    it('when licensing has none, then the user stays deactivated for the old reason, and the refusal is kept', () => {
      expect(reactivationRefused(reactivating, LicenseReservationRejectionReason.NoLicenseAvailable, request)).toEqual({
        next: { ...deactivated, reactivationRefusal: 'no_license_available' },
        changed: true,
      });
    });

    it('when it is reactivated again, then nothing changes: one request is enough', () => {
      expect(reactivate(reactivating, open, 'administrator', 'another-request')).toEqual({
        next: reactivating,
        changed: false,
      });
    });

    it('when it is deactivated, then it is deactivated for the new reason, and a later answer changes nothing', () => {
      const { next } = deactivate(reactivating, PortalUserDeactivationReason.ContactDeleted);
      expect(next).toEqual({ ...deactivated, deactivationReason: 'contact_deleted' });
      expect(reactivationLicensed(next, request).changed).toBe(false);
      expect(reactivationRefused(next, LicenseReservationRejectionReason.NoLicenseAvailable, request).changed).toBe(
        false,
      );
    });

    it('when it was deactivated and reactivated again meanwhile, then the answer to the first request changes nothing', () => {
      const again = reactivate(
        deactivate(reactivating, PortalUserDeactivationReason.Admin).next,
        open,
        'administrator',
        'second',
      );
      expect(again.next).toMatchObject({ status: MembershipStatus.Reactivating, reactivationRequestId: 'second' });
      // Licensing licensed the first request and took the license back on the deactivation: it holds none now.
      expect(reactivationLicensed(again.next, request).changed).toBe(false);
      expect(
        reactivationRefused(again.next, LicenseReservationRejectionReason.NoLicenseAvailable, request).changed,
      ).toBe(false);
      expect(
        reactivationRefused(again.next, LicenseReservationRejectionReason.NoLicenseAvailable, 'second').next,
      ).toMatchObject({
        status: MembershipStatus.Deactivated,
        reactivationRefusal: 'no_license_available',
      });
    });
  });

  it('given an active user, when an answer to a reactivation arrives, then nothing changes', () => {
    expect(reactivationLicensed(authorizedUser, request).changed).toBe(false);
    expect(reactivationRefused(authorizedUser, LicenseReservationRejectionReason.ModuleInactive, request).changed).toBe(
      false,
    );
  });

  it("lets a partner undo only a partner's deactivation; what the company took away, only the company gives back", () => {
    const byPartner = { ...deactivated, deactivationReason: PortalUserDeactivationReason.PartnerAdmin };
    const waiting = {
      next: { ...byPartner, status: MembershipStatus.Reactivating, reactivationRequestId: request },
      changed: true,
    };
    expect(reactivate(byPartner, open, 'partner', request)).toEqual(waiting);
    expect(reactivate(byPartner, open, 'administrator', request)).toEqual(waiting);
    for (const reason of [
      PortalUserDeactivationReason.Admin,
      PortalUserDeactivationReason.ContactDeleted,
      PortalUserDeactivationReason.PartnerDeleted,
      PortalUserDeactivationReason.Erp,
    ]) {
      expect(
        violation(() => reactivate({ ...deactivated, deactivationReason: reason }, open, 'partner', request)),
      ).toBe('deactivated_by_company');
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

  it('refuses as forbidden whom the rules do not let ask, and as a conflict what the state does not allow', () => {
    const kindOf = (rule: () => unknown) => {
      try {
        rule();
      } catch (error) {
        if (error instanceof Refusal) return [error.kind, error.code];
        throw error;
      }
      return undefined;
    };
    const erp = { exists: true, partnerOpen: true };
    expect(kindOf(() => assertIsActiveRepresentative(authorizedUser))).toEqual(['forbidden', 'not_a_representative']);
    expect(kindOf(() => reactivate(deactivated, erp, 'partner', 'r'))).toEqual(['forbidden', 'deactivated_by_company']);
    expect(kindOf(() => changeRole(deactivated, PortalRole.AuthorizedUser))).toEqual([
      'conflict',
      'membership_inactive',
    ]);
    expect(kindOf(() => reactivate(deactivated, { ...erp, exists: false }, 'administrator', 'r'))).toEqual([
      'conflict',
      'erp_record_deleted',
    ]);
    expect(kindOf(() => reactivate(deactivated, { ...erp, partnerOpen: false }, 'administrator', 'r'))).toEqual([
      'conflict',
      'partner_closed',
    ]);
    const demoted = changeRole(representative, PortalRole.AuthorizedUser).next;
    expect(kindOf(() => assertKeepsARepresentative(representative, demoted, 1))).toEqual([
      'conflict',
      'last_representative',
    ]);
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
