import { REFUSAL_STATUS } from '@partner-portal/api-contracts';
import {
  holderKeyOf,
  inviteRefusal,
  licensesNeeded,
  planBulkInvite,
  type InviteRefusal,
  type InviteTarget,
  type TargetFacts,
} from './invite-checks';

/** A refusal as a single invite answers it: status, code, detail and what else it names. */
const answered = (refusal: InviteRefusal | undefined) =>
  refusal && { status: REFUSAL_STATUS[refusal.kind], code: refusal.code, detail: refusal.message, ...refusal.details };

const target = (contactNo: string, extra: Partial<InviteTarget> = {}): InviteTarget => ({
  environment: 'production',
  companyId: 'CRONUS',
  partnerType: 'customer',
  partnerNo: 'C10000',
  contactNo,
  ...extra,
});
const invitable = (email = 'anna@fabrikam.example'): TargetFacts => ({
  companyFound: true,
  partner: { portalEnabled: true, blocked: false },
  contact: { email },
  activeMembershipId: null,
  openInvitationId: null,
  otherHolder: null,
});

const other = { name: 'Anna de Vries', partnerNo: 'C20000', contactNo: 'CT9' };

describe('the checks of an invitation target', () => {
  it('refuses an address whose license another contact holds, naming that contact (one license, one person)', () => {
    // Given another contact's open invitation or membership holds anna@'s license, when CT1 with that address is invited:
    expect(answered(inviteRefusal(target('CT1'), { ...invitable(), otherHolder: other }))).toEqual({
      status: 409,
      code: 'email_held_by_other_contact',
      detail:
        'the e-mail address of contact CT1 already holds a license for Anna de Vries (C20000 / CT9); one license belongs to one person',
      otherContact: 'Anna de Vries (C20000 / CT9)',
    });
  });

  it('lets an invitable contact through', () => {
    expect(inviteRefusal(target('CT1'), invitable())).toBeUndefined();
  });

  it('names the first reason a target cannot be invited, in the order company, partner, contact, portal user, open invitation', () => {
    const cases: Array<[Partial<TargetFacts>, number, string]> = [
      [{ companyFound: false, partner: null, contact: null }, 404, 'company_not_found'],
      [{ partner: null, contact: null }, 404, 'partner_not_found'],
      [{ partner: { portalEnabled: false, blocked: true } }, 422, 'partner_blocked'],
      [{ partner: { portalEnabled: null, blocked: false } }, 422, 'partner_not_portal_enabled'],
      [{ contact: null, activeMembershipId: 'm-1' }, 404, 'contact_not_found'],
      [{ contact: { email: '' } }, 422, 'contact_without_email'],
      [{ activeMembershipId: 'm-1', openInvitationId: 'i-1' }, 409, 'already_portal_user'],
      [{ openInvitationId: 'i-1', otherHolder: other }, 409, 'invitation_open'],
      [{ otherHolder: other }, 409, 'email_held_by_other_contact'],
    ];
    for (const [facts, status, code] of cases) {
      expect(answered(inviteRefusal(target('CT1'), { ...invitable(), ...facts }))).toMatchObject({ status, code });
    }
  });

  it('says which contact, partner or company is missing, and which invitation or membership is in the way', () => {
    expect(
      answered(inviteRefusal(target('CT1', { companyId: 'NOPE' }), { ...invitable(), companyFound: false })),
    ).toEqual({
      status: 404,
      code: 'company_not_found',
      detail: 'company NOPE does not exist in environment production',
    });
    expect(answered(inviteRefusal(target('CT1'), { ...invitable(), openInvitationId: 'i-1' }))).toMatchObject({
      existingInvitationId: 'i-1',
    });
    expect(answered(inviteRefusal(target('CT1'), { ...invitable(), activeMembershipId: 'm-1' }))).toMatchObject({
      membershipId: 'm-1',
      detail: 'contact CT1 is already a portal user in production / CRONUS',
    });
  });
});

describe('the plan of a bulk invitation', () => {
  it('refuses a later row whose address an earlier row of another contact takes; the same contact elsewhere passes', () => {
    const plan = planBulkInvite(
      [
        { target: target('CT1'), facts: { ...invitable('shared@fabrikam.example'), contactName: 'Anna' } },
        { target: target('CT2'), facts: invitable('Shared@Fabrikam.example ') },
        { target: target('CT1', { environment: 'sandbox' }), facts: invitable('shared@fabrikam.example') },
      ],
      new Set(),
    );
    expect(plan.decisions.map((d) => (d.outcome === 'create' ? 'create' : d.refusal.code))).toEqual([
      'create',
      'email_held_by_other_contact',
      'create',
    ]);
    expect(plan.decisions[1]).toMatchObject({ refusal: { details: { otherContact: 'Anna (C10000 / CT1)' } } });
    expect(plan.licensesNeeded).toBe(1);
  });

  it('refuses a second row for the same contact as duplicate_in_request, naming the first row', () => {
    const plan = planBulkInvite(
      [
        { target: target('CT1'), facts: invitable() },
        { target: target('CT2'), facts: { ...invitable('bert@fabrikam.example'), contact: null } },
        { target: target('CT1', { partnerType: 'customer' }), facts: invitable() },
        { target: target('CT1', { environment: 'sandbox' }), facts: invitable() },
      ],
      new Set(),
    );
    expect(plan.decisions.map((d) => (d.outcome === 'create' ? 'create' : d.refusal.code))).toEqual([
      'create',
      'contact_not_found',
      'duplicate_in_request',
      'create',
    ]);
    const duplicate = plan.decisions[2];
    expect(duplicate.outcome === 'refused' && answered(duplicate.refusal)).toMatchObject({
      status: 409,
      detail: 'contact CT1 of customer C10000 is already invited by row 0 of this request',
    });
  });

  it('gives a duplicate row the refusal of its own facts first, like a single invitation would', () => {
    const plan = planBulkInvite(
      [
        { target: target('CT1'), facts: invitable() },
        { target: target('CT1'), facts: { ...invitable(), openInvitationId: 'i-1' } },
      ],
      new Set(),
    );
    expect(plan.decisions[1]).toMatchObject({ outcome: 'refused', refusal: { code: 'invitation_open' } });
  });

  it('counts one license per person among the rows to create, not for someone who holds one already', () => {
    const plan = planBulkInvite(
      [
        // Anna in production and in the sandbox: one person, one license.
        { target: target('CT1'), facts: invitable('Anna@Fabrikam.example') },
        { target: target('CT1', { environment: 'sandbox' }), facts: invitable(' anna@fabrikam.example') },
        // Bert already has an open invitation elsewhere in the tenant (or is a portal user): no new license.
        { target: target('CT2'), facts: invitable('bert@fabrikam.example') },
        // Refused rows take nothing.
        { target: target('CT3'), facts: { ...invitable('carl@fabrikam.example'), activeMembershipId: 'm-3' } },
        { target: target('CT4'), facts: invitable('dora@fabrikam.example') },
      ],
      new Set(['bert@fabrikam.example']),
    );
    expect(plan.licensesNeeded).toBe(2);
  });

  it('keys a license by the trimmed, lower-cased e-mail', () => {
    expect(holderKeyOf('  Anna@Fabrikam.Example ')).toBe('anna@fabrikam.example');
    expect(licensesNeeded(['a@x.example', 'A@x.example ', 'b@x.example'], new Set(['b@x.example']))).toBe(1);
  });
});
