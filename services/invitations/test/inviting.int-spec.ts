import { createEvent, PortalUserActivated, PortalRole, Topics } from '@partner-portal/contracts';
import {
  adminOf,
  companyUpserted,
  contactUpserted,
  erpPlace,
  licenseReserved,
  partnerUpserted,
  readTopic,
  waitFor,
  type ServiceUnderTest,
} from '@partner-portal/testing';
import { secretsOf, startService } from './invitations.harness';

describe('inviting', () => {
  let service: ServiceUnderTest;
  const tenant = 'tenant-invite';
  const place = erpPlace(tenant);
  const admin = adminOf(tenant);
  const target = (contactNo: string, extra: object = {}) => ({
    environment: 'production',
    companyId: 'CRONUS',
    partnerType: 'customer',
    partnerNo: 'C10000',
    contactNo,
    role: 'authorized_user',
    ...extra,
  });
  const invite = (body: object) =>
    service.request('POST', `/internal/tenants/${tenant}/invitations`, { principal: admin, body });

  beforeAll(async () => {
    service = await startService('inviting');
    await service.publisher.publish(
      companyUpserted(place),
      partnerUpserted(place, { partnerNo: 'C10000' }),
      partnerUpserted(place, { partnerNo: 'C20000', portalEnabled: false }),
      contactUpserted(place, { partnerNo: 'C10000', contactNo: 'CT1' }),
      contactUpserted(place, { partnerNo: 'C10000', contactNo: 'CT2', email: undefined }),
      contactUpserted(place, { partnerNo: 'C10000', contactNo: 'CT3' }),
      contactUpserted(place, { partnerNo: 'C20000', contactNo: 'CT9' }),
      createEvent(PortalUserActivated, {
        tenantId: tenant,
        producer: 'partner-identity',
        correlationId: 'activation',
        payload: {
          portalUserId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
          membershipId: 'a3bb189e-8bf9-4888-9912-ace4e6543002',
          environment: 'production',
          companyId: 'CRONUS',
          partnerType: 'customer' as never,
          partnerNo: 'C10000',
          contactNo: 'CT3',
          email: 'ct3@c10000.example',
          role: PortalRole.AuthorizedUser,
          identity: { issuer: 'https://login.example.test/v2.0', subject: 'sub-ct3' },
        },
      }),
    );
    await waitFor(
      () => invite(target('CT1')),
      (r) => r.status === 201,
      { what: 'the mirror' },
    );
  });
  afterAll(() => service.stop());

  it('refuses a second open invitation for the same contact with the existing id', async () => {
    const list = await service.request('GET', `/internal/tenants/${tenant}/invitations?contactNo=CT1`, {
      principal: admin,
    });
    const response = await invite(target('CT1'));
    expect(response).toMatchObject({
      status: 409,
      body: { code: 'invitation_open', existingInvitationId: list.body.items[0].invitationId },
    });
  });

  it('names the reason for every target it cannot invite', async () => {
    const cases: Array<[object, number, string]> = [
      [target('CT1', { companyId: 'NOPE' }), 404, 'company_not_found'],
      [target('CT1', { partnerNo: 'C99999' }), 404, 'partner_not_found'],
      [target('CT404'), 404, 'contact_not_found'],
      [target('CT2'), 422, 'contact_without_email'],
      [target('CT9', { partnerNo: 'C20000' }), 422, 'partner_not_portal_enabled'],
    ];
    for (const [body, status, code] of cases) {
      const response = await invite(body);
      expect([code, response.status, response.body.code]).toEqual([code, status, code]);
      expect(response.contentType).toContain('application/problem+json');
    }
    const member = await waitFor(
      () => invite(target('CT3')),
      (r) => r.status === 409,
      { what: 'the portal user to be known' },
    );
    expect(member.body).toMatchObject({
      code: 'already_portal_user',
      membershipId: 'a3bb189e-8bf9-4888-9912-ace4e6543002',
    });
  });

  it('refuses a malformed request naming each field', async () => {
    const response = await invite({ ...target('CT1'), role: 'boss', partnerType: 'supplier', contactNo: '' });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'contactNo',
      'partnerType',
      'role',
    ]);
  });

  it('invites many at once with a result per contact', async () => {
    await service.publisher.publish(contactUpserted(place, { partnerNo: 'C10000', contactNo: 'CT5' }));
    const response = await waitFor(
      () =>
        service.request('POST', `/internal/tenants/${tenant}/invitations/bulk`, {
          principal: admin,
          body: { invitations: [target('CT5'), target('CT2'), target('CT1')] },
        }),
      (r) => r.body.results?.[0]?.outcome === 'created',
      { what: 'CT5 in the mirror' },
    );
    expect(response.body.results.map((r: any) => [r.index, r.outcome, r.code])).toEqual([
      [0, 'created', undefined],
      [1, 'refused', 'contact_without_email'],
      [2, 'refused', 'invitation_open'],
    ]);
  });

  it('invites a contact the ERP marks as portal contact when the tenant allows it, and revokes when unmarked', async () => {
    await service.request('PUT', `/internal/tenants/${tenant}/invitation-settings`, {
      principal: admin,
      body: { autoInvite: true },
    });
    await service.publisher.publish(
      contactUpserted(place, {
        partnerNo: 'C10000',
        contactNo: 'CT7',
        portalContact: true,
        portalRole: PortalRole.CustomerRepresentative,
      }),
    );
    const created = await service.eventually(
      `/internal/tenants/${tenant}/invitations?contactNo=CT7`,
      admin,
      (b) => b.total === 1,
    );
    expect(created.items[0]).toMatchObject({
      status: 'pending_license',
      role: 'customer_representative',
      requestedBy: { kind: 'erp' },
    });

    await service.publisher.publish(
      contactUpserted(place, { partnerNo: 'C10000', contactNo: 'CT7', portalContact: false, erpVersion: 2 }),
    );
    await service.eventually(
      `/internal/tenants/${tenant}/invitations?contactNo=CT7`,
      admin,
      (b) => b.items[0].status === 'revoked',
    );
    const events = (
      await readTopic(service.env.kafkaBrokers, `${service.env.topicPrefix}${Topics.InvitationsEvents}`, {
        count: 50,
        timeoutMs: 2_000,
      })
    )
      .map((m) => JSON.parse(m.value!))
      .filter((e) => e.payload.contactNo === 'CT7');
    expect(events.map((e) => [e.type, e.payload.requestedBy ?? e.payload.revokedBy])).toEqual([
      ['InvitationRequested', { kind: 'erp' }],
      ['InviteRevoked', { kind: 'erp' }],
    ]);
  });

  it('refuses a different signed-in e-mail when the tenant requires a match, and records the difference when not', async () => {
    await service.publisher.publish(
      contactUpserted(place, { partnerNo: 'C10000', contactNo: 'CT8', email: 'hanna@c10000.example' }),
      contactUpserted(place, { partnerNo: 'C10000', contactNo: 'CT6', email: 'ines@c10000.example' }),
    );
    const codeFor = async (contactNo: string, email: string) => {
      const created = await waitFor(
        () => invite(target(contactNo)),
        (r) => r.status === 201,
        { what: contactNo },
      );
      await service.publisher.publish(licenseReserved(tenant, created.body.invitationId, email));
      const [mail] = await waitFor(
        async () => (await service.request('GET', `/internal/dev/mail?to=${email}`)).body,
        (list) => list.length === 1,
        { what: `the e-mail to ${email}` },
      );
      return secretsOf(mail.text).code;
    };
    const elsewhere = {
      issuer: 'https://login.example.test/v2.0',
      subject: 'sub-private',
      email: 'private@gmail.example',
    };

    await service.request('PUT', `/internal/tenants/${tenant}/invitation-settings`, {
      principal: admin,
      body: { requireEmailMatch: true },
    });
    const refused = await service.request('POST', '/internal/invitations/accept', {
      body: { code: await codeFor('CT8', 'hanna@c10000.example'), identity: elsewhere },
    });
    expect(refused).toMatchObject({ status: 403, body: { code: 'email_mismatch' } });
    expect(refused.body.detail).toContain('hanna@c10000.example');

    await service.request('PUT', `/internal/tenants/${tenant}/invitation-settings`, {
      principal: admin,
      body: { requireEmailMatch: false },
    });
    const accepted = await service.request('POST', '/internal/invitations/accept', {
      body: { code: await codeFor('CT6', 'ines@c10000.example'), identity: elsewhere },
    });
    expect(accepted).toMatchObject({ status: 200, body: { emailMatched: false } });
    const event = (
      await readTopic(service.env.kafkaBrokers, `${service.env.topicPrefix}${Topics.InvitationsEvents}`, {
        count: 100,
        timeoutMs: 2_000,
      })
    )
      .map((m) => JSON.parse(m.value!))
      .find((e) => e.type === 'InviteAccepted' && e.payload.contactNo === 'CT6');
    expect(event.payload).toMatchObject({
      email: 'ines@c10000.example',
      emailMatched: false,
      identity: { email: 'private@gmail.example' },
    });
  });

  it("answers another tenant's administrator 404", async () => {
    const response = await service.request('GET', `/internal/tenants/${tenant}/invitations`, {
      principal: adminOf('tenant-other'),
    });
    expect(response.status).toBe(404);
  });
});
