import { validatePlain } from '@partner-portal/contracts';
import { AcceptInvitationRequest, BulkInviteRequest } from './invitations.requests';

describe('the invitation requests', () => {
  it('accept an invitation by its link token or by its code, and name the token when both are missing', () => {
    expect(validatePlain(AcceptInvitationRequest, { token: 'x'.repeat(43) }).errors).toEqual([]);
    expect(validatePlain(AcceptInvitationRequest, { code: 'abcde-fghjk' }).errors).toEqual([]);
    expect(validatePlain(AcceptInvitationRequest, {}).errors.map((e) => e.field)).toContain('token');
    expect(validatePlain(AcceptInvitationRequest, { code: '12' }).errors).toEqual([
      { field: 'code', reason: 'code must be the 10-character registration code' },
    ]);
  });

  it('name the field of the invitation inside a bulk request that is wrong', () => {
    const good = {
      environment: 'production',
      companyId: 'CRONUS',
      partnerType: 'customer',
      partnerNo: 'C10000',
      contactNo: 'CT1',
      role: 'authorized_user',
    };
    const { errors } = validatePlain(BulkInviteRequest, {
      invitations: [good, { ...good, role: 'owner' }],
    });
    expect(errors.map((e) => e.field)).toEqual(['invitations[1].role']);
  });
});
