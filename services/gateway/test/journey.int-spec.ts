import { findEventDefinition, Topics } from '@partner-portal/contracts';
import {
  contactUpserted,
  erpPlace,
  invitationMail,
  masterData,
  partnerUpserted,
  people,
  portalOrderAccepted,
  readTopic,
  type RunningPlatform,
  salesOrder,
  startPlatform,
  submittedOrders,
  testAccount,
  tokenOf,
  waitFor,
} from '@partner-portal/testing';

// The main journey through the gateway alone, as the admin UI, the partner UI and an ERP connector would drive it.
describe('the main journey through the gateway', () => {
  let platform: RunningPlatform;
  const tenant = 'tenant-journey';
  const place = erpPlace(tenant);
  const who = people(tenant);
  const admin = `/api/admin/tenants/${tenant}`;
  // Signs in with an address the provider does not vouch for (email_verified false): Rita's.
  const unverified = testAccount('not-rita', { email: who.rita.email, emailVerified: false });
  let adminToken: string;
  let connectorKey: string;
  const connector = (events: object[]) =>
    platform.call('POST', '/api/connector/events', {
      headers: { authorization: `ApiKey ${connectorKey}` },
      body: { events },
    });

  beforeAll(async () => {
    platform = await startPlatform('journey', [...Object.values(who), unverified]);
    adminToken = await tokenOf(platform, who.admin);
  }, 120_000);
  afterAll(() => platform?.stop());

  it('lets an administrator connect the ERP, buy licenses, invite a contact who accepts, and that contact order', async () => {
    // The administrator gives the ERP connector a key; the connector publishes master data through the gateway.
    const key = await platform.call('POST', `${admin}/connector-keys`, {
      token: adminToken,
      body: { label: 'Business Central production' },
    });
    expect(key.status).toBe(201);
    connectorKey = key.body.key;
    const published = masterData(place, who);
    expect((await connector(published)).status).toBe(202);
    // On Kafka each event carries the headers the contract requires, as if a service's relay had sent it.
    const masterDataEvents = published.filter(
      (e) => findEventDefinition(e.type, e.version)?.topic === Topics.ErpMasterdata,
    );
    const onKafka = await readTopic(platform.kafkaBrokers, `${platform.topicPrefix}${Topics.ErpMasterdata}`, {
      count: masterDataEvents.length,
    });
    expect(onKafka.map((m) => m.headers).sort((a, b) => a.eventId.localeCompare(b.eventId))).toEqual(
      masterDataEvents
        .map((e) => ({
          type: e.type,
          version: String(e.version),
          eventId: e.eventId,
          tenantId: e.tenantId,
          correlationId: e.correlationId,
        }))
        .sort((a, b) => a.eventId.localeCompare(b.eventId)),
    );

    // Buy two licenses.
    expect(
      (await platform.call('POST', `${admin}/cart/lines`, { token: adminToken, body: { quantity: 2 } })).status,
    ).toBe(201);
    const purchase = await platform.call('POST', `${admin}/checkout`, {
      token: adminToken,
      headers: { 'idempotency-key': 'journey-checkout-1' },
    });
    expect(purchase.status).toBe(201);
    expect(purchase.body.quantity).toBe(2);

    // The overview shows the ERP extension the connector reported (licensing needs it to hold licenses).
    await waitFor(
      () => platform.call('GET', `${admin}/overview`, { token: adminToken }),
      (r) => r.body.module?.extensionInstalled === true,
      { what: 'the extension installed' },
    );

    // Find Rita among Fabrikam's contacts and invite her as customer representative.
    const contacts = await waitFor(
      () =>
        platform.call('GET', `${admin}/environments/production/companies/CRONUS/partners/customer/C10000/contacts`, {
          token: adminToken,
        }),
      (r) => r.status === 200 && r.body.items?.some((c: { contactNo: string }) => c.contactNo === 'CT-RITA'),
      { what: "Fabrikam's contacts mirrored" },
    );
    expect(contacts.body.items.find((c: { contactNo: string }) => c.contactNo === 'CT-RITA').portalStatus).toBe(
      'not_invited',
    );
    const ritaInvite = {
      environment: 'production',
      companyId: 'CRONUS',
      partnerType: 'customer',
      partnerNo: 'C10000',
      contactNo: 'CT-RITA',
      role: 'customer_representative',
    };
    // A dry run first: it would invite her and take one license, and changes nothing. (The invitations service keeps
    // its own mirror of the ERP, which may read Rita a moment after partner-identity did: "not found" until then.)
    const dryRun = await waitFor(
      () =>
        platform.call('POST', `${admin}/invitations/bulk`, {
          token: adminToken,
          body: { invitations: [ritaInvite], dryRun: true },
        }),
      (r) => !['company_not_found', 'partner_not_found', 'contact_not_found'].includes(r.body.results?.[0]?.code),
      { what: 'the invitations service to know Rita' },
    );
    expect(dryRun).toMatchObject({
      status: 200,
      body: { dryRun: true, licensesNeeded: 1, results: [{ index: 0, outcome: 'would_create' }] },
    });
    expect((await platform.call('GET', `${admin}/invitations`, { token: adminToken })).body.total).toBe(0);
    const invitation = await platform.call('POST', `${admin}/invitations`, { token: adminToken, body: ritaInvite });
    expect(invitation.status).toBe(201);
    const found = await platform.call(
      'GET',
      `${admin}/invitations?search=fabrikam&partnerType=customer&sort=contactName&order=asc`,
      { token: adminToken },
    );
    expect(found.body).toMatchObject({ total: 1, items: [{ contactNo: 'CT-RITA' }] });
    await waitFor(
      () => platform.call('GET', `${admin}/invitations/${invitation.body.invitationId}`, { token: adminToken }),
      (r) => r.body.status === 'invited',
      { what: 'the invitation sent' },
    );

    // The e-mail arrives; Rita opens the link, signs in and types the code.
    const mail = await invitationMail(platform, who.rita.email);
    expect(mail.subject).toContain('CRONUS');
    const preview = await platform.call('POST', '/api/portal/invitations/preview', { body: { token: mail.token } });
    expect(preview).toMatchObject({
      status: 200,
      body: {
        companyName: 'CRONUS Nederland BV',
        partnerType: 'customer',
        partnerName: 'Fabrikam Retail',
        role: 'customer_representative',
      },
    });
    expect(preview.body.inviterName).toEqual(expect.any(String));
    expect(JSON.stringify(preview.body)).not.toContain(who.rita.email);
    const ritaToken = await tokenOf(platform, who.rita);
    const accepted = await platform.call('POST', '/api/portal/invitations/accept', {
      token: ritaToken,
      body: { code: mail.code.toLowerCase() },
    });
    expect(accepted.status).toBe(200);

    // The administrator's overview shows one consumed license; Rita is a portal user of Fabrikam.
    await waitFor(
      () => platform.call('GET', `${admin}/overview`, { token: adminToken }),
      (r) => r.body.pool?.consumed === 1,
      { what: 'one consumed license' },
    );
    const overview = await platform.call('GET', `${admin}/overview`, { token: adminToken });
    expect(overview.body.pool).toMatchObject({ purchased: 2, reserved: 0, consumed: 1, available: 1 });
    const me = await waitFor(
      () => platform.call('GET', '/api/portal/me', { token: ritaToken }),
      (r) => r.body.memberships?.length === 1,
      { what: "Rita's membership" },
    );
    expect(me.body.memberships[0]).toMatchObject({
      tenantId: tenant,
      partnerNo: 'C10000',
      role: 'customer_representative',
    });
    const portalUsers = await platform.call('GET', `${admin}/portal-users?search=CT-RIT`, { token: adminToken });
    expect(portalUsers.body).toMatchObject({ total: 1, items: [{ contactNo: 'CT-RITA' }] });

    // The ERP's sales order shows to Rita as her purchase order.
    expect((await connector([salesOrder(place, 'SO-1001')])).status).toBe(202);
    const documents = await waitFor(
      () => platform.call('GET', '/api/portal/documents?type=purchase_order', { token: ritaToken }),
      (r) => r.status === 200 && r.body.items.length === 1,
      { what: 'the sales order as a purchase order' },
    );
    expect(documents.body.items[0]).toMatchObject({ documentNo: 'SO-1001', type: 'purchase_order' });

    // Rita orders a desk; the ERP accepts it, and she sees its order number.
    const order = await platform.call('POST', '/api/portal/orders', {
      token: ritaToken,
      headers: { 'idempotency-key': 'rita-order-1', 'x-request-id': 'journey-order-request-1' },
      body: {
        requestedReceiptDate: '2026-12-15',
        deliveryAddress: {
          description: 'Fabrikam store Amsterdam',
          line1: 'Keizersgracht 12',
          city: 'Amsterdam',
          postalCode: '1015 CJ',
          countryCode: 'NL',
        },
        lines: [{ itemNo: 'DESK', quantity: '2', unitCode: 'PCS' }],
      },
    });
    expect(order.status).toBe(201);
    expect(order.body).toMatchObject({ status: 'submitted', estimatedTotal: '1298.00' });
    const [submitted] = await submittedOrders(platform, 1);
    expect(submitted.payload.portalOrderId).toBe(order.body.portalOrderId);
    expect(submitted.correlationId).toBe('journey-order-request-1');
    const answer = portalOrderAccepted(place, order.body.portalOrderId, 'C10000', 'SO-2001');
    expect((await connector([answer])).status).toBe(202);
    const orders = await waitFor(
      () => platform.call('GET', '/api/portal/orders', { token: ritaToken }),
      (r) => r.body.items?.[0]?.status === 'accepted',
      { what: 'the order accepted by the ERP' },
    );
    expect(orders.body.items[0]).toMatchObject({ portalOrderId: order.body.portalOrderId, erpOrderNo: 'SO-2001' });
  });

  it('lets no one accept with an e-mail address its issuer did not verify, so such a claim can match or lock nothing', async () => {
    const token = await tokenOf(platform, unverified);
    const accepted = await platform.call('POST', '/api/portal/invitations/accept', {
      token,
      body: { code: 'ABCDE-FGHJK' },
    });
    expect(accepted).toMatchObject({
      status: 422,
      contentType: expect.stringContaining('application/problem+json'),
      body: {
        code: 'email_not_verified',
        detail: 'your sign-in carries no e-mail address that its issuer verified, which accepting needs',
      },
    });
    expect((await platform.call('GET', '/api/portal/me', { token })).body).toMatchObject({ email: null });
  });

  it("pages a large partner's contacts, so that the 51st can be invited too", async () => {
    const staff = Array.from({ length: 60 }, (_, i) =>
      contactUpserted(place, { partnerNo: 'C90000', contactNo: `CT${String(i + 1).padStart(3, '0')}` }),
    );
    expect(
      (await connector([partnerUpserted(place, { partnerNo: 'C90000', name: 'Big Retail' }), ...staff])).status,
    ).toBe(202);
    const contacts = (query: string) =>
      platform.call(
        'GET',
        `${admin}/environments/production/companies/CRONUS/partners/customer/C90000/contacts${query}`,
        {
          token: adminToken,
        },
      );
    await waitFor(
      () => contacts(''),
      (r) => r.body.total === 60,
      { what: "Big Retail's 60 contacts mirrored" },
    );
    const second = await contacts('?page=2&pageSize=50');
    expect(second.body).toMatchObject({ page: 2, pageSize: 50, total: 60 });
    expect(second.body.items.map((c: { contactNo: string }) => c.contactNo)).toEqual(
      Array.from({ length: 10 }, (_, i) => `CT0${51 + i}`),
    );
    expect((await contacts('?pageSize=200')).body.items).toHaveLength(60);
    expect(await contacts('?pageSize=201')).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'pageSize', reason: expect.stringContaining('200') }] },
    });
  });
});
