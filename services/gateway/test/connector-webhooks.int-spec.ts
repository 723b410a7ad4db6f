import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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
  waitFor,
} from '@partner-portal/testing';

/** What an ERP connector's endpoint received: the raw body (what the signature covers) and the headers. */
interface Received {
  body: string;
  headers: IncomingHttpHeaders;
}

/** A connector's endpoint that answers each POST with the next status of its script (then 200). */
async function startReceiver(): Promise<{ server: Server; url: string; received: Received[]; answers: number[] }> {
  const received: Received[] = [];
  const answers: number[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ body: Buffer.concat(chunks).toString('utf8'), headers: request.headers });
      response.statusCode = answers.shift() ?? 200;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/portal-orders`, received, answers };
}

/** What docs/connectors.md tells a receiver to check: the HMAC of `<t>.<raw body>` with the secret. */
function signatureHolds(received: Received, secret: string): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(received.headers['portal-signature']));
  if (!match) return false;
  const expected = createHmac('sha256', secret).update(`${match[1]}.${received.body}`).digest('hex');
  return expected === match[2] && Math.abs(Date.now() / 1_000 - Number(match[1])) < 300;
}

// An ERP connector that cannot poll registers an HTTPS endpoint: each portal order is POSTed to it, signed, tried
// again when the endpoint fails, logged for the administrator, and sent again on request.
describe('connector webhooks (POST /api/admin/tenants/:tenantId/connector-webhooks)', () => {
  let platform: RunningPlatform;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const tenant = 'tenant-hooks';
  const place = erpPlace(tenant);
  const who = people(tenant);
  const stranger = testAccount('admin-hooks-other', {
    roles: ['PartnerPortal.Administrator'],
    tenants: ['tenant-hooks-other'],
  });
  const secret = 'whsec_contoso_business_central_2026';
  let admin: string;
  let rita: string;
  const webhooksPath = `/api/admin/tenants/${tenant}/connector-webhooks`;

  const placeOrder = (idempotencyKey: string) =>
    platform.call('POST', '/api/portal/orders', {
      token: rita,
      headers: { 'idempotency-key': idempotencyKey },
      body: deskOrder('1', 'DESK', '2027-02-01'),
    });
  const deliveriesOf = async (webhookId: string) =>
    (await platform.call('GET', `${webhooksPath}/${webhookId}/deliveries`, { token: admin })).body;

  beforeAll(async () => {
    receiver = await startReceiver();
    platform = await startPlatform('connector-hooks', [...Object.values(who), stranger], {
      serviceEnv: { CONNECTOR_WEBHOOK_TRUSTED_HOSTS: '127.0.0.1' },
    });
    await platform.publisher.publish(...masterData(place, who));
    await grantMembership(platform, place, who.rita, CONTACTS.rita, PortalRole.CustomerRepresentative);
    admin = await tokenOf(platform, who.admin);
    rita = await tokenOf(platform, who.rita);
  }, 120_000);
  afterAll(async () => {
    await platform?.stop();
    receiver?.server.close();
  });

  it('refuses endpoints that are not https, point inside the platform, or come with a weak secret, naming the field', async () => {
    const register = (body: object) => platform.call('POST', webhooksPath, { token: admin, body });
    const plain = await register({ url: 'http://erp.example.com/orders', label: 'BC' });
    expect([plain.status, plain.body.code]).toEqual([400, 'webhook_url_not_allowed']);
    expect(plain.body.detail).toMatch(/https/);
    const inside = await register({ url: 'https://169.254.169.254/latest/meta-data', label: 'BC' });
    expect([inside.status, inside.body.code, inside.body.field]).toEqual([400, 'webhook_url_not_allowed', 'url']);
    const weak = await register({ url: 'https://erp.example.com/orders', label: 'BC', secret: 'short' });
    expect(weak.status).toBe(400);
    expect(JSON.stringify(weak.body)).toMatch(/secret/);
    expect((await platform.call('GET', webhooksPath, { token: admin })).body.total).toBe(0);
  });

  it('POSTs each order signed, tries again after a failure, logs every attempt and sends again on request', async () => {
    const registered = await platform.call('POST', webhooksPath, {
      token: admin,
      body: { url: receiver.url, label: 'Business Central production', secret },
    });
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({ url: receiver.url, secret, removedAt: null });
    const webhookId = registered.body.id as string;
    const listed = await platform.call('GET', webhooksPath, { token: admin });
    expect(listed.body.items.map((w: { id: string }) => w.id)).toEqual([webhookId]);
    expect(JSON.stringify(listed.body)).not.toContain(secret);

    // The endpoint fails the first attempt; the second, 5 seconds later, gets through.
    receiver.answers.push(500);
    const order = await placeOrder('hooks-1');
    expect(order.status).toBe(201);
    await waitFor(
      () => receiver.received.length,
      (count) => count >= 2,
      { timeoutMs: 30_000, what: 'a second delivery attempt' },
    );

    const [first, second] = receiver.received;
    expect(first.body).toBe(second.body);
    const delivered = JSON.parse(second.body);
    expect(delivered).toMatchObject({
      cursor: '1',
      event: {
        type: 'PortalOrderSubmitted',
        tenantId: tenant,
        payload: { portalOrderId: order.body.portalOrderId, portalOrderNo: order.body.portalOrderNo },
      },
    });
    expect(signatureHolds(second, secret)).toBe(true);
    expect(signatureHolds(second, 'whsec_some_other_tenant_secret_value')).toBe(false);
    expect(second.headers).toMatchObject({
      'content-type': 'application/json',
      'portal-event-id': delivered.event.eventId,
      'portal-event-type': 'PortalOrderSubmitted',
      'portal-delivery-attempt': '2',
    });

    const log = await waitFor(
      () => deliveriesOf(webhookId),
      (page) => page.items[0]?.status === 'delivered',
      { what: 'the delivery logged as delivered' },
    );
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({
      cursor: '1',
      eventId: delivered.event.eventId,
      attempts: 2,
      lastResponseStatus: 200,
      lastError: null,
      nextAttemptAt: null,
      redeliveryOf: null,
    });

    // The connector lost it: the administrator sends it again.
    const again = await platform.call('POST', `${webhooksPath}/${webhookId}/deliveries/${log.items[0].id}/redeliver`, {
      token: admin,
    });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ status: 'pending', redeliveryOf: log.items[0].id, attempts: 0 });
    await waitFor(
      () => receiver.received.length,
      (count) => count >= 3,
      { what: 'the redelivery' },
    );
    expect(JSON.parse(receiver.received[2].body).event.eventId).toBe(delivered.event.eventId);
    expect(receiver.received[2].headers['portal-delivery-id']).toBe(again.body.id);

    // Another tenant's administrator sees none of it.
    const strangers = await tokenOf(platform, stranger);
    const peek = await platform.call(
      'GET',
      `/api/admin/tenants/tenant-hooks-other/connector-webhooks/${webhookId}/deliveries`,
      {
        token: strangers,
      },
    );
    expect(peek.status).toBe(404);

    // Removed: the next order reaches the feed, and not the endpoint.
    const removed = await platform.call('POST', `${webhooksPath}/${webhookId}/remove`, { token: admin });
    expect(removed.status).toBe(200);
    expect(removed.body.removedAt).not.toBeNull();
    const before = receiver.received.length;
    expect((await placeOrder('hooks-2')).status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(receiver.received.length).toBe(before);
    const refused = await platform.call(
      'POST',
      `${webhooksPath}/${webhookId}/deliveries/${log.items[0].id}/redeliver`,
      {
        token: admin,
      },
    );
    expect([refused.status, refused.body.code]).toEqual([409, 'webhook_removed']);
  });

  it('logs why an unreachable endpoint failed and when it will be tried again', async () => {
    const closed = await startReceiver();
    await new Promise((resolve) => closed.server.close(resolve));
    const registered = await platform.call('POST', webhooksPath, {
      token: admin,
      body: { url: closed.url, label: 'Business Central test' },
    });
    expect(registered.status).toBe(201);
    expect(registered.body.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect((await placeOrder('hooks-3')).status).toBe(201);
    // Claiming an attempt counts it before the POST; its outcome is written once the POST has ended.
    const failed = await waitFor(
      async () =>
        (await deliveriesOf(registered.body.id)).items.find(
          (d: { attempts: number; lastError: string | null }) => d.attempts >= 1 && d.lastError !== null,
        ),
      (delivery) => delivery !== undefined,
      { what: 'the first failed attempt' },
    );
    expect(failed).toMatchObject({ status: 'pending', lastResponseStatus: null, deliveredAt: null });
    expect(failed.lastError).toMatch(/could not be reached: .*ECONNREFUSED/);
    expect(Date.parse(failed.nextAttemptAt)).toBeGreaterThan(Date.parse(failed.lastAttemptAt));
  });
});
