import { PortalRole, PortalUserDeactivationReason } from '@partner-portal/contracts';

import { MembershipStatus } from '@partner-portal/api-contracts';

export { MembershipStatus };

/** What the rules need to know about a membership. */
export interface MembershipFacts {
  status: MembershipStatus;
  role: PortalRole;
  deactivationReason: PortalUserDeactivationReason | null;
}

/** Where a membership belongs: tenant, ERP environment and company, partner. */
export interface MembershipScope {
  tenantId: string;
  environment: string;
  companyId: string;
  partnerType: string;
  partnerNo: string;
}

/** A request the rules refuse; `code` is stable for clients, the message says why in words. */
export class MembershipRuleViolation extends Error {
  constructor(
    readonly code:
      | 'membership_inactive'
      | 'erp_record_deleted'
      | 'last_representative'
      | 'not_a_representative'
      | 'deactivated_by_company',
    message: string,
  ) {
    super(message);
    this.name = 'MembershipRuleViolation';
  }
}

/** The outcome of a transition: the new facts, and whether anything changed (no event when nothing did). */
export interface Transition {
  next: MembershipFacts;
  changed: boolean;
}

/** Switches an active membership's role. */
export function changeRole(current: MembershipFacts, role: PortalRole): Transition {
  if (current.status !== MembershipStatus.Active) {
    throw new MembershipRuleViolation('membership_inactive', 'the role of a deactivated portal user cannot change');
  }
  return { next: { ...current, role }, changed: current.role !== role };
}

/** Takes access away; deactivating a deactivated membership changes nothing. */
export function deactivate(current: MembershipFacts, reason: PortalUserDeactivationReason): Transition {
  if (current.status === MembershipStatus.Deactivated) return { next: current, changed: false };
  return { next: { ...current, status: MembershipStatus.Deactivated, deactivationReason: reason }, changed: true };
}

/** Who asks for a change: the tenant's administrator, or the partner's own customer representative. */
export type ChangedBy = 'administrator' | 'partner';

/**
 * Gives access back, unless the ERP record behind the membership is gone. A partner undoes only what a partner did:
 * access the company (its administrator or the ERP) took away stays away until the company gives it back.
 */
export function reactivate(current: MembershipFacts, erpRecordExists: boolean, by: ChangedBy): Transition {
  if (current.status === MembershipStatus.Active) return { next: current, changed: false };
  if (!erpRecordExists) {
    throw new MembershipRuleViolation(
      'erp_record_deleted',
      'the contact or partner was deleted in the ERP; invite the person again once it exists',
    );
  }
  if (by === 'partner' && current.deactivationReason !== PortalUserDeactivationReason.PartnerAdmin) {
    throw new MembershipRuleViolation(
      'deactivated_by_company',
      "the company deactivated this portal user; only the company's administrator can reactivate them",
    );
  }
  return { next: { ...current, status: MembershipStatus.Active, deactivationReason: null }, changed: true };
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
