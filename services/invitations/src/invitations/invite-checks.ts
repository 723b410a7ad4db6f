import { Refusal, type RefusalKind } from '@partner-portal/api-contracts';

/** Whom an invitation is for: one contact of one partner in one environment and company. */
export interface InviteTarget {
  environment: string;
  companyId: string;
  partnerType: string;
  partnerNo: string;
  contactNo: string;
}

/** What the service knows about a target when it is asked to invite it (its mirror, portal members, invitations). */
export interface TargetFacts {
  companyFound: boolean;
  /** The partner, unless the mirror does not know it (or the ERP deleted it). */
  partner: { portalEnabled: boolean | null; blocked: boolean | null } | null;
  /** The contact, unless the mirror does not know it (or the ERP deleted it). */
  contact: { email: string | null } | null;
  /** The contact's name in the ERP, for messages that name it. */
  contactName?: string | null;
  /** The contact's active portal membership there, if any. */
  activeMembershipId: string | null;
  /** The contact's open invitation there, if any. */
  openInvitationId: string | null;
  /**
   * Another contact of the tenant whose open invitation or active membership holds the license of this contact's
   * e-mail address, if any; the same contact in another environment or company is not another.
   */
  otherHolder: { name: string; partnerNo: string; contactNo: string } | null;
}

/** The codes of the reasons a target cannot be invited, stable for clients. */
export type InviteRefusalCode =
  | 'company_not_found'
  | 'partner_not_found'
  | 'partner_blocked'
  | 'partner_not_portal_enabled'
  | 'contact_not_found'
  | 'contact_without_email'
  | 'already_portal_user'
  | 'invitation_open'
  | 'duplicate_in_request'
  | 'email_held_by_other_contact';

/** A target the mirror does not know is not found; one the ERP keeps closed, unprocessable; one in the way, a conflict. */
const REFUSAL_KINDS: Record<InviteRefusalCode, RefusalKind> = {
  company_not_found: 'not_found',
  partner_not_found: 'not_found',
  partner_blocked: 'unprocessable',
  partner_not_portal_enabled: 'unprocessable',
  contact_not_found: 'not_found',
  contact_without_email: 'unprocessable',
  already_portal_user: 'conflict',
  invitation_open: 'conflict',
  duplicate_in_request: 'conflict',
  email_held_by_other_contact: 'conflict',
};

/** What an invitation refusal names besides its reason: the invitation or membership in the way, the other holder. */
export type InviteRefusalDetails = {
  existingInvitationId?: string;
  membershipId?: string;
  /** `email_held_by_other_contact`: who holds it, as `name (partner / contact)`. */
  otherContact?: string;
};

/**
 * Why a target cannot be invited: a domain `Refusal` whose kind (and so the HTTP status of a single invite) follows
 * from its code; a bulk invitation reports it per row.
 */
export class InviteRefusal extends Refusal {
  declare readonly code: InviteRefusalCode;
  declare readonly details: Readonly<InviteRefusalDetails>;

  constructor(code: InviteRefusalCode, detail: string, details: InviteRefusalDetails = {}) {
    super(REFUSAL_KINDS[code], code, detail, details);
    this.name = 'InviteRefusal';
  }
}

/** A license belongs to one person: an address that another contact's license holds is refused, naming that one. */
export function emailHeldByOtherContact(
  target: InviteTarget,
  other: { name: string; partnerNo: string; contactNo: string },
): InviteRefusal {
  const otherContact = `${other.name} (${other.partnerNo} / ${other.contactNo})`;
  return new InviteRefusal(
    'email_held_by_other_contact',
    `the e-mail address of contact ${target.contactNo} already holds a license for ${otherContact}; one license belongs to one person`,
    { otherContact },
  );
}

/** The refusal of a second open invitation for a contact (also when a concurrent request created it first). */
export function invitationOpen(target: InviteTarget, existingInvitationId: string | undefined): InviteRefusal {
  return new InviteRefusal(
    'invitation_open',
    `contact ${target.contactNo} already has an open invitation there`,
    existingInvitationId ? { existingInvitationId } : {},
  );
}

/**
 * Whether a target can be invited, checked in this order: company, partner, partner portal-enabled and not blocked,
 * contact, its e-mail, not already a portal user there, no open invitation there. Undefined when it can.
 */
export function inviteRefusal(target: InviteTarget, facts: TargetFacts): InviteRefusal | undefined {
  const { environment, companyId, partnerType, partnerNo, contactNo } = target;
  if (!facts.companyFound) {
    return new InviteRefusal('company_not_found', `company ${companyId} does not exist in environment ${environment}`);
  }
  if (!facts.partner) {
    return new InviteRefusal('partner_not_found', `${partnerType} ${partnerNo} does not exist in company ${companyId}`);
  }
  if (facts.partner.blocked) {
    return new InviteRefusal('partner_blocked', `${partnerType} ${partnerNo} is blocked in the ERP`);
  }
  if (!facts.partner.portalEnabled) {
    return new InviteRefusal(
      'partner_not_portal_enabled',
      `${partnerType} ${partnerNo} is not enabled for the portal in the ERP`,
    );
  }
  if (!facts.contact) {
    return new InviteRefusal(
      'contact_not_found',
      `contact ${contactNo} does not exist for ${partnerType} ${partnerNo}`,
    );
  }
  if (!facts.contact.email) {
    return new InviteRefusal('contact_without_email', `contact ${contactNo} has no e-mail address in the ERP`);
  }
  if (facts.activeMembershipId) {
    return new InviteRefusal(
      'already_portal_user',
      `contact ${contactNo} is already a portal user in ${environment} / ${companyId}`,
      { membershipId: facts.activeMembershipId },
    );
  }
  if (facts.openInvitationId) return invitationOpen(target, facts.openInvitationId);
  if (facts.otherHolder) return emailHeldByOtherContact(target, facts.otherHolder);
  return undefined;
}

/**
 * The key licensing counts a license by: one per person per tenant, by e-mail, trimmed and lower-cased (the same
 * rule as licensing's `holderKeyOf` in services/licensing/src/pool/license-arithmetic.ts; services share no code).
 */
export function holderKeyOf(email: string): string {
  return email.trim().toLowerCase();
}

/** How many licenses invitations to these e-mails newly take: one per person not holding one already. */
export function licensesNeeded(emails: Iterable<string>, licensedHolders: ReadonlySet<string>): number {
  const needed = new Set<string>();
  for (const email of emails) {
    const key = holderKeyOf(email);
    if (!licensedHolders.has(key)) needed.add(key);
  }
  return needed.size;
}

/** One row of a bulk invitation: `create` or why not. */
export type BulkDecision = { outcome: 'create' } | { outcome: 'refused'; refusal: InviteRefusal };

/**
 * The outcome of every row of a bulk invitation, in order, and the licenses the rows to create newly take:
 * each row is checked like a single invitation (`inviteRefusal`), and a row for a contact that an earlier row of
 * the same request already invites is refused as `duplicate_in_request`. `licensedHolders` are the holder keys
 * that already have a license in the tenant (an open invitation or an active portal membership).
 */
export function planBulkInvite(
  rows: ReadonlyArray<{ target: InviteTarget; facts: TargetFacts }>,
  licensedHolders: ReadonlySet<string>,
): { decisions: BulkDecision[]; licensesNeeded: number } {
  const invitedBy = new Map<string, number>();
  const holderOf = new Map<string, { name: string; partnerNo: string; contactNo: string; partnerType: string }>();
  const emails: string[] = [];
  const decisions = rows.map(({ target, facts }, index): BulkDecision => {
    const refusal = inviteRefusal(target, facts);
    if (refusal) return { outcome: 'refused', refusal };
    const key = [target.environment, target.companyId, target.partnerType, target.partnerNo, target.contactNo].join(
      '\u0000',
    );
    const earlier = invitedBy.get(key);
    if (earlier !== undefined) {
      return {
        outcome: 'refused',
        refusal: new InviteRefusal(
          'duplicate_in_request',
          `contact ${target.contactNo} of ${target.partnerType} ${target.partnerNo} is already invited by row ${earlier} of this request`,
        ),
      };
    }
    const email = facts.contact?.email as string;
    const holder = holderOf.get(holderKeyOf(email));
    const sameContact =
      holder?.partnerType === target.partnerType &&
      holder.partnerNo === target.partnerNo &&
      holder.contactNo === target.contactNo;
    if (holder && !sameContact) return { outcome: 'refused', refusal: emailHeldByOtherContact(target, holder) };
    invitedBy.set(key, index);
    holderOf.set(holderKeyOf(email), { ...target, name: facts.contactName ?? target.contactNo });
    emails.push(email);
    return { outcome: 'create' };
  });
  return { decisions, licensesNeeded: licensesNeeded(emails, licensedHolders) };
}
