import { Topics } from '@partner-portal/contracts';
import {
  CONTACTS,
  contactUpserted,
  erpPlace,
  invitationMail,
  masterData,
  partnerDeleted,
  partnerUpserted,
  people,
  readTopic,
  type RunningPlatform,
  startPlatform,
  type TestAccount,
  tokenOf,
  waitFor,
} from '@partner-portal/testing';

// What happens to access and licenses when the ERP, not an administrator, closes the portal to someone.
describe('the ERP closing the portal', () => {
  let platform: RunningPlatform;
  const tenant = 'tenant-erp-closes';
  const place = erpPlace(tenant);
  const who = people(tenant);
  const admin = `/api/admin/tenants/${tenant}`;
  let adminToken: string;
  let connectorKey: string;
  let erpVersion = 10;

  const connector = async (events: object[]) => {
    const published = await platform.call('POST', '/api/connector/events', {
      headers: { authorization: `ApiKey ${connectorKey}` },
      body: { events },
    });
    expect(published.status).toBe(202);
  };
  const markContact = (person: keyof typeof CONTACTS, portalContact: boolean) =>
    connector([
      contactUpserted(place, {
        ...CONTACTS[person],
        name: person,
        email: who[person].email,
        portalContact,
        erpVersion: ++erpVersion,
      }),
    ]);
  const setPartner = (flags: { blocked?: boolean; portalEnabled?: boolean }) =>
    connector([
      partnerUpserted(place, {
        partnerNo: 'C10000',
        name: 'Fabrikam Retail',
        priceListCode: 'RETAIL',
        erpVersion: ++erpVersion,
        ...flags,
      }),
    ]);
  const get = (path: string) => platform.call('GET', `${admin}${path}`, { token: adminToken });
  const pool = async () => (await get('/overview')).body.pool;
  const eventuallyPool = (expected: object, what: string) =>
    waitFor(pool, (p) => Object.entries(expected).every(([k, v]) => p?.[k] === v), { what });
  const portalUserOf = async (person: keyof typeof CONTACTS) =>
    (await get(`/portal-users?search=${CONTACTS[person].contactNo}`)).body.items[0];
  const invitationOf = async (person: keyof typeof CONTACTS) =>
    (await get(`/invitations?search=${CONTACTS[person].contactNo}&sort=createdAt&order=desc`)).body.items[0];

  async function invite(person: keyof typeof CONTACTS): Promise<string> {
    const created = await platform.call('POST', `${admin}/invitations`, {
      token: adminToken,
      body: {
        environment: place.environment,
        companyId: place.companyId,
        ...CONTACTS[person],
        role: 'authorized_user',
      },
    });
    expect(created.status).toBe(201);
    await waitFor(
      () => get(`/invitations/${created.body.invitationId}`),
      (r) => r.body.status === 'invited',
      { what: `${person}'s invitation sent` },
    );
    return created.body.invitationId;
  }

  async function inviteAndAccept(person: keyof typeof CONTACTS): Promise<string> {
    await invite(person);
    const account: TestAccount = who[person];
    const mail = await invitationMail(platform, account.email);
    const token = await tokenOf(platform, account);
    const accepted = await platform.call('POST', '/api/portal/invitations/accept', {
      token,
      body: { code: mail.code },
    });
    expect(accepted.status).toBe(200);
    await waitFor(
      () => platform.call('GET', '/api/portal/me', { token }),
      (r) => r.body.memberships?.length === 1,
      { what: `${person}'s membership` },
    );
    return token;
  }

  beforeAll(async () => {
    platform = await startPlatform('erp-closes', Object.values(who));
    adminToken = await tokenOf(platform, who.admin);
    const key = await platform.call('POST', `${admin}/connector-keys`, { token: adminToken, body: { label: 'ERP' } });
    connectorKey = key.body.key;
    await connector(masterData(place, who));
    for (const person of ['rita', 'aaron', 'alice'] as const) await markContact(person, true);
    await platform.call('POST', `${admin}/cart/lines`, { token: adminToken, body: { quantity: 3 } });
    const purchase = await platform.call('POST', `${admin}/checkout`, {
      token: adminToken,
      headers: { 'idempotency-key': 'erp-closes-checkout' },
    });
    expect(purchase.status).toBe(201);
    await waitFor(
      () => get('/overview'),
      (r) => r.body.module?.extensionInstalled === true,
      { what: 'the extension installed' },
    );
    await waitFor(
      () => get(`/environments/production/companies/CRONUS/partners/customer/C10000/contacts`),
      (r) => r.body.items?.filter((c: { portalContact: boolean }) => c.portalContact).length === 3,
      { what: 'three portal contacts mirrored' },
    );
  }, 120_000);
  afterAll(() => platform?.stop());

  it("un-marking a portal user's contact ends her access and gives the license back; marking her again re-invites her", async () => {
    const ritaToken = await inviteAndAccept('rita');
    await eventuallyPool({ consumed: 1, available: 2 }, "Rita's license consumed");
    const autoInvite = await platform.call('PUT', `${admin}/invitation-settings`, {
      token: adminToken,
      body: { autoInvite: true },
    });
    expect(autoInvite.status).toBe(200);

    await markContact('rita', false);
    const rita = await waitFor(
      () => portalUserOf('rita'),
      (u) => u?.status === 'deactivated',
      { what: 'Rita deactivated by the ERP' },
    );
    expect(rita.deactivationReason).toBe('erp');
    await eventuallyPool({ reserved: 0, consumed: 0, available: 3 }, "Rita's license back in the pool");
    // The gateway keeps a resolved principal for PRINCIPAL_CACHE_MS (2 s): access ends within that.
    await waitFor(
      () => platform.call('GET', '/api/portal/me', { token: ritaToken }),
      (r) => r.body.memberships?.length === 0,
      { what: "Rita's membership gone from her sign-in" },
    );
    expect((await platform.call('GET', '/api/portal/documents', { token: ritaToken })).status).toBe(403);
    const identityEvents = await readTopic(
      platform.kafkaBrokers,
      `${platform.topicPrefix}${Topics.PartnerIdentityEvents}`,
      {
        count: 2,
      },
    );
    expect(identityEvents.map((m) => JSON.parse(m.value!))).toContainEqual(
      expect.objectContaining({
        type: 'PortalUserDeactivated',
        version: 2,
        payload: expect.objectContaining({ contactNo: 'CT-RITA', reason: 'erp', erpChange: 'contact_unmarked' }),
      }),
    );

    // Marked again, with automatic invitations on: a new invitation, which holds a license again.
    await markContact('rita', true);
    const again = await waitFor(
      () => invitationOf('rita'),
      (i) => i?.status === 'invited' && i.requestedBy?.kind === 'erp',
      { what: 'Rita invited again by the ERP' },
    );
    expect(again.contactNo).toBe('CT-RITA');
    await eventuallyPool({ reserved: 1, consumed: 0 }, "Rita's new invitation holding a license");
  });

  it("blocking a partner ends its users' access, revokes its open invitations, and keeps them out until the ERP opens it again", async () => {
    await inviteAndAccept('aaron');
    const alicesInvitation = await invite('alice');
    await eventuallyPool({ reserved: 2, consumed: 1, available: 0 }, "Aaron's seat and two open invitations");

    await setPartner({ blocked: true });
    const aaron = await waitFor(
      () => portalUserOf('aaron'),
      (u) => u?.status === 'deactivated',
      { what: 'Aaron deactivated by the ERP' },
    );
    expect(aaron.deactivationReason).toBe('erp');
    const alice = await waitFor(
      () => get(`/invitations/${alicesInvitation}`),
      (r) => r.body.status === 'revoked',
      { what: "Alice's invitation revoked" },
    );
    expect(alice.body.status).toBe('revoked');
    expect((await invitationOf('rita')).status).toBe('revoked');
    await eventuallyPool({ reserved: 0, consumed: 0, available: 3 }, 'every license of Fabrikam back');

    const refused = await platform.call('POST', `${admin}/portal-users/${aaron.membershipId}/reactivate`, {
      token: adminToken,
    });
    expect(refused).toMatchObject({
      status: 409,
      contentType: expect.stringContaining('application/problem+json'),
      body: { code: 'partner_closed' },
    });

    await setPartner({ blocked: false });
    const reactivated = await waitFor(
      () => platform.call('POST', `${admin}/portal-users/${aaron.membershipId}/reactivate`, { token: adminToken }),
      (r) => r.status === 200,
      { what: 'the ERP to open Fabrikam again' },
    );
    expect(reactivated.body.status).not.toBe('deactivated');
    await waitFor(
      () => portalUserOf('aaron'),
      (u) => u?.status === 'active',
      { what: 'Aaron active again' },
    );
    await eventuallyPool({ consumed: 1, available: 2 }, "Aaron's license taken again");
  });

  it('reactivating with no license free is refused, and the user stays out until a license is bought', async () => {
    await invite('alice');
    await invite('uma');
    await eventuallyPool({ reserved: 2, consumed: 1, available: 0 }, 'the last two licenses held by invitations');
    const rita = await portalUserOf('rita');
    expect(rita.status).toBe('deactivated');
    const reactivate = () =>
      platform.call('POST', `${admin}/portal-users/${rita.membershipId}/reactivate`, { token: adminToken });

    const waiting = await reactivate();
    expect(waiting).toMatchObject({ status: 200, body: { status: 'reactivating', reactivationRefusal: null } });
    const refused = await waitFor(
      () => portalUserOf('rita'),
      (u) => u?.status !== 'reactivating',
      { what: "licensing's answer to Rita's reactivation" },
    );
    expect(refused).toMatchObject({ status: 'deactivated', reactivationRefusal: 'no_license_available' });
    expect(await pool()).toMatchObject({ reserved: 2, consumed: 1, available: 0 });

    await platform.call('POST', `${admin}/cart/lines`, { token: adminToken, body: { quantity: 1 } });
    const purchase = await platform.call('POST', `${admin}/checkout`, {
      token: adminToken,
      headers: { 'idempotency-key': 'erp-closes-checkout-2' },
    });
    expect(purchase.status).toBe(201);
    expect((await reactivate()).body.status).toBe('reactivating');
    const active = await waitFor(
      () => portalUserOf('rita'),
      (u) => u?.status !== 'reactivating',
      { what: "Rita's reactivation licensed" },
    );
    expect(active).toMatchObject({ status: 'active', deactivationReason: null, reactivationRefusal: null });
    await eventuallyPool({ purchased: 4, reserved: 2, consumed: 2, available: 0 }, "Rita's license consumed again");
  });

  it("deleting a partner ends its users' access and revokes its open invitations, so every license comes back", async () => {
    await eventuallyPool({ reserved: 2, consumed: 2 }, 'two seats and two open invitations at Fabrikam');
    await connector([partnerDeleted(place, 'C10000', ++erpVersion)]);
    await eventuallyPool({ reserved: 0, consumed: 0, available: 4 }, 'every license of the deleted partner back');
    for (const person of ['alice', 'uma'] as const) expect((await invitationOf(person)).status).toBe('revoked');
    for (const person of ['rita', 'aaron'] as const)
      expect(await portalUserOf(person)).toMatchObject({
        status: 'deactivated',
        deactivationReason: 'partner_deleted',
      });
  });
});
