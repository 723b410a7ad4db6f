import { DataSource } from 'typeorm';
import { adminOf, startService, type RunningPartnerIdentity } from './partner-identity.harness';

describe('connector keys', () => {
  let service: RunningPartnerIdentity;
  const tenant = 'tenant-keys';
  const admin = adminOf(tenant, 'admin-kees');
  const keys = (path = '', body?: unknown, principal = admin) =>
    service.request(body === undefined && !path ? 'GET' : 'POST', `/internal/tenants/${tenant}/connector-keys${path}`, {
      principal,
      body,
    });
  const verify = (key: string) => service.request('POST', '/internal/connector-keys/verify', { body: { key } });

  beforeAll(async () => {
    service = await startService('keys');
  });
  afterAll(() => service.stop());

  it('shows a new key once, stores only its hash, and tells the gateway its tenant', async () => {
    const created = await keys('', { label: 'Business Central production' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      label: 'Business Central production',
      createdBy: 'admin-kees',
      revokedAt: null,
    });
    expect(created.body.key).toMatch(/^ppck_/);
    expect(created.body.key.startsWith(created.body.keyPrefix)).toBe(true);

    const listed = await keys();
    expect(listed.body.items).toHaveLength(1);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.key);

    const database = new DataSource({ type: 'postgres', url: service.env.databaseUrl });
    await database.initialize();
    try {
      const stored = JSON.stringify(await database.query('SELECT * FROM connector_key'));
      expect(stored).not.toContain(created.body.key.slice(created.body.keyPrefix.length));
    } finally {
      await database.destroy();
    }

    expect(await verify(created.body.key)).toMatchObject({
      status: 200,
      body: { tenantId: tenant, keyId: created.body.id },
    });
  });

  it('rotates: the replacement works at once and the replaced key works on for its grace, 24 hours by default', async () => {
    const old = (await keys('', { label: 'old' })).body;
    const rotated = await keys('', { label: 'new', replaces: old.id });
    expect(rotated.status).toBe(201);
    expect((await verify(old.key)).status).toBe(200);
    expect((await verify(rotated.body.key)).status).toBe(200);
    const listed = (await keys()).body.items.find((k: { id: string }) => k.id === old.id);
    expect(listed).toMatchObject({ replacedBy: rotated.body.id, revokedAt: null });
    expect(Date.parse(listed.expiresAt) - Date.now()).toBeGreaterThan(23.9 * 3_600_000);

    // With no grace the replaced key stops at once, as a revocation.
    const next = await keys('', { label: 'newer', replaces: rotated.body.id, graceHours: 0 });
    expect((await verify(rotated.body.key)).status).toBe(401);
    expect((await verify(next.body.key)).status).toBe(200);
  });

  it('revokes a key, after which it is refused like an unknown one', async () => {
    const key = (await keys('', { label: 'to revoke' })).body;
    const revoked = await keys(`/${key.id}/revoke`, {});
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    const refused = await verify(key.key);
    expect(refused.status).toBe(401);
    expect(refused.contentType).toContain('application/problem+json');
    expect((await verify('ppck_not-a-key')).status).toBe(401);
  });

  it("keeps keys within the tenant: another tenant's administrator finds nothing, a bad body names its field", async () => {
    const stranger = adminOf('tenant-elsewhere', 'admin-other');
    expect((await keys('', undefined, stranger)).status).toBe(404);
    expect((await keys('', { label: 'x' }, stranger)).status).toBe(404);
    const bad = await keys('', { label: '', replaces: 'nope' });
    expect(bad.status).toBe(400);
    expect([...new Set(bad.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(['label', 'replaces']);
    expect((await keys('/8b3f4a52-5d0e-4b7e-9a43-3c1d2f0e9a11/revoke', {})).status).toBe(404);
  });

  it('pages the keys newest first, as every list pages, with the total', async () => {
    const other = 'tenant-keys-paged';
    const paged = adminOf(other, 'admin-paged');
    const path = `/internal/tenants/${other}/connector-keys`;
    for (const label of ['first', 'second', 'third']) {
      expect((await service.request('POST', path, { principal: paged, body: { label } })).status).toBe(201);
    }
    const page = async (query: string) => (await service.request('GET', `${path}?${query}`, { principal: paged })).body;
    expect(await page('pageSize=2')).toMatchObject({
      page: 1,
      pageSize: 2,
      total: 3,
      items: [{ label: 'third' }, { label: 'second' }],
    });
    expect(await page('pageSize=2&page=2')).toMatchObject({ page: 2, total: 3, items: [{ label: 'first' }] });
    expect(await page('pageSize=2&page=3')).toMatchObject({ page: 3, total: 3, items: [] });
    expect(await page('')).toMatchObject({ page: 1, pageSize: 50, total: 3 });
    const refused = await service.request('GET', `${path}?pageSize=201&cursor=x`, { principal: paged });
    expect([refused.status, refused.body.errors.map((e: { field: string }) => e.field).sort()]).toEqual([
      400,
      ['cursor', 'pageSize'],
    ]);
  });
});
