import { PortalRole, Topics } from '@partner-portal/contracts';
import {
  CONTACTS,
  contactUpserted,
  erpPlace,
  grantMembership,
  invitationMail,
  masterData,
  people,
  readTopic,
  type RunningPlatform,
  startPlatform,
  stockLevelChanged,
  testAccount,
  tokenOf,
  waitFor,
} from '@partner-portal/testing';

type Contact = { contactNo: string; portalStatus: string };
type Invitation = { invitationId: string; contactNo: string; status: string; rejectionReason: string | null };

// Issue 13: a customer representative's colleagues (contacts, invitations within the tenant's licenses) and a 3PL
// customer's stock, through the gateway with every service running.
describe("a representative's colleagues and a 3PL customer's stock", () => {
  let platform: RunningPlatform;
  const tenant = 'tenant-colleagues';
  const place = erpPlace(tenant);
  const who = { ...people(tenant), nina: testAccount('nina', { email: 'nina@fabrikam.example' }) };
  const admin = `/api/admin/tenants/${tenant}`;
  const tokens: Record<string, string> = {};
  const as = (name: string) => ({ token: tokens[name] });
  const invitationOf = (name: string, id: string) =>
    platform.call('GET', `/api/portal/invitations/${id}`, as(name)) as Promise<{ status: number; body: Invitation }>;

  beforeAll(async () => {
    platform = await startPlatform('colleagues', Object.values(who));
    await platform.publisher.publish(
      ...masterData(place, who),
      contactUpserted(place, { partnerNo: 'C10000', contactNo: 'CT-NINA', name: 'Nina Jansen', email: who.nina.email }),
      contactUpserted(place, {
        partnerNo: 'C10000',
        contactNo: 'CT-NOMAIL',
        name: 'Noah Without Mail',
        email: undefined,
      }),
    );
    for (const [name, account] of Object.entries(who)) tokens[name] = await tokenOf(platform, account);
    await grantMembership(platform, place, who.rita, CONTACTS.rita, PortalRole.CustomerRepresentative);
    await grantMembership(platform, place, who.aaron, CONTACTS.aaron, PortalRole.AuthorizedUser);
    await grantMembership(platform, place, who.victor, CONTACTS.victor, PortalRole.CustomerRepresentative);
    await grantMembership(platform, place, who.theo, CONTACTS.theo, PortalRole.AuthorizedUser);
    // Licensing holds licenses only where the ERP extension is installed; the invitations service must know the
    // contacts and Rita as a representative (its own read models) before it takes her invitations.
    await waitFor(
      () => platform.call('GET', `${admin}/overview`, as('admin')),
      (r) => r.body.module?.extensionInstalled === true,
      { what: 'the extension installed' },
    );
    await waitFor(
      () => platform.call('GET', '/api/portal/invitations', as('rita')),
      (r) => r.status === 200,
      { what: 'the invitations service to know Rita as representative' },
    );
  }, 180_000);
  afterAll(() => platform?.stop());

  it("shows a representative its own partner's contacts with their standing, searchable, and nobody else", async () => {
    const contacts = await waitFor(
      () => platform.call('GET', '/api/portal/contacts?pageSize=50', as('rita')),
      (r) => r.body.items?.some((c: Contact) => c.contactNo === 'CT-NINA'),
      { what: "Fabrikam's contacts" },
    );
    const standing = Object.fromEntries(contacts.body.items.map((c: Contact) => [c.contactNo, c.portalStatus]));
    expect(standing).toEqual({
      'CT-AARON': 'portal_user',
      'CT-ALICE': 'not_invited',
      'CT-NINA': 'not_invited',
      'CT-NOMAIL': 'not_invited',
      'CT-RITA': 'portal_user',
      'CT-UMA': 'not_invited',
    });
    expect(contacts.body.total).toBe(6);

    const found = await platform.call('GET', '/api/portal/contacts?search=jansen', as('rita'));
    expect(found.body).toMatchObject({ total: 1, items: [{ contactNo: 'CT-NINA', name: 'Nina Jansen' }] });
    const users = await platform.call('GET', '/api/portal/contacts?portalStatus=portal_user&pageSize=1', as('rita'));
    expect(users.body).toMatchObject({ total: 2, pageSize: 1, items: [{ contactNo: 'CT-AARON' }] });

    // Another partner's representative sees its own contacts only; an authorized user and a stranger none.
    const victors = await platform.call('GET', '/api/portal/contacts', as('victor'));
    expect(victors.body.items.map((c: Contact) => c.contactNo)).toEqual(['CT-VICTOR']);
    const aarons = await platform.call('GET', '/api/portal/contacts', as('aaron'));
    expect(aarons).toMatchObject({ status: 403, body: { code: 'not_a_representative' } });
    expect((await platform.call('GET', '/api/portal/contacts', as('uma'))).status).toBe(403);
    // The partner is never a parameter.
    const named = await platform.call('GET', '/api/portal/contacts?partnerNo=V10000', as('rita'));
    expect(named.status).toBe(400);
    expect(named.body.errors).toEqual([{ field: 'partnerNo', reason: expect.any(String) }]);
  });

  it('lets a representative invite a colleague within the licenses: refused while none is left, then sent and accepted', async () => {
    // No license bought yet: the invitation is taken, and licensing refuses it.
    const first = await platform.call('POST', '/api/portal/invitations', {
      ...as('rita'),
      body: { contactNo: 'CT-NINA', role: 'authorized_user' },
    });
    expect(first).toMatchObject({ status: 201, body: { contactNo: 'CT-NINA', status: 'pending_license' } });
    const refused = await waitFor(
      () => invitationOf('rita', first.body.invitationId),
      (r) => r.body.status !== 'pending_license',
      { what: 'licensing to decide' },
    );
    expect(refused.body).toMatchObject({
      status: 'rejected',
      rejectionReason: 'no_license_available',
      requestedBy: 'partner',
    });

    // The company's administrator adds a license; Rita invites Nina again and the e-mail goes out, naming Rita.
    expect((await platform.call('POST', `${admin}/cart/lines`, { ...as('admin'), body: { quantity: 1 } })).status).toBe(
      201,
    );
    const checkout = await platform.call('POST', `${admin}/checkout`, {
      ...as('admin'),
      headers: { 'idempotency-key': 'colleagues-checkout-1' },
    });
    expect(checkout.status).toBe(201);
    const second = await platform.call('POST', '/api/portal/invitations', {
      ...as('rita'),
      body: { contactNo: 'CT-NINA', role: 'authorized_user', language: 'nl' },
    });
    expect(second.status).toBe(201);
    await waitFor(
      () => invitationOf('rita', second.body.invitationId),
      (r) => r.body.status === 'invited',
      { what: "Nina's invitation sent" },
    );
    const mail = await invitationMail(platform, who.nina.email);
    const preview = await platform.call('POST', '/api/portal/invitations/preview', { body: { token: mail.token } });
    expect(preview.body).toMatchObject({
      inviterName: 'rita',
      partnerName: 'Fabrikam Retail',
      role: 'authorized_user',
    });

    // What the saga saw: version 2 of InvitationRequested, naming Rita's membership; the administrator's list shows it.
    const requested = (
      await readTopic(platform.kafkaBrokers, `${platform.topicPrefix}${Topics.InvitationsEvents}`, {
        count: 10,
        timeoutMs: 3_000,
      })
    )
      .map((m) => JSON.parse(m.value!))
      .filter((e) => e.type === 'InvitationRequested' && e.payload.invitationId === second.body.invitationId);
    expect(requested).toEqual([
      expect.objectContaining({
        version: 2,
        payload: expect.objectContaining({
          contactNo: 'CT-NINA',
          partnerNo: 'C10000',
          requestedBy: { kind: 'partner', subject: who.rita.subject, membershipId: expect.any(String) },
        }),
      }),
    ]);
    const adminView = await platform.call('GET', `${admin}/invitations/${second.body.invitationId}`, as('admin'));
    expect(adminView.body.requestedBy).toMatchObject({ kind: 'partner', subject: who.rita.subject });

    // Nina accepts with the link and gets in as an authorized user of Fabrikam.
    const accepted = await platform.call('POST', '/api/portal/invitations/accept', {
      ...as('nina'),
      body: { token: mail.token },
    });
    expect(accepted.status).toBe(200);
    const me = await waitFor(
      () => platform.call('GET', '/api/portal/me', as('nina')),
      (r) => r.body.memberships?.length === 1,
      { what: "Nina's membership" },
    );
    expect(me.body.memberships[0]).toMatchObject({ partnerNo: 'C10000', role: 'authorized_user' });

    // Rita's list shows both invitations, newest first; the contact list shows Nina as a portal user.
    const list = await platform.call('GET', '/api/portal/invitations', as('rita'));
    expect(list.body.items.map((i: Invitation) => [i.contactNo, i.status])).toEqual([
      ['CT-NINA', 'accepted'],
      ['CT-NINA', 'rejected'],
    ]);
    await waitFor(
      () => platform.call('GET', '/api/portal/contacts?search=CT-NINA', as('rita')),
      (r) => r.body.items?.[0]?.portalStatus === 'portal_user',
      { what: 'Nina a portal user' },
    );
  });

  it('keeps invitations to the representative, its own partner and contacts that can be invited', async () => {
    const invite = (name: string, body: object) =>
      platform.call('POST', '/api/portal/invitations', { ...as(name), body });
    // An authorized user may not invite; the partner cannot be named; another partner's contact is not found.
    expect(await invite('aaron', { contactNo: 'CT-ALICE', role: 'authorized_user' })).toMatchObject({
      status: 403,
      body: { code: 'not_a_representative' },
    });
    const named = await invite('rita', { contactNo: 'CT-VICTOR', role: 'authorized_user', partnerNo: 'V10000' });
    expect(named.status).toBe(400);
    expect(named.body.errors).toEqual([{ field: 'partnerNo', reason: expect.any(String) }]);
    expect(await invite('rita', { contactNo: 'CT-VICTOR', role: 'authorized_user' })).toMatchObject({
      status: 404,
      body: { code: 'contact_not_found' },
    });
    // A contact without an e-mail, and a colleague who is a portal user already, say why.
    expect(await invite('rita', { contactNo: 'CT-NOMAIL', role: 'authorized_user' })).toMatchObject({
      status: 422,
      body: { code: 'contact_without_email' },
    });
    expect(await invite('rita', { contactNo: 'CT-AARON', role: 'authorized_user' })).toMatchObject({
      status: 409,
      body: { code: 'already_portal_user' },
    });
    // Another partner's representative sees none of Fabrikam's invitations, not even by id.
    const ritas = await platform.call('GET', '/api/portal/invitations', as('rita'));
    const victors = await platform.call('GET', '/api/portal/invitations', as('victor'));
    expect(victors.body).toMatchObject({ total: 0, items: [] });
    expect((await invitationOf('victor', ritas.body.items[0].invitationId)).status).toBe(404);
    expect((await platform.call('GET', '/api/portal/invitations', as('aaron'))).status).toBe(403);
  });

  it('changes a colleague role within the rules: never the last representative away', async () => {
    const users = await platform.call('GET', '/api/portal/users', as('rita'));
    const id = (contactNo: string) =>
      users.body.items.find((u: { contactNo: string }) => u.contactNo === contactNo).membershipId;
    const role = (name: string, contactNo: string, value: PortalRole) =>
      platform.call('PATCH', `/api/portal/users/${id(contactNo)}/role`, { ...as(name), body: { role: value } });
    expect(await role('rita', 'CT-RITA', PortalRole.AuthorizedUser)).toMatchObject({
      status: 409,
      body: { code: 'last_representative' },
    });
    expect(await role('rita', 'CT-AARON', PortalRole.CustomerRepresentative)).toMatchObject({
      status: 200,
      body: { role: 'customer_representative' },
    });
    // Now Aaron is a representative too: the invitations service learns it from the event, and lets him invite.
    await waitFor(
      () => platform.call('GET', '/api/portal/invitations', as('aaron')),
      (r) => r.status === 200,
      { what: 'Aaron a representative for invitations too' },
    );
    expect(await role('rita', 'CT-AARON', PortalRole.AuthorizedUser)).toMatchObject({ status: 200 });
    await waitFor(
      () => platform.call('GET', '/api/portal/invitations', as('aaron')),
      (r) => r.status === 403,
      { what: 'Aaron an authorized user again for invitations' },
    );
  });

  it('shows a 3PL customer its stock by lot with totals per item and location, the administrator any one customer, a customer none', async () => {
    await platform.publisher.publish(
      stockLevelChanged(place, {
        partnerNo: 'L10000',
        itemNo: 'DESK',
        locationCode: 'WEST',
        binCode: 'A-01',
        licensePlate: 'LP-100',
        lotNo: 'LOT-1',
        quantity: '10',
      }),
      stockLevelChanged(place, {
        partnerNo: 'L10000',
        itemNo: 'CHAIR',
        locationCode: 'WEST',
        binCode: 'A-01',
        licensePlate: 'LP-100',
        lotNo: 'LOT-2',
        quantity: '4',
      }),
      stockLevelChanged(place, {
        partnerNo: 'L10000',
        itemNo: 'DESK',
        locationCode: 'EAST',
        licensePlate: 'LP-200',
        lotNo: 'LOT-1',
        quantity: '2.5',
      }),
      stockLevelChanged(place, { partnerNo: 'L20000', itemNo: 'DESK', locationCode: 'WEST', quantity: '99' }),
      stockLevelChanged(erpPlace(tenant, { companyId: 'OTHER' }), {
        partnerNo: 'L10000',
        itemNo: 'DESK',
        locationCode: 'WEST',
        quantity: '7',
      }),
    );
    const stock = await waitFor(
      () => platform.call('GET', '/api/portal/stock', as('theo')),
      (r) => r.body.items?.length === 3,
      { what: "Northwind's stock" },
    );
    expect(stock.body).toMatchObject({
      page: 1,
      pageSize: 50,
      total: 3,
      totals: [
        { itemNo: 'CHAIR', unitCode: 'PCS', quantity: '4' },
        { itemNo: 'DESK', unitCode: 'PCS', quantity: '12.5' },
      ],
      locationTotals: [
        { locationCode: 'EAST', unitCode: 'PCS', quantity: '2.5' },
        { locationCode: 'WEST', unitCode: 'PCS', quantity: '14' },
      ],
    });
    const lot = await platform.call('GET', '/api/portal/stock?lotNo=LOT-1', as('theo'));
    expect(lot.body.items.map((r: { licensePlate: string }) => r.licensePlate)).toEqual(['LP-200', 'LP-100']);
    expect(lot.body.totals).toEqual([{ itemNo: 'DESK', description: null, unitCode: 'PCS', quantity: '12.5' }]);
    const plate = await platform.call('GET', '/api/portal/stock?licensePlate=LP-100', as('theo'));
    expect(plate.body.items.map((r: { itemNo: string; lotNo: string }) => [r.itemNo, r.lotNo])).toEqual([
      ['CHAIR', 'LOT-2'],
      ['DESK', 'LOT-1'],
    ]);

    // A customer's user is told stock is for 3PL customers.
    expect(await platform.call('GET', '/api/portal/stock', as('rita'))).toMatchObject({
      status: 403,
      body: { code: 'not_a_3pl_customer' },
    });

    // The administrator looks at one 3PL customer of one company, read-only.
    const one = await platform.call(
      'GET',
      `${admin}/stock?environment=production&companyId=CRONUS&partnerNo=L10000`,
      as('admin'),
    );
    expect(one.body).toMatchObject({ page: 1, pageSize: 50, total: 3 });
    expect(new Set(one.body.items.map((r: { partnerNo: string }) => r.partnerNo))).toEqual(new Set(['L10000']));
    const other = await waitFor(
      () => platform.call('GET', `${admin}/stock?companyId=OTHER`, as('admin')),
      (r) => r.body.items?.length === 1,
      { what: "the other company's stock" },
    );
    expect(other.body.totals).toEqual([{ itemNo: 'DESK', description: null, unitCode: 'PCS', quantity: '7' }]);
    expect((await platform.call('GET', `${admin}/stock?environment=sandbox`, as('admin'))).body).toMatchObject({
      items: [],
      total: 0,
    });
  });

  it('pages stock as every list pages: of 120 rows, page 2 of 50 holds rows 51-100, the totals count all 120', async () => {
    const itemNo = (n: number) => `PG-${String(n).padStart(3, '0')}`;
    await platform.publisher.publish(
      ...Array.from({ length: 120 }, (_, i) =>
        stockLevelChanged(place, {
          partnerNo: 'L10000',
          itemNo: itemNo(i + 1),
          locationCode: 'PAGING',
          description: `Paged item ${i + 1}`,
          quantity: '2',
        }),
      ),
    );
    const stock = (query: string) => platform.call('GET', `/api/portal/stock?locationCode=PAGING&${query}`, as('theo'));
    await waitFor(
      () => stock('pageSize=1'),
      (r) => r.body.total === 120,
      { what: '120 stock rows' },
    );
    const second = await stock('page=2&pageSize=50');
    expect(second.body).toMatchObject({ page: 2, pageSize: 50, total: 120 });
    expect(second.body.items.map((r: { itemNo: string }) => r.itemNo)).toEqual(
      Array.from({ length: 50 }, (_, i) => itemNo(i + 51)),
    );
    // The totals are the whole list's, with each item's description, whatever page is shown.
    expect(second.body.totals).toHaveLength(120);
    expect(second.body.totals[0]).toEqual({
      itemNo: itemNo(1),
      description: 'Paged item 1',
      unitCode: 'PCS',
      quantity: '2',
    });
    expect(second.body.locationTotals).toEqual([{ locationCode: 'PAGING', unitCode: 'PCS', quantity: '240' }]);
    expect((await stock('page=3&pageSize=50')).body.items).toHaveLength(20);
    expect((await stock('page=4&pageSize=50')).body).toMatchObject({ items: [], page: 4, total: 120 });
    expect((await stock('')).body).toMatchObject({ page: 1, pageSize: 50, total: 120 });
    expect(await stock('pageSize=201&limit=10')).toMatchObject({ status: 400 });
    expect((await stock('pageSize=201&limit=10')).body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'limit',
      'pageSize',
    ]);
  });
});
