import { startPlatform, testAccount, tokenOf, type RunningPlatform } from '@partner-portal/testing';

// What an ERP connector meets at the gateway's door: its key checked before its body is read, a rotation that
// leaves the running connector working for the grace its administrator chose, and a key that cannot be checked
// just now told to retry rather than revoked.
describe('connector keys at the gateway', () => {
  let platform: RunningPlatform;
  let token: string;
  const tenant = 'tenant-keys';
  const admin = testAccount('admin-keys', { roles: ['PartnerPortal.Administrator'], tenants: [tenant] });
  const keysRoute = `/api/admin/tenants/${tenant}/connector-keys`;

  const create = (body: object) => platform.call('POST', keysRoute, { token, body });
  const whoami = (key: string) =>
    platform.call('GET', '/api/connector/whoami', { headers: { authorization: `ApiKey ${key}` } });
  const listed = async (id: string) =>
    (await platform.call('GET', keysRoute, { token })).body.items.find((k: { id: string }) => k.id === id);

  beforeAll(async () => {
    platform = await startPlatform('connector-keys', [admin]);
    token = await tokenOf(platform, admin);
  }, 120_000);
  afterAll(() => platform?.stop());

  it('checks the key before reading the body: a wrong key with 6 MB or with broken JSON hears 401', async () => {
    const headers = { authorization: 'ApiKey ppck_not-a-key', 'content-type': 'application/json' };
    const large = await fetch(`${platform.gatewayUrl}/api/connector/events`, {
      method: 'POST',
      headers,
      body: `{"events":[${'{"a":1},'.repeat(800_000)}{}]}`,
    });
    expect([large.status, large.headers.get('content-type')]).toEqual([401, expect.stringContaining('problem+json')]);
    expect(large.headers.get('www-authenticate')).toBe('ApiKey');
    const broken = await fetch(`${platform.gatewayUrl}/api/connector/events`, { method: 'POST', headers, body: '{' });
    expect(broken.status).toBe(401);
    expect((await broken.json()) as object).toMatchObject({
      status: 401,
      detail: 'the connector key is unknown or revoked',
    });
    const none = await fetch(`${platform.gatewayUrl}/api/connector/events`, { method: 'POST', body: '{' });
    expect(((await none.json()) as { detail: string }).detail).toBe(
      'a connector key is required: Authorization: ApiKey <key>',
    );
  });

  it('keeps a rotated key working for the chosen grace, shown in the list, and ends it on revocation', async () => {
    const old = (await create({ label: 'Business Central' })).body;
    expect((await whoami(old.key)).status).toBe(200);

    const rotated = await create({ label: 'Business Central', replaces: old.id, graceHours: 2 });
    expect(rotated.status).toBe(201);
    // Both work while the connector is given the new key.
    expect((await whoami(rotated.body.key)).body).toEqual({ tenantId: tenant, keyId: rotated.body.id });
    expect((await whoami(old.key)).status).toBe(200);
    const shown = await listed(old.id);
    expect(shown).toMatchObject({ revokedAt: null, replacedBy: rotated.body.id });
    const hoursLeft = (Date.parse(shown.expiresAt) - Date.now()) / 3_600_000;
    expect(hoursLeft).toBeGreaterThan(1.9);
    expect(hoursLeft).toBeLessThanOrEqual(2);
    expect((await listed(rotated.body.id)).expiresAt).toBeNull();

    // The default grace is 24 hours; a key in its grace is not rotated twice.
    const next = await create({ label: 'Business Central', replaces: rotated.body.id });
    expect((Date.parse((await listed(rotated.body.id)).expiresAt) - Date.now()) / 3_600_000).toBeGreaterThan(23.9);
    const again = await create({ label: 'twice', replaces: rotated.body.id, graceHours: 5 });
    expect(again.status).toBe(201);
    // A second rotation never lengthens the grace already running.
    expect((Date.parse((await listed(rotated.body.id)).expiresAt) - Date.now()) / 3_600_000).toBeLessThan(24);

    // A key never used at the gateway (so not remembered there) and rotated with no grace stops at once.
    const unused = (await create({ label: 'spare' })).body;
    await create({ label: 'spare', replaces: unused.id, graceHours: 0 });
    expect((await whoami(unused.key)).status).toBe(401);
    expect((await listed(unused.id)).revokedAt).not.toBeNull();

    // Revoking a key in its grace ends it.
    const inGrace = (await create({ label: 'other' })).body;
    await create({ label: 'other', replaces: inGrace.id, graceHours: 24 });
    await platform.call('POST', `${keysRoute}/${inGrace.id}/revoke`, { token });
    expect((await whoami(inGrace.key)).status).toBe(401);
    expect(next.status).toBe(201);
  });

  it('refuses a grace without a key to replace, or longer than 30 days, naming the field', async () => {
    const orphan = await create({ label: 'x', graceHours: 5 });
    expect(orphan.status).toBe(400);
    expect(orphan.body.errors).toEqual([
      { field: 'replaces', reason: expect.stringContaining('the id (a UUID) of the key being replaced') },
    ]);
    const old = (await create({ label: 'y' })).body;
    const tooLong = await create({ label: 'y', replaces: old.id, graceHours: 721 });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors).toEqual([{ field: 'graceHours', reason: expect.stringContaining('720') }]);
  });

  it('tells a connector to retry, not that its key is revoked, while partner-identity cannot check it', async () => {
    const key = (await create({ label: 'during an outage' })).body.key;
    await platform.services['partner-identity'].stop();
    const answer = await fetch(`${platform.gatewayUrl}/api/connector/whoami`, {
      headers: { authorization: `ApiKey ${key}` },
    });
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('5');
    expect((await answer.json()) as object).toMatchObject({
      status: 503,
      detail: 'the connector key could not be checked just now; try again shortly',
    });
  });
});
