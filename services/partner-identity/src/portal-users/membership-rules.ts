import { LicenseReservationRejectionReason, PortalRole, PortalUserDeactivationReason } from '@partner-portal/contracts';

import { MembershipStatus, Refusal, type RefusalKind } from '@partner-portal/api-contracts';

export { MembershipStatus };

/** What the rules need to know about a membership. */
export interface MembershipFacts {
  status: MembershipStatus;
  role: PortalRole;
  deactivationReason: PortalUserDeactivationReason | null;
  /** Why licensing refused the last reactivation. */
  reactivationRefusal: LicenseReservationRejectionReason | null;
  /** The request a waiting reactivation waits on; only licensing's answer to it counts. */
  reactivationRequestId: string | null;
}

/** Where a membership belongs: tenant, ERP environment and company, partner. */
export interface MembershipScope {
  tenantId: string;
  environment: string;
  companyId: string;
  partnerType: string;
  partnerNo: string;
}

/** The codes of the rules' refusals, stable for clients. */
export type MembershipRefusalCode =
  | 'membership_inactive'
  | 'erp_record_deleted'
  | 'last_representative'
  | 'not_a_representative'
  | 'deactivated_by_company'
  | 'partner_closed';

/** Who may not ask is refused as `forbidden` (403); a request the membership's state does not allow, `conflict` (409). */
const REFUSAL_KINDS: Record<MembershipRefusalCode, RefusalKind> = {
  membership_inactive: 'conflict',
  erp_record_deleted: 'conflict',
  last_representative: 'conflict',
  not_a_representative: 'forbidden',
  deactivated_by_company: 'forbidden',
  partner_closed: 'conflict',
};

/** A request the rules refuse; `code` is stable for clients, the message says why in words. */
export class MembershipRuleViolation extends Refusal {
  declare readonly code: MembershipRefusalCode;

  constructor(code: MembershipRefusalCode, message: string) {
    super(REFUSAL_KINDS[code], code, message);
    this.name = 'MembershipRuleViolation';
  }
}

/** The outcome of a transition: the new facts, and whether anything changed (no event when nothing did). */
export interface Transition {
  next: MembershipFacts;
  changed: boolean;
}

/**
 * An accepted invitation gives the contact's membership to the person who accepted, active with the invited role: a
 * new one, or the contact's existing one taken over (deactivated, waiting for a license, or held by another
 * identity). The same person accepting again for the same role changes nothing.
 */
export function activateFromInvitation(
  current: { facts: MembershipFacts; portalUserId: string } | undefined,
  accepted: { role: PortalRole; portalUserId: string },
): Transition {
  const next: MembershipFacts = {
    status: MembershipStatus.Active,
    role: accepted.role,
    deactivationReason: null,
    reactivationRefusal: null,
    reactivationRequestId: null,
  };
  const unchanged =
    current?.facts.status === MembershipStatus.Active &&
    current.portalUserId === accepted.portalUserId &&
    current.facts.role === accepted.role;
  return unchanged ? { next: current.facts, changed: false } : { next, changed: true };
}

/** Switches an active membership's role. */
export function changeRole(current: MembershipFacts, role: PortalRole): Transition {
  if (current.status !== MembershipStatus.Active) {
    throw new MembershipRuleViolation('membership_inactive', 'the role of a deactivated portal user cannot change');
  }
  return { next: { ...current, role }, changed: current.role !== role };
}

/** Takes access away (also from a reactivation still waiting for its license); once is enough. */
export function deactivate(current: MembershipFacts, reason: PortalUserDeactivationReason): Transition {
  if (current.status === MembershipStatus.Deactivated) return { next: current, changed: false };
  return {
    next: {
      ...current,
      status: MembershipStatus.Deactivated,
      deactivationReason: reason,
      reactivationRefusal: null,
      reactivationRequestId: null,
    },
    changed: true,
  };
}

/** Who asks for a change: the tenant's administrator, or the partner's own customer representative. */
export type ChangedBy = 'administrator' | 'partner';

/** What the ERP says today about the contact and partner behind a membership. */
export interface ErpStanding {
  /** Neither the contact nor the partner is deleted. */
  exists: boolean;
  /** The partner's portal is switched on and the partner is not blocked. */
  partnerOpen: boolean;
}

/**
 * Asks for access back: the membership waits for licensing to hold a license (`reactivating`), so that no one is
 * active without one. Refused when the ERP record behind the membership is gone or the ERP keeps the partner
 * closed. A partner undoes only what a partner did: access the company (its administrator or the ERP) took away
 * stays away until the company gives it back.
 */
export function reactivate(current: MembershipFacts, erp: ErpStanding, by: ChangedBy, requestId: string): Transition {
  if (current.status !== MembershipStatus.Deactivated) return { next: current, changed: false };
  if (!erp.exists) {
    throw new MembershipRuleViolation(
      'erp_record_deleted',
      'the contact or partner was deleted in the ERP; invite the person again once it exists',
    );
  }
  if (!erp.partnerOpen) {
    throw new MembershipRuleViolation(
      'partner_closed',
      "the ERP blocks this partner or has switched its portal off; reactivate the user once the ERP opens the partner's portal again",
    );
  }
  if (by === 'partner' && current.deactivationReason !== PortalUserDeactivationReason.PartnerAdmin) {
    throw new MembershipRuleViolation(
      'deactivated_by_company',
      "the company deactivated this portal user; only the company's administrator can reactivate them",
    );
  }
  return {
    next: {
      ...current,
      status: MembershipStatus.Reactivating,
      reactivationRefusal: null,
      reactivationRequestId: requestId,
    },
    changed: true,
  };
}

/** Whether licensing's answer is to the request the membership waits on now (not to an earlier one). */
function awaits(current: MembershipFacts, answeredRequestId: string | undefined): boolean {
  return current.status === MembershipStatus.Reactivating && current.reactivationRequestId === answeredRequestId;
}

/**
 * Licensing holds a license for the reactivation: the membership is active. A membership no longer waiting on that
 * request (deactivated meanwhile, perhaps reactivated again) stays as it is; licensing gives that license back when
 * it reads the deactivation, which follows the request on the same topic.
 */
export function reactivationLicensed(current: MembershipFacts, answeredRequestId: string | undefined): Transition {
  if (!awaits(current, answeredRequestId)) return { next: current, changed: false };
  return {
    next: { ...current, status: MembershipStatus.Active, deactivationReason: null, reactivationRequestId: null },
    changed: true,
  };
}

/** Licensing has no license for the reactivation: the membership stays deactivated, for the reason it had, and says why. */
export function reactivationRefused(
  current: MembershipFacts,
  reason: LicenseReservationRejectionReason,
  answeredRequestId: string | undefined,
): Transition {
  if (!awaits(current, answeredRequestId)) return { next: current, changed: false };
  return {
    next: {
      ...current,
      status: MembershipStatus.Deactivated,
      reactivationRefusal: reason,
      reactivationRequestId: null,
    },
    changed: true,
  };
}

/** Whether two memberships belong to the same partner of the same tenant, environment and company. */
export function samePartner(a: MembershipScope, b: MembershipScope): boolean {
  return (
    a.tenantId === b.tenantId &&
    a.environment === b.environment &&
    a.companyId === b.companyId &&
    a.partnerType === b.partnerType &&
    a.partnerNo === b.partnerNo
  );
}

/** Only an active customer representative manages its partner's portal users. */
export function assertIsActiveRepresentative(actor: MembershipFacts): void {
  if (actor.status !== MembershipStatus.Active || actor.role !== PortalRole.CustomerRepresentative) {
    throw new MembershipRuleViolation(
      'not_a_representative',
      "only an active customer representative manages its partner's portal users",
    );
  }
}

/**
 * A partner must keep one active customer representative when its own representatives manage it: a transition
 * that would take the last one away is refused.
 */
export function assertKeepsARepresentative(
  before: MembershipFacts,
  after: MembershipFacts,
  activeRepresentatives: number,
): void {
  const wasRepresentative =
    before.status === MembershipStatus.Active && before.role === PortalRole.CustomerRepresentative;
  const staysRepresentative =
    after.status === MembershipStatus.Active && after.role === PortalRole.CustomerRepresentative;
  if (wasRepresentative && !staysRepresentative && activeRepresentatives <= 1) {
    throw new MembershipRuleViolation(
      'last_representative',
      "this is the partner's last active customer representative; make another user representative first",
    );
  }
}
