import { randomUUID } from 'node:crypto';
import { createEvent, PortalUserActivated, PortalRole, Topics } from '@partner-portal/contracts';
import {
  adminOf,
  companyUpserted,
  contactUpserted,
  erpPlace,
  licenseReserved,
  partnerUpserted,
  readTopic,
  TEST_GATEWAY_TOKEN,
  TEST_OPERATOR_TOKEN,
  waitFor,
  type ServiceUnderTest,
} from '@partner-portal/testing';
import { secretsOf, startService } from './invitations.harness';

/** partner-identity's word that a contact became a portal user. */
function portalUserActivated(tenantId: string, contactNo: string, email: string) {
  return createEvent(PortalUserActivated, {
    tenantId,
    producer: 'partner-identity',
    correlationId: `activation-${contactNo}`,
    payload: {
      portalUserId: randomUUID(),
      membershipId: randomUUID(),
      environment: 'production',
      companyId: 'CRONUS',
      partnerType: 'customer' as never,
      partnerNo: 'C10000',
      contactNo,
      email,
      role: PortalRole.AuthorizedUser,
      identity: { issuer: 'https://login.example.test/v2.0', subject: `sub-${contactNo}` },
    },
  });
}

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
    expect(response.body).toMatchObject({ dryRun: false, licensesNeeded: 1 });
  });

  describe('a bulk dry run', () => {
    const bulkTenant = 'tenant-bulk';
    const here = erpPlace(bulkTenant);
    const sandbox = erpPlace(bulkTenant, { environment: 'sandbox-test', environmentType: 'sandbox' as never });
    const boss = adminOf(bulkTenant);
    const row = (contactNo: string, extra: object = {}) => target(contactNo, extra);
    const bulk = (invitations: object[], dryRun?: boolean) =>
      service.request('POST', `/internal/tenants/${bulkTenant}/invitations/bulk`, {
        principal: boss,
        body: { invitations, ...(dryRun === undefined ? {} : { dryRun }) },
      });
    const requested = async () =>
      (
        await readTopic(service.env.kafkaBrokers, `${service.env.topicPrefix}${Topics.InvitationsEvents}`, {
          count: 500,
          timeoutMs: 2_000,
        })
      )
        .map((m) => JSON.parse(m.value!))
        .filter((e) => e.tenantId === bulkTenant && e.type === 'InvitationRequested').length;
    const request = [
      row('CT1'), // 0: would create; ct1@ needs a license
      row('CT1', { environment: 'sandbox-test' }), // 1: the same person in the sandbox: no second license
      row('CT4'), // 2: the same e-mail as portal user CT3 (other case): one license is one person's, refused
      row('CT6'), // 3: has an open invitation
      row('CT7'), // 4: the same e-mail as CT6's open invitation: refused likewise
      row('CT8'), // 5: would create; ct8@ needs a license
      row('CT8', { role: 'customer_representative' }), // 6: CT8 again in this request
      row('CT1', { companyId: 'NOPE' }), // 7
      row('CT1', { partnerNo: 'C99999' }), // 8
      row('CT9', { partnerNo: 'C20000' }), // 9: partner not portal-enabled
      row('CT9', { partnerNo: 'C30000' }), // 10: partner blocked
      row('CT404'), // 11
      row('CT2'), // 12: no e-mail
      row('CT3'), // 13: a portal user
    ];

    beforeAll(async () => {
      await service.publisher.publish(
        companyUpserted(here),
        companyUpserted(sandbox),
        partnerUpserted(here, { partnerNo: 'C10000' }),
        partnerUpserted(sandbox, { partnerNo: 'C10000' }),
        partnerUpserted(here, { partnerNo: 'C20000', portalEnabled: false }),
        partnerUpserted(here, { partnerNo: 'C30000', blocked: true }),
        contactUpserted(here, { partnerNo: 'C10000', contactNo: 'CT1' }),
        contactUpserted(sandbox, { partnerNo: 'C10000', contactNo: 'CT1', email: 'CT1@C10000.example' }),
        contactUpserted(here, { partnerNo: 'C10000', contactNo: 'CT2', email: undefined }),
        contactUpserted(here, { partnerNo: 'C10000', contactNo: 'CT3' }),
        contactUpserted(here, { partnerNo: 'C10000', contactNo: 'CT4', email: 'CT3@C10000.example' }),
        contactUpserted(here, { partnerNo: 'C10000', contactNo: 'CT6' }),
        contactUpserted(here, { partnerNo: 'C10000', contactNo: 'CT7', email: 'ct6@c10000.example' }),
        contactUpserted(here, { partnerNo: 'C20000', contactNo: 'CT9' }),
        contactUpserted(here, { partnerNo: 'C30000', contactNo: 'CT9' }),
        contactUpserted(here, { partnerNo: 'C10000', contactNo: 'CT8' }),
        portalUserActivated(bulkTenant, 'CT3', 'ct3@c10000.example'),
      );
      await waitFor(
        () =>
          service.request('POST', `/internal/tenants/${bulkTenant}/invitations`, { principal: boss, body: row('CT6') }),
        (r) => r.status === 201,
        { what: 'the mirror of tenant-bulk' },
      );
      await waitFor(
        () => bulk([row('CT8'), row('CT3')], true),
        (r) => r.body.results?.[0]?.outcome === 'would_create' && r.body.results[1].code === 'already_portal_user',
        { what: 'CT8 in the mirror and CT3 known as portal user' },
      );
    });

    it('says what a real run would do and how many licenses it takes, and writes and publishes nothing', async () => {
      const before = await service.request('GET', `/internal/tenants/${bulkTenant}/invitations`, { principal: boss });
      const dry = await bulk(request, true);

      expect(dry.status).toBe(200);
      expect(dry.body).toMatchObject({ dryRun: true, licensesNeeded: 2 });
      expect(dry.body.results.map((r: any) => [r.index, r.outcome, r.code ?? null])).toEqual([
        [0, 'would_create', null],
        [1, 'would_create', null],
        [2, 'refused', 'email_held_by_other_contact'],
        [3, 'refused', 'invitation_open'],
        [4, 'refused', 'email_held_by_other_contact'],
        [5, 'would_create', null],
        [6, 'refused', 'duplicate_in_request'],
        [7, 'refused', 'company_not_found'],
        [8, 'refused', 'partner_not_found'],
        [9, 'refused', 'partner_not_portal_enabled'],
        [10, 'refused', 'partner_blocked'],
        [11, 'refused', 'contact_not_found'],
        [12, 'refused', 'contact_without_email'],
        [13, 'refused', 'already_portal_user'],
      ]);
      expect(dry.body.results[0]).toEqual({ index: 0, outcome: 'would_create' });
      expect(dry.body.results[3]).toMatchObject({
        status: 409,
        existingInvitationId: before.body.items[0].invitationId,
      });
      // Two contacts sharing an address would share one license: the other contact is named instead.
      expect(dry.body.results[2]).toMatchObject({ status: 409, otherContact: 'Contact CT3 (C10000 / CT3)' });
      expect(dry.body.results[4]).toMatchObject({ status: 409, otherContact: 'Contact CT6 (C10000 / CT6)' });
      expect(dry.body.results[6]).toMatchObject({
        status: 409,
        detail: 'contact CT8 of customer C10000 is already invited by row 5 of this request',
      });
      const after = await service.request('GET', `/internal/tenants/${bulkTenant}/invitations`, { principal: boss });
      expect(after.body.total).toBe(before.body.total);
      expect(await requested()).toBe(1);
    });

    it('gives the same results in the real run, created where the dry run said would_create', async () => {
      const dry = await bulk(request, true);
      const real = await bulk(request, false);

      expect(real.body).toMatchObject({ dryRun: false, licensesNeeded: 2 });
      expect(real.body.results.map((r: any) => [r.outcome, r.code ?? null])).toEqual(
        dry.body.results.map((r: any) => [r.outcome === 'would_create' ? 'created' : r.outcome, r.code ?? null]),
      );
      expect(real.body.results[0].invitation).toMatchObject({ contactNo: 'CT1', status: 'pending_license' });
      await waitFor(requested, (n) => n === 4, { what: 'three more InvitationRequested' });

      // Everyone in it now holds a license: the same request again takes none and invites nobody.
      const again = await bulk(request, true);
      expect(again.body.licensesNeeded).toBe(0);
      expect(again.body.results.filter((r: any) => r.outcome === 'would_create')).toEqual([]);
    });

    it('treats a missing dryRun as a real run and refuses one that is not a boolean', async () => {
      expect((await bulk([row('CT404')])).body).toMatchObject({ dryRun: false, licensesNeeded: 0 });
      const refused = await service.request('POST', `/internal/tenants/${bulkTenant}/invitations/bulk`, {
        principal: boss,
        body: { invitations: [row('CT404')], dryRun: 'yes' },
      });
      expect(refused.status).toBe(400);
      expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['dryRun']);
    });
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
      .filter((e) => e.tenantId === tenant && e.payload.contactNo === 'CT7');
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

  describe('the invitation list', () => {
    const listTenant = 'tenant-list';
    const here = erpPlace(listTenant);
    const boss = adminOf(listTenant);
    const list = (query: string) =>
      service.request('GET', `/internal/tenants/${listTenant}/invitations?${query}`, { principal: boss });
    const keys = async (query: string) => {
      const page = await list(query);
      expect([query, page.status]).toEqual([query, 200]);
      return { total: page.body.total, items: page.body.items.map((i: any) => `${i.partnerNo}/${i.contactNo}`) };
    };
    const people: Array<[string, string, string, string, string]> = [
      // partner type, partner, contact, name, e-mail; invited in this order
      ['customer', 'C10000', 'CT1', 'Zoe Visser', 'zoe@fabrikam.example'],
      ['customer', 'C10000', 'CT2', 'anna Bakker', 'anna@fabrikam.example'],
      ['customer', 'C10000', 'CT3', 'Mark de Wit', 'mark@fabrikam.example'],
      ['customer', 'C20000', 'CT1', 'Bob Smit', 'bob@adatum.example'],
      ['vendor', 'V10000', 'VC1', 'Carla Jong', 'carla@contoso.example'],
      ['vendor', 'V10000', 'VC2', 'Dirk Berg', 'dirk@contoso.example'],
    ];

    beforeAll(async () => {
      await service.publisher.publish(
        companyUpserted(here),
        partnerUpserted(here, { partnerNo: 'C10000', name: 'Fabrikam Retail' }),
        partnerUpserted(here, { partnerNo: 'C20000', name: 'Adatum_Corp' }),
        partnerUpserted(here, { partnerNo: 'V10000', partnerType: 'vendor' as never, name: 'Contoso Supplies' }),
        ...people.map(([partnerType, partnerNo, contactNo, name, email]) =>
          contactUpserted(here, { partnerType: partnerType as never, partnerNo, contactNo, name, email }),
        ),
      );
      const invitations = people.map(([partnerType, partnerNo, contactNo]) =>
        target(contactNo, { partnerType, partnerNo }),
      );
      const created = await waitFor(
        () =>
          service.request('POST', `/internal/tenants/${listTenant}/invitations/bulk`, {
            principal: boss,
            body: { invitations, dryRun: true },
          }),
        (r) => r.body.results?.every((result: any) => result.outcome === 'would_create'),
        { what: 'the mirror of tenant-list' },
      );
      expect(created.status).toBe(200);
      const real = await service.request('POST', `/internal/tenants/${listTenant}/invitations/bulk`, {
        principal: boss,
        body: { invitations },
      });
      const id = (index: number) => real.body.results[index].invitation.invitationId;
      await service.request('POST', `/internal/tenants/${listTenant}/invitations/${id(2)}/revoke`, {
        principal: boss,
        body: {},
      });
      // Carla's e-mail goes out before Bob's, so her invitation expires first.
      for (const index of [4, 3]) {
        await service.publisher.publish(licenseReserved(listTenant, id(index), people[index][4]));
        await service.eventually(
          `/internal/tenants/${listTenant}/invitations/${id(index)}`,
          boss,
          (b) => b.status === 'invited',
        );
      }
    });

    it('lists newest first by default, with the partner type as a filter', async () => {
      expect(await keys('')).toEqual({
        total: 6,
        items: ['V10000/VC2', 'V10000/VC1', 'C20000/CT1', 'C10000/CT3', 'C10000/CT2', 'C10000/CT1'],
      });
      expect(await keys('partnerType=vendor')).toEqual({ total: 2, items: ['V10000/VC2', 'V10000/VC1'] });
    });

    it('searches contact name, e-mail, contact and partner number and partner name, ignoring case, wildcards literal', async () => {
      expect((await keys('search=FABRIKAM')).total).toBe(3);
      expect(await keys('search=bakker')).toEqual({ total: 1, items: ['C10000/CT2'] });
      expect(await keys('search=ct1')).toEqual({ total: 2, items: ['C20000/CT1', 'C10000/CT1'] });
      expect((await keys('search=c100')).total).toBe(3);
      expect(await keys('search=contoso')).toEqual({ total: 2, items: ['V10000/VC2', 'V10000/VC1'] });
      expect(await keys('search=_')).toEqual({ total: 1, items: ['C20000/CT1'] });
      expect(await keys(`search=${encodeURIComponent('%')}`)).toEqual({ total: 0, items: [] });
    });

    it('sorts by each key in both directions, ties newest first, and pages through the sorted list', async () => {
      expect(await keys('sort=contactName&order=asc&pageSize=4')).toEqual({
        total: 6,
        items: ['C10000/CT2', 'C20000/CT1', 'V10000/VC1', 'V10000/VC2'],
      });
      expect(await keys('sort=contactName&order=asc&pageSize=4&page=2')).toEqual({
        total: 6,
        items: ['C10000/CT3', 'C10000/CT1'],
      });
      expect((await keys('sort=partnerName&order=desc')).items).toEqual([
        'C10000/CT3',
        'C10000/CT2',
        'C10000/CT1',
        'V10000/VC2',
        'V10000/VC1',
        'C20000/CT1',
      ]);
      expect((await keys('sort=status&order=asc')).items).toEqual([
        'V10000/VC2',
        'C10000/CT2',
        'C10000/CT1',
        'V10000/VC1',
        'C20000/CT1',
        'C10000/CT3',
      ]);
      expect((await keys('sort=email&order=asc')).items).toEqual([
        'C10000/CT2',
        'C20000/CT1',
        'V10000/VC1',
        'V10000/VC2',
        'C10000/CT3',
        'C10000/CT1',
      ]);
      // Without an expiry yet (not sent, or revoked before) comes last in both directions.
      expect((await keys('sort=expiresAt&order=asc')).items.slice(0, 2)).toEqual(['V10000/VC1', 'C20000/CT1']);
      expect((await keys('sort=expiresAt&order=desc')).items.slice(0, 2)).toEqual(['C20000/CT1', 'V10000/VC1']);
      expect(await keys('sort=createdAt&order=asc&pageSize=2&page=3')).toEqual({
        total: 6,
        items: ['V10000/VC1', 'V10000/VC2'],
      });
    });

    it('combines filter, search, sort and paging', async () => {
      expect(await keys('partnerType=customer&search=fabrikam&sort=email&order=desc&pageSize=2&page=2')).toEqual({
        total: 3,
        items: ['C10000/CT2'],
      });
    });

    it('refuses an unknown sort key or order and a search that is empty or too long, naming the field', async () => {
      for (const [query, field] of [
        ['sort=name', 'sort'],
        ['order=up', 'order'],
        ['search=', 'search'],
        [`search=${'x'.repeat(101)}`, 'search'],
        ['partnerType=supplier', 'partnerType'],
      ]) {
        const refused = await list(query);
        expect([query, refused.status, refused.body.errors?.map((e: { field: string }) => e.field)]).toEqual([
          query,
          400,
          [field],
        ]);
      }
    });
  });

  it("answers another tenant's administrator 404", async () => {
    const response = await service.request('GET', `/internal/tenants/${tenant}/invitations`, {
      principal: adminOf('tenant-other'),
    });
    expect(response.status).toBe(404);
  });

  it("opens the development mailbox, an operator's tool, to the operators' credential only", async () => {
    expect((await service.request('GET', '/internal/dev/mail', { token: TEST_OPERATOR_TOKEN })).status).toBe(200);
    expect(await service.request('GET', '/internal/dev/mail', { token: TEST_GATEWAY_TOKEN })).toMatchObject({
      status: 403,
      contentType: expect.stringContaining('application/problem+json'),
      body: { detail: "this route is for operators; the gateway's credential does not open it" },
    });
  });
});
