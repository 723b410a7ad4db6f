import { LicenseReservationRejectionReason, PortalRole, Topics } from '@partner-portal/contracts';
import {
  companyUpserted,
  contactUpserted,
  erpPlace,
  invitationTarget,
  inviteAccepted,
  partnerUpserted,
  reactivationAnswer,
  readTopic,
  waitFor,
} from '@partner-portal/testing';
import type { Principal } from '@partner-portal/internal-api';
import { adminOf, partnerUser, startService, type RunningPartnerIdentity } from './partner-identity.harness';

describe('partner self-management', () => {
  let service: RunningPartnerIdentity;
  const tenant = erpPlace('tenant-sm');
  const otherTenant = erpPlace('tenant-other');
  const members: Record<string, { membershipId: string; principal: Principal }> = {};

  async function invite(place: typeof tenant, partnerNo: string, contactNo: string, role: PortalRole, name: string) {
    await service.publisher.publish(
      contactUpserted(place, { partnerNo, contactNo }),
      inviteAccepted(place, invitationTarget(place, { partnerNo, contactNo }), role, { subject: `sub-${name}` }),
    );
    const resolved = await waitFor(
      () =>
        service.request('POST', '/internal/principals/resolve', {
          body: { issuer: 'https://login.example.test/v2.0', subject: `sub-${name}` },
        }),
      (r) => r.body.memberships.length === 1,
      { what: `${name}'s membership` },
    );
    const membershipId = resolved.body.memberships[0].membershipId;
    members[name] = { membershipId, principal: partnerUser(place.tenantId, membershipId, `sub-${name}`) };
  }

  const users = (name: string) =>
    service.request('GET', '/internal/partner/portal-users', { principal: members[name].principal });
  const act = (name: string, target: string, action: 'deactivate' | 'reactivate') =>
    service.request('POST', `/internal/partner/portal-users/${members[target].membershipId}/${action}`, {
      principal: members[name].principal,
    });
  const answered = new Set<string>();
  /** Plays licensing: answers the reactivation of `target`, and waits until partner-identity has taken the answer. */
  async function licensingAnswers(target: string, answer: 'licensed' | LicenseReservationRejectionReason) {
    const path = `/internal/tenants/tenant-sm/portal-users/${members[target].membershipId}`;
    const { email } = (await service.request('GET', path, { principal: adminOf('tenant-sm') })).body;
    // Licensing answers the request on the topic, naming it as the cause.
    const requests = await waitFor(
      async () =>
        (
          await readTopic(service.env.kafkaBrokers, `${service.env.topicPrefix}${Topics.PartnerIdentityEvents}`, {
            count: 100,
            timeoutMs: 2_000,
          })
        )
          .map((m) => JSON.parse(m.value!))
          .filter(
            (e) =>
              e.type === 'PortalUserReactivationRequested' &&
              e.payload.membershipId === members[target].membershipId &&
              !answered.has(e.eventId),
          ),
      (list) => list.length > 0,
      { what: `the reactivation request of ${target}` },
    );
    const request = requests.at(-1).eventId;
    answered.add(request);
    await service.publisher.publish(
      reactivationAnswer(
        'tenant-sm',
        members[target].membershipId,
        answer === 'licensed' ? { holderKey: email } : { refused: answer },
        request,
      ),
    );
    return waitFor(
      () =>
        service.request('GET', `/internal/tenants/tenant-sm/portal-users/${members[target].membershipId}`, {
          principal: adminOf('tenant-sm'),
        }),
      (r) => r.body.status !== 'reactivating',
      { what: `licensing's answer for ${target} taken` },
    );
  }
  const setRole = (name: string, target: string, role: string) =>
    service.request('PATCH', `/internal/partner/portal-users/${members[target].membershipId}/role`, {
      principal: members[name].principal,
      body: { role },
    });

  beforeAll(async () => {
    service = await startService('self-management');
    await service.publisher.publish(
      companyUpserted(tenant),
      partnerUpserted(tenant, { partnerNo: 'C10000' }),
      partnerUpserted(tenant, { partnerNo: 'C20000' }),
      companyUpserted(otherTenant),
      partnerUpserted(otherTenant, { partnerNo: 'C10000' }),
    );
    await invite(tenant, 'C10000', 'CT-ANNA', PortalRole.CustomerRepresentative, 'anna');
    await invite(tenant, 'C10000', 'CT-BEN', PortalRole.AuthorizedUser, 'ben');
    await invite(tenant, 'C20000', 'CT-DIRK', PortalRole.CustomerRepresentative, 'dirk');
    await invite(otherTenant, 'C10000', 'CT-EVA', PortalRole.CustomerRepresentative, 'eva');
  });
  afterAll(() => service.stop());

  it("lists its own partner's portal users and no one else's", async () => {
    const list = await users('anna');
    expect(list.status).toBe(200);
    expect(list.body.items.map((u: { contactNo: string }) => u.contactNo)).toEqual(['CT-ANNA', 'CT-BEN']);
    expect((await users('eva')).body.items.map((u: { contactNo: string }) => u.contactNo)).toEqual(['CT-EVA']);
  });

  it('cannot reach a user of another partner or another tenant by id, and learns nothing of it', async () => {
    for (const target of ['dirk', 'eva']) {
      const id = members[target].membershipId;
      const get = await service.request('GET', `/internal/partner/portal-users/${id}`, {
        principal: members.anna.principal,
      });
      expect(get).toMatchObject({ status: 404, contentType: expect.stringContaining('application/problem+json') });
      expect((await act('anna', target, 'deactivate')).status).toBe(404);
      expect((await setRole('anna', target, 'authorized_user')).status).toBe(404);
    }
    const dirk = await service.request('GET', `/internal/tenants/tenant-sm/portal-users/${members.dirk.membershipId}`, {
      principal: adminOf('tenant-sm'),
    });
    expect(dirk.body.status).toBe('active');
  });

  it('refuses an authorized user who tries to manage anyone', async () => {
    expect(await users('ben')).toMatchObject({ status: 403, body: { code: 'not_a_representative' } });
    expect((await act('ben', 'anna', 'deactivate')).status).toBe(403);
  });

  it("never takes the partner's last representative away", async () => {
    expect(await setRole('anna', 'anna', 'authorized_user')).toMatchObject({
      status: 409,
      body: { code: 'last_representative' },
    });
    expect(await act('anna', 'anna', 'deactivate')).toMatchObject({
      status: 409,
      body: { code: 'last_representative' },
    });
  });

  it('deactivates, reactivates and promotes its users, publishing what changed and who changed it', async () => {
    const deactivated = await act('anna', 'ben', 'deactivate');
    expect(deactivated).toMatchObject({
      status: 200,
      body: { status: 'deactivated', deactivationReason: 'partner_admin' },
    });
    // Access comes back only with a license: the user waits for licensing's answer.
    expect((await act('anna', 'ben', 'reactivate')).body.status).toBe('reactivating');
    expect((await licensingAnswers('ben', 'licensed')).body).toMatchObject({
      status: 'active',
      deactivationReason: null,
    });
    expect((await setRole('anna', 'ben', 'customer_representative')).body.role).toBe('customer_representative');
    // With a second representative, Anna may now step down.
    expect((await setRole('anna', 'anna', 'authorized_user')).body.role).toBe('authorized_user');

    const events = await waitFor(
      async () =>
        (
          await readTopic(service.env.kafkaBrokers, `${service.env.topicPrefix}${Topics.PartnerIdentityEvents}`, {
            count: 100,
            timeoutMs: 2_000,
          })
        )
          .map((m) => JSON.parse(m.value!))
          .filter(
            (e) =>
              e.payload.contactNo === 'CT-BEN' ||
              (e.payload.contactNo === 'CT-ANNA' && e.type === 'PortalUserRoleChanged'),
          ),
      (list) => list.length >= 6,
      { what: "Ben's and Anna's events" },
    );
    expect(
      events.map((e) => [e.type, e.payload.reason ?? e.payload.role, e.payload.changedBy ?? e.payload.requestedBy]),
    ).toEqual([
      ['PortalUserActivated', 'authorized_user', undefined],
      ['PortalUserDeactivated', 'partner_admin', 'sub-anna'],
      ['PortalUserReactivationRequested', 'authorized_user', 'sub-anna'],
      ['PortalUserActivated', 'authorized_user', undefined],
      ['PortalUserRoleChanged', 'customer_representative', 'sub-anna'],
      ['PortalUserRoleChanged', 'authorized_user', 'sub-anna'],
    ]);
  });

  it("leaves a deactivation by the tenant's administrator for the administrator to lift", async () => {
    const adminPath = (action: string) =>
      `/internal/tenants/tenant-sm/portal-users/${members.anna.membershipId}/${action}`;
    const deactivated = await service.request('POST', adminPath('deactivate'), { principal: adminOf('tenant-sm') });
    expect(deactivated.body).toMatchObject({ status: 'deactivated', deactivationReason: 'admin' });

    expect(await act('ben', 'anna', 'reactivate')).toMatchObject({
      status: 403,
      contentType: expect.stringContaining('application/problem+json'),
      body: { code: 'deactivated_by_company' },
    });
    const anna = await service.request('GET', `/internal/partner/portal-users/${members.anna.membershipId}`, {
      principal: members.ben.principal,
    });
    expect(anna.body).toMatchObject({ status: 'deactivated', deactivationReason: 'admin' });

    // Licensing has no license left: Anna stays out, for the reason she had, and the administrator reads why.
    const reactivated = await service.request('POST', adminPath('reactivate'), { principal: adminOf('tenant-sm') });
    expect(reactivated.body).toMatchObject({ status: 'reactivating', deactivationReason: 'admin' });
    expect((await licensingAnswers('anna', LicenseReservationRejectionReason.NoLicenseAvailable)).body).toMatchObject({
      status: 'deactivated',
      deactivationReason: 'admin',
      reactivationRefusal: 'no_license_available',
    });
    const again = await service.request('POST', adminPath('reactivate'), { principal: adminOf('tenant-sm') });
    expect(again.body).toMatchObject({ status: 'reactivating', reactivationRefusal: null });
    expect((await licensingAnswers('anna', 'licensed')).body).toMatchObject({
      status: 'active',
      deactivationReason: null,
      reactivationRefusal: null,
    });
  });

  it('refuses a body that is not a role, naming the field', async () => {
    const response = await setRole('ben', 'anna', 'boss');
    expect(response).toMatchObject({
      status: 400,
      contentType: expect.stringContaining('application/problem+json'),
      body: { errors: [{ field: 'role', reason: expect.stringContaining('role must be one of') }] },
    });
  });

  it('lets an administrator of the tenant do what partners may not, and no other administrator', async () => {
    const path = `/internal/tenants/tenant-sm/portal-users/${members.dirk.membershipId}/deactivate`;
    expect((await service.request('POST', path, { principal: adminOf('tenant-other') })).status).toBe(404);
    expect(
      (await service.request('POST', path.replace('tenant-sm', 'tenant-other'), { principal: adminOf('tenant-other') }))
        .status,
    ).toBe(404);
    const response = await service.request('POST', path, { principal: adminOf('tenant-sm') });
    expect(response.body).toMatchObject({ status: 'deactivated', deactivationReason: 'admin' });
  });
});
