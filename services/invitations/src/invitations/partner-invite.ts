import { Refusal } from '@partner-portal/api-contracts';
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

/**
 * Only an active customer representative invites colleagues, and only for its own partner: the environment, company
 * and partner of an invitation are those of the representative's membership, never the request's. Returns the
 * partner, or why not.
 */
export function representedPartner(member: InvitingMember | undefined): RepresentedPartner | Refusal {
  // `not_a_representative` is the code the portal user routes of partner-identity use for the same rule.
  if (!member || !member.active || member.role !== 'customer_representative') {
    return new Refusal(
      'forbidden',
      'not_a_representative',
      "only an active customer representative invites colleagues; ask your partner's representative",
    );
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
