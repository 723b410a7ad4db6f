import type { PartnerType, PortalRole } from '@partner-portal/contracts';

/** A portal member as this service knows it from `partner-identity.events`, looked up by its membership. */
export interface InvitingMember {
  active: boolean;
  /** Null for a member recorded before roles were kept here, until the next event about it. */
  role: PortalRole | null;
  environment: string;
  companyId: string;
  partnerType: PartnerType;
  partnerNo: string;
}

/** The partner a representative invites for: the one of its own membership. */
export interface RepresentedPartner {
  environment: string;
  companyId: string;
  partnerType: PartnerType;
  partnerNo: string;
}

/** Why a portal user may not invite colleagues; `code` is the one the portal user routes use for the same rule. */
export interface PartnerInviteRefusal {
  status: 403;
  code: 'not_a_representative';
  detail: string;
}

/**
 * Only an active customer representative invites colleagues, and only for its own partner: the environment, company
 * and partner of an invitation are those of the representative's membership, never the request's. Returns the
 * partner, or why not.
 */
export function representedPartner(member: InvitingMember | undefined): RepresentedPartner | PartnerInviteRefusal {
  if (!member || !member.active || member.role !== 'customer_representative') {
    return {
      status: 403,
      code: 'not_a_representative',
      detail: "only an active customer representative invites colleagues; ask your partner's representative",
    };
  }
  const { environment, companyId, partnerType, partnerNo } = member;
  return { environment, companyId, partnerType, partnerNo };
}

/** Whether an invitation is one of the represented partner's (else it is not shown: 404, never "forbidden"). */
export function ofPartner(invitation: RepresentedPartner, partner: RepresentedPartner): boolean {
  return (
    invitation.environment === partner.environment &&
    invitation.companyId === partner.companyId &&
    invitation.partnerType === partner.partnerType &&
    invitation.partnerNo === partner.partnerNo
  );
}
