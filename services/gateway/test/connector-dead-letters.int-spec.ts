import { randomUUID } from 'node:crypto';
import { Topics } from '@partner-portal/contracts';
import {
  companyUpserted,
  erpPlace,
  startPlatform,
  testAccount,
  tokenOf,
  waitFor,
  type RunningPlatform,
} from '@partner-portal/testing';

// An administrator sees the connector events of their own tenant that the portal's services could not apply, merged
// across the services, and replays them; another tenant's administrator gets nothing of them.
describe('connector dead letters through the gateway', () => {
  let platform: RunningPlatform;
  const adminA = testAccount('admin-dl-a', { roles: ['PartnerPortal.Administrator'], tenants: ['tenant-dl-a'] });
  const adminB = testAccount('admin-dl-b', { roles: ['PartnerPortal.Administrator'], tenants: ['tenant-dl-b'] });
  const routeOf = (tenant: string) => `/api/admin/tenants/${tenant}/connector-dead-letters`;

  /** A company event with a negative ERP version: every consumer of `erp.masterdata` sets it aside at once. */
  const invalidCompany = (tenantId: string) => {
    const event = companyUpserted(erpPlace(tenantId), `Company of ${tenantId}`);
    return { ...event, payload: { ...event.payload, erpVersion: -1 } };
  };

  beforeAll(async () => {
    platform = await startPlatform('connector-dead-letters', [adminA, adminB]);
  }, 120_000);
  afterAll(() => platform?.stop());

  it("lists and replays only the administrator's own tenant's dead letters, merged across the services", async () => {
    const [tokenA, tokenB] = [await tokenOf(platform, adminA), await tokenOf(platform, adminB)];
    const eventA = invalidCompany('tenant-dl-a');
    const eventB = invalidCompany('tenant-dl-b');
    for (const event of [eventA, eventB]) {
      await platform.publisher.publishRaw(Topics.ErpMasterdata, randomUUID(), JSON.stringify(event));
    }

    // Every service consumes erp.masterdata: each group that could not apply the event lists it once.
    const listed = await waitFor(
      () => platform.call('GET', routeOf('tenant-dl-a'), { token: tokenA }),
      (r) => r.status === 200 && r.body.total === 4,
      { what: "tenant A's dead letter in all four services" },
    );
    expect(listed.body.items.map((i: any) => i.consumerGroup).sort()).toEqual([
      'document-projection',
      'invitations',
      'licensing',
      'partner-identity',
    ]);
    for (const item of listed.body.items) {
      expect(item).toMatchObject({
        eventId: eventA.eventId,
        tenantId: 'tenant-dl-a',
        topic: Topics.ErpMasterdata,
        reason: 'payload.erpVersion: erpVersion must not be less than 0',
        status: 'dead',
      });
    }
    // Pages of the merged list neither repeat nor skip.
    const pages = await Promise.all(
      [1, 2, 3, 4].map((page) =>
        platform.call('GET', `${routeOf('tenant-dl-a')}?pageSize=1&page=${page}`, { token: tokenA }),
      ),
    );
    expect(pages.map((p) => p.body.total)).toEqual([4, 4, 4, 4]);
    expect(pages.map((p) => p.body.items[0].id + p.body.items[0].consumerGroup)).toEqual(
      listed.body.items.map((i: any) => i.id + i.consumerGroup),
    );

    // Tenant B's administrator sees only B's, and nothing at A's address.
    const listedB = await waitFor(
      () => platform.call('GET', routeOf('tenant-dl-b'), { token: tokenB }),
      (r) => r.status === 200 && r.body.total === 4,
      { what: "tenant B's dead letters" },
    );
    expect(new Set(listedB.body.items.map((i: any) => i.eventId))).toEqual(new Set([eventB.eventId]));
    expect((await platform.call('GET', routeOf('tenant-dl-a'), { token: tokenB })).status).toBe(404);
    expect(
      (
        await platform.call('POST', `${routeOf('tenant-dl-a')}/replay`, {
          token: tokenB,
          body: { ids: [listed.body.items[0].id] },
        })
      ).status,
    ).toBe(404);

    // A replay of B's id by A is not found; A's own still fails validation, and stays dead with the reason.
    const idA = listed.body.items[0].id;
    const idB = listedB.body.items[0].id;
    const replayed = await platform.call('POST', `${routeOf('tenant-dl-a')}/replay`, {
      token: tokenA,
      body: { ids: [idA, idB] },
    });
    expect(replayed.status).toBe(200);
    expect(replayed.body.outcomes).toEqual([
      { id: idA, outcome: 'failed', reason: 'payload.erpVersion: erpVersion must not be less than 0' },
      { id: idB, outcome: 'not_found', reason: null },
    ]);
    const afterB = await platform.call('GET', routeOf('tenant-dl-b'), { token: tokenB });
    expect(afterB.body.items.map((i: any) => i.replayAttempts)).toEqual([0, 0, 0, 0]);
  });

  it("lets a tenant's connector read, and only read, its own tenant's dead letters with their reasons", async () => {
    const [tokenA, tokenB] = [await tokenOf(platform, adminA), await tokenOf(platform, adminB)];
    const keyOf = async (tenant: string, token: string) =>
      (
        await platform.call('POST', `/api/admin/tenants/${tenant}/connector-keys`, {
          token,
          body: { label: 'Business Central' },
        })
      ).body.key as string;
    const asConnector = (key: string) => ({ headers: { authorization: `ApiKey ${key}` } });
    const [keyA, keyB] = [await keyOf('tenant-dl-a', tokenA), await keyOf('tenant-dl-b', tokenB)];

    // The same list its administrator sees, with the reason each service gave.
    const byAdmin = await platform.call('GET', routeOf('tenant-dl-a'), { token: tokenA });
    const byConnector = await platform.call('GET', '/api/connector/dead-letters', asConnector(keyA));
    expect(byConnector.status).toBe(200);
    expect(byConnector.body).toEqual(byAdmin.body);
    expect(byConnector.body.items[0]).toMatchObject({
      tenantId: 'tenant-dl-a',
      reason: 'payload.erpVersion: erpVersion must not be less than 0',
    });
    const filtered = await platform.call(
      'GET',
      `/api/connector/dead-letters?topic=${Topics.ErpDocuments}&pageSize=1`,
      asConnector(keyA),
    );
    expect([filtered.status, filtered.body.total]).toEqual([200, 0]);
    const ofB = await platform.call('GET', '/api/connector/dead-letters', asConnector(keyB));
    expect(new Set(ofB.body.items.map((i: any) => i.tenantId))).toEqual(new Set(['tenant-dl-b']));

    // Replaying is the administrator's: a connector has no such route, and its key opens no admin route.
    const replay = await platform.call('POST', '/api/connector/dead-letters/replay', {
      ...asConnector(keyA),
      body: { ids: [byConnector.body.items[0].id] },
    });
    expect(replay.status).toBe(404);
    expect((await platform.call('GET', routeOf('tenant-dl-a'), asConnector(keyA))).status).toBe(401);
    // A service asked directly with a connector's tenant header but for another tenant, or to replay, says 404.
    const service = platform.services['partner-identity'];
    const direct = (method: string, tenant: string) =>
      service.request(
        method,
        `/internal/tenants/${tenant}/connector-dead-letters${method === 'POST' ? '/replay' : ''}`,
        {
          headers: { 'x-portal-connector-tenant': 'tenant-dl-a' },
          body: method === 'POST' ? { ids: [byConnector.body.items[0].id] } : undefined,
        },
      );
    expect((await direct('GET', 'tenant-dl-a')).status).toBe(200);
    expect((await direct('GET', 'tenant-dl-b')).status).toBe(404);
    expect((await direct('POST', 'tenant-dl-a')).status).toBe(404);
  });
});
