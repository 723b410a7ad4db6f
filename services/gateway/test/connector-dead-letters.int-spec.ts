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
});
