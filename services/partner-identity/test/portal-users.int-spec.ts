import { PortalRole, Topics } from '@partner-portal/contracts';
import {
  companyUpserted,
  contactDeleted,
  contactInvited,
  contactUpserted,
  erpPlace,
  invitationTarget,
  inviteAccepted,
  partnerDeleted,
  partnerUpserted,
  readTopic,
  waitFor,
  type ReadMessage,
} from '@partner-portal/testing';
import { adminOf, ISSUER, startService, type RunningPartnerIdentity } from './partner-identity.harness';

describe('portal users from accepted invitations', () => {
  let service: RunningPartnerIdentity;
  const place = erpPlace('tenant-pu');
  const sandbox = erpPlace('tenant-pu', { environment: 'sandbox-test', environmentType: 'sandbox' as never });
  const admin = adminOf('tenant-pu');
  const contacts =
    '/internal/tenants/tenant-pu/environments/production/companies/CRONUS/partners/customer/C10000/contacts';
  const identityEvents = async (count: number, timeoutMs = 10_000): Promise<Array<ReadMessage & { event: any }>> =>
    (
      await readTopic(service.env.kafkaBrokers, `${service.env.topicPrefix}${Topics.PartnerIdentityEvents}`, {
        count,
        timeoutMs,
      })
    ).map((m) => ({ ...m, event: JSON.parse(m.value!) }));

  beforeAll(async () => {
    service = await startService('portal-users');
    await service.publisher.publish(
      companyUpserted(place),
      partnerUpserted(place, { partnerNo: 'C10000' }),
      contactUpserted(place, { partnerNo: 'C10000', contactNo: 'CT0001' }),
      contactUpserted(place, { partnerNo: 'C10000', contactNo: 'CT0002' }),
      contactUpserted(place, { partnerNo: 'C10000', contactNo: 'CT0003' }),
    );
    await service.eventually(contacts, admin, (b) => b.total === 3);
  });
  afterAll(() => service.stop());

  it('activates the contact once and publishes PortalUserActivated exactly once when InviteAccepted arrives twice', async () => {
    const target = invitationTarget(place, { partnerNo: 'C10000', contactNo: 'CT0001' });
    const accepted = inviteAccepted(place, target, PortalRole.CustomerRepresentative, {
      subject: 'person-anna',
      name: 'Anna',
    });
    await service.publisher.publish(contactInvited(place, target), accepted, accepted);

    const body = await service.eventually(contacts, admin, (b) => b.items[0].portalStatus === 'portal_user');
    expect(body.items[0]).toMatchObject({ contactNo: 'CT0001', role: 'customer_representative' });
    const users = await service.request('GET', '/internal/tenants/tenant-pu/portal-users', { principal: admin });
    expect(users.body).toMatchObject({
      total: 1,
      items: [{ contactNo: 'CT0001', role: 'customer_representative', status: 'active', displayName: 'Anna' }],
    });

    const events = await identityEvents(2, 4_000);
    expect(events.map((m) => m.event.type)).toEqual(['PortalUserActivated']);
    expect(events[0].event).toMatchObject({
      tenantId: 'tenant-pu',
      causationId: accepted.eventId,
      correlationId: accepted.correlationId,
      payload: {
        membershipId: users.body.items[0].membershipId,
        partnerNo: 'C10000',
        contactNo: 'CT0001',
        role: 'customer_representative',
        identity: { issuer: ISSUER, subject: 'person-anna' },
        invitationId: target.invitationId,
      },
    });
    expect(events[0].key).toBe('tenant-pu');
  });

  it('resolves one identity to all its memberships, across environments', async () => {
    await service.publisher.publish(
      companyUpserted(sandbox),
      partnerUpserted(sandbox, { partnerNo: 'C10000' }),
      inviteAccepted(
        sandbox,
        invitationTarget(sandbox, { partnerNo: 'C10000', contactNo: 'CT0001' }),
        PortalRole.AuthorizedUser,
        {
          subject: 'person-anna',
        },
      ),
    );
    const resolve = () =>
      service.request('POST', '/internal/principals/resolve', { body: { issuer: ISSUER, subject: 'person-anna' } });
    const resolved = await waitFor(resolve, (r) => r.body.memberships.length === 2, { what: 'two memberships' });
    expect(resolved.body).toMatchObject({
      administratorOf: [],
      memberships: [
        {
          environment: 'production',
          environmentType: 'production',
          partnerNo: 'C10000',
          role: 'customer_representative',
        },
        { environment: 'sandbox-test', environmentType: 'sandbox', partnerNo: 'C10000', role: 'authorized_user' },
      ],
    });
    const stranger = await service.request('POST', '/internal/principals/resolve', {
      body: { issuer: ISSUER, subject: 'nobody' },
    });
    expect(stranger.body).toEqual({ portalUserId: null, administratorOf: [], memberships: [] });
  });

  it('shows an open invitation as invited until it ends', async () => {
    const target = invitationTarget(place, { partnerNo: 'C10000', contactNo: 'CT0002' });
    await service.publisher.publish(contactInvited(place, target));
    await service.eventually(contacts, admin, (b) => b.items[1].portalStatus === 'invited');
  });

  it('deactivates the portal user of a contact deleted in the ERP and says why in an event', async () => {
    const target = invitationTarget(place, { partnerNo: 'C10000', contactNo: 'CT0003' });
    await service.publisher.publish(
      inviteAccepted(place, target, PortalRole.AuthorizedUser, { subject: 'person-carl' }),
    );
    const users = '/internal/tenants/tenant-pu/portal-users?partnerNo=C10000&environment=production';
    const before = await service.eventually(users, admin, (b) => b.items.some((u: any) => u.contactNo === 'CT0003'));
    const carl = before.items.find((u: any) => u.contactNo === 'CT0003');

    const deletion = contactDeleted(place, { partnerNo: 'C10000', contactNo: 'CT0003', erpVersion: 2 });
    await service.publisher.publish(deletion);
    const after = await service.eventually(
      `/internal/tenants/tenant-pu/portal-users/${carl.membershipId}`,
      admin,
      (b) => b.status === 'deactivated',
    );
    expect(after.deactivationReason).toBe('contact_deleted');

    const events = await waitFor(
      () => identityEvents(10, 3_000),
      (list) => list.some((m) => m.event.type === 'PortalUserDeactivated'),
      { what: 'PortalUserDeactivated' },
    );
    expect(events.find((m) => m.event.type === 'PortalUserDeactivated')!.event).toMatchObject({
      causationId: deletion.eventId,
      payload: { membershipId: carl.membershipId, contactNo: 'CT0003', reason: 'contact_deleted' },
    });
    const reactivation = await service.request(
      'POST',
      `/internal/tenants/tenant-pu/portal-users/${carl.membershipId}/reactivate`,
      {
        principal: admin,
      },
    );
    expect(reactivation).toMatchObject({ status: 409, body: { code: 'erp_record_deleted' } });
  });

  it('deactivates every portal user of a partner deleted in the ERP', async () => {
    await service.publisher.publish(partnerDeleted(sandbox, 'C10000', 9));
    const users = await service.eventually(
      '/internal/tenants/tenant-pu/portal-users?environment=sandbox-test',
      admin,
      (b) => b.items.length === 1 && b.items[0].status === 'deactivated',
    );
    expect(users.items[0].deactivationReason).toBe('partner_deleted');
  });

  it('finds portal users by part of an e-mail, name, contact or partner number, with wildcards taken literally', async () => {
    const tenant = 'tenant-pu-search';
    const here = erpPlace(tenant);
    const boss = adminOf(tenant);
    const accepted = (partnerNo: string, contactNo: string, email: string, name: string) =>
      inviteAccepted(here, invitationTarget(here, { partnerNo, contactNo, email }), PortalRole.AuthorizedUser, {
        subject: `person-${contactNo}`,
        name,
      });
    await service.publisher.publish(
      accepted('C10000', 'CT0001', 'anna@fabrikam.example', 'Anna (100%) de Vries'),
      accepted('C10000', 'CT0002', 'bert_b@fabrikam.example', 'Bert Jansen'),
      accepted('C20000', 'CT0003', 'carl@contoso.example', 'Carl Percent'),
    );
    const users = `/internal/tenants/${tenant}/portal-users`;
    await service.eventually(users, boss, (b) => b.total === 3);
    const search = async (query: string) => {
      const page = await service.request('GET', `${users}?${query}`, { principal: boss });
      expect(page.status).toBe(200);
      return [page.body.total, page.body.items.map((u: { contactNo: string }) => u.contactNo)];
    };

    expect(await search('search=FABRIKAM')).toEqual([2, ['CT0001', 'CT0002']]);
    expect(await search('search=jansen')).toEqual([1, ['CT0002']]);
    expect(await search('search=ct0003')).toEqual([1, ['CT0003']]);
    expect(await search('search=c200')).toEqual([1, ['CT0003']]);
    expect(await search(`search=${encodeURIComponent('%')}`)).toEqual([1, ['CT0001']]);
    expect(await search('search=_')).toEqual([1, ['CT0002']]);
    expect(await search('search=fabrikam&pageSize=1&page=2')).toEqual([2, ['CT0002']]);
    expect(await search('search=fabrikam&partnerNo=C20000')).toEqual([0, []]);
    const tooLong = await service.request('GET', `${users}?search=${'x'.repeat(101)}`, { principal: boss });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors.map((e: { field: string }) => e.field)).toEqual(['search']);
  });
});
