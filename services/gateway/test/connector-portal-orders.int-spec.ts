import { PortalRole } from '@partner-portal/contracts';
import {
  CONTACTS,
  deskOrder,
  erpPlace,
  grantMembership,
  masterData,
  people,
  type RunningPlatform,
  startPlatform,
  testAccount,
  tokenOf,
} from '@partner-portal/testing';

// An ERP connector that speaks only HTTP receives its tenant's portal orders from a feed: in order, again until it
// acknowledges them, waiting for the next one without asking in a loop, and never another tenant's.
describe('portal orders for HTTP-only connectors (GET /api/connector/portal-orders)', () => {
  let platform: RunningPlatform;
  const tenant = 'tenant-feed';
  const place = erpPlace(tenant);
  const who = people(tenant);
  const stranger = testAccount('admin-feed-other', {
    roles: ['PartnerPortal.Administrator'],
    tenants: ['tenant-feed-other'],
  });
  let rita: string;
  let key: string;
  let strangersKey: string;

  const feed = (query = '', apiKey = key) =>
    platform.call('GET', `/api/connector/portal-orders${query}`, { headers: { authorization: `ApiKey ${apiKey}` } });
  const acknowledge = (cursor: string) =>
    platform.call('POST', '/api/connector/portal-orders/ack', {
      headers: { authorization: `ApiKey ${key}` },
      body: { cursor },
    });
  const placeOrder = (idempotencyKey: string) =>
    platform.call('POST', '/api/portal/orders', {
      token: rita,
      headers: { 'idempotency-key': idempotencyKey },
      body: deskOrder('2', 'DESK', '2027-01-15'),
    });
  const keyOf = async (account: typeof stranger, tenantId: string) =>
    (
      await platform.call('POST', `/api/admin/tenants/${tenantId}/connector-keys`, {
        token: await tokenOf(platform, account),
        body: { label: 'Business Central' },
      })
    ).body.key as string;

  beforeAll(async () => {
    platform = await startPlatform('connector-feed', [...Object.values(who), stranger]);
    await platform.publisher.publish(...masterData(place, who));
    await grantMembership(platform, place, who.rita, CONTACTS.rita, PortalRole.CustomerRepresentative);
    rita = await tokenOf(platform, who.rita);
    key = await keyOf(who.admin, tenant);
    strangersKey = await keyOf(stranger, 'tenant-feed-other');
  }, 120_000);
  afterAll(() => platform?.stop());

  it('hands out each order with its PortalOrderSubmitted event, again until acknowledged, then the next', async () => {
    expect((await feed()).body).toEqual({ orders: [], nextCursor: '0', acknowledgedCursor: '0' });
    const first = await placeOrder('feed-1');
    expect(first.status).toBe(201);

    const read = await feed();
    expect(read.status).toBe(200);
    expect(read.body.orders).toHaveLength(1);
    expect(read.body.orders[0]).toMatchObject({
      cursor: '1',
      event: {
        type: 'PortalOrderSubmitted',
        version: 1,
        tenantId: tenant,
        payload: { portalOrderId: first.body.portalOrderId, portalOrderNo: first.body.portalOrderNo },
      },
    });
    expect(read.body.nextCursor).toBe('1');
    // Not acknowledged: it comes again; read on after its cursor, nothing is new.
    expect((await feed()).body.orders.map((o: { cursor: string }) => o.cursor)).toEqual(['1']);
    expect((await feed('?after=1')).body).toEqual({ orders: [], nextCursor: '1', acknowledgedCursor: '0' });

    expect((await acknowledge('1')).body).toEqual({ acknowledgedCursor: '1' });
    expect((await feed()).body.orders).toEqual([]);
    // A late or repeated acknowledgement never moves it back.
    expect((await acknowledge('0')).body).toEqual({ acknowledgedCursor: '1' });

    const second = await placeOrder('feed-2');
    const next = await feed();
    expect(
      next.body.orders.map((o: { event: { payload: { portalOrderId: string } } }) => o.event.payload.portalOrderId),
    ).toEqual([second.body.portalOrderId]);
    expect(next.body.acknowledgedCursor).toBe('1');
  });

  it('holds a read until the next order arrives, up to waitSeconds', async () => {
    const { nextCursor } = (await feed()).body;
    const started = Date.now();
    const waiting = feed(`?after=${nextCursor}&waitSeconds=20`);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const placed = await placeOrder('feed-wait');
    const answer = await waiting;
    const waited = Date.now() - started;
    expect(
      answer.body.orders.map((o: { event: { payload: { portalOrderId: string } } }) => o.event.payload.portalOrderId),
    ).toEqual([placed.body.portalOrderId]);
    expect(waited).toBeGreaterThanOrEqual(1_500);
    expect(waited).toBeLessThan(10_000);

    // With nothing new, it answers empty after the wait.
    const idle = Date.now();
    expect((await feed(`?after=${answer.body.nextCursor}&waitSeconds=1`)).body.orders).toEqual([]);
    expect(Date.now() - idle).toBeGreaterThanOrEqual(900);
  });

  it("shows a connector only its own tenant's orders and refuses cursors it never gave", async () => {
    expect((await feed('', strangersKey)).body).toEqual({ orders: [], nextCursor: '0', acknowledgedCursor: '0' });
    const ahead = await acknowledge('99');
    expect([ahead.status, ahead.body.code]).toEqual([400, 'cursor_ahead']);
    const bad = await feed('?after=abc&limit=500&waitSeconds=60');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['after', 'limit', 'waitSeconds']);
    const noKey = await platform.call('GET', '/api/connector/portal-orders');
    expect(noKey.status).toBe(401);
  });
});
