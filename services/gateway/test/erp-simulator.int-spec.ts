import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { PortalRole } from '@partner-portal/contracts';
import {
  erpPlace,
  grantMembership,
  people,
  repoRoot,
  type RunningPlatform,
  startPlatform,
  testKafkaSecurityEnv,
  tokenOf,
  waitFor,
} from '@partner-portal/testing';

// The ERP simulator as its own process, publishing through the gateway with a connector key, as a Business
// Central extension would: seed, stream, and answering portal orders.
describe('the ERP simulator against the running platform', () => {
  let platform: RunningPlatform;
  let answering: ChildProcess | undefined;
  const tenant = 'tenant-sim';
  const who = people(tenant);
  const simulator = (args: string[], env: NodeJS.ProcessEnv) => ({
    command: process.execPath,
    args: ['--conditions=development', '--import', 'tsx', join(repoRoot, 'tools/erp-simulator/src/cli.ts'), ...args],
    env: {
      PATH: process.env.PATH,
      ...testKafkaSecurityEnv(),
      KAFKA_BROKERS: platform.kafkaBrokers.join(','),
      KAFKA_TOPIC_PREFIX: platform.topicPrefix,
      GATEWAY_URL: platform.gatewayUrl,
      ...env,
    },
  });
  // Asynchronously: a blocked event loop would let this test's kept-alive sockets go stale unnoticed.
  const run = (args: string[], env: NodeJS.ProcessEnv) =>
    new Promise<{ status: number | null; stderr: string }>((resolve, reject) => {
      const { command, args: all, env: full } = simulator(args, env);
      const child = spawn(command, all, {
        env: full,
        cwd: repoRoot,
        stdio: ['ignore', 'ignore', 'pipe'],
        timeout: 60_000,
      });
      let stderr = '';
      child.stderr?.on('data', (chunk) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stderr }));
    });
  const order = (quantity: string) => ({
    requestedReceiptDate: '2026-12-20',
    deliveryAddress: {
      description: 'Store',
      line1: 'Damrak 1',
      city: 'Amsterdam',
      postalCode: '1012 LG',
      countryCode: 'NL',
    },
    lines: [{ itemNo: '1896-S', quantity, unitCode: 'PCS' }],
  });

  beforeAll(async () => {
    platform = await startPlatform('simulator', Object.values(who));
  }, 120_000);
  afterAll(async () => {
    answering?.kill('SIGTERM');
    await platform?.stop();
  });

  it('seeds, streams and answers orders through the gateway with the tenant key', async () => {
    const adminToken = await tokenOf(platform, who.admin);
    const key = await platform.call('POST', `/api/admin/tenants/${tenant}/connector-keys`, {
      token: adminToken,
      body: { label: 'simulator' },
    });
    const env = { CONNECTOR_API_KEY: key.body.key };

    const seeded = await run(
      ['seed', '--tenant', tenant, '--via', 'gateway', '--customers', '3', '--vendors', '1', '--3pl', '1'],
      env,
    );
    expect([seeded.status, seeded.stderr]).toEqual([0, expect.stringContaining('master data events sent')]);
    const partners = await waitFor(
      () =>
        platform.call('GET', `/api/admin/tenants/${tenant}/environments/sandbox/companies/CRONUS/partners`, {
          token: adminToken,
        }),
      (r) => r.body.total === 5,
      { what: 'the seeded partners in the sandbox' },
    );
    expect(partners.body.items.map((p: { partnerNo: string }) => p.partnerNo).sort()).toEqual([
      'C10000',
      'C10010',
      'C10020',
      'L10000',
      'V10000',
    ]);

    // Rita is Fabrikam's (C10000) representative; the simulator's seed made her contact CT000001.
    await grantMembership(
      platform,
      erpPlace(tenant),
      who.rita,
      { partnerType: 'customer', partnerNo: 'C10000', contactNo: 'CT000001' } as never,
      PortalRole.CustomerRepresentative,
    );
    const rita = await tokenOf(platform, who.rita);

    const { command, args, env: full } = simulator(['answer', '--via', 'gateway', '--delay-ms', '50'], env);
    answering = spawn(command, args, { env: full, cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });
    let said = '';
    answering.stderr?.on('data', (chunk) => (said += chunk));
    // Its consumer group must have joined before the orders arrive (a busy machine takes a while).
    await waitFor(
      () => said,
      (text) => text.includes('answering portal orders'),
      { what: 'the simulator to start answering', timeoutMs: 60_000 },
    );
    const place = (quantity: string, key: string) =>
      platform.call('POST', '/api/portal/orders', {
        token: rita,
        headers: { 'idempotency-key': key },
        body: order(quantity),
      });
    const taken = await place('2', 'sim-1');
    const tooMuch = await place('5000', 'sim-2');
    expect([taken.status, tooMuch.status]).toEqual([201, 201]);
    const answered = await waitFor(
      () => platform.call('GET', '/api/portal/orders', { token: rita }),
      (r) => r.body.items?.every((o: { status: string }) => o.status !== 'submitted'),
      { what: 'the simulator to answer both orders', timeoutMs: 60_000 },
    );
    const byId = (id: string) => answered.body.items.find((o: { portalOrderId: string }) => o.portalOrderId === id);
    expect(byId(taken.body.portalOrderId)).toMatchObject({
      status: 'accepted',
      erpDocumentId: expect.any(String),
      erpOrderNo: `SOW${taken.body.portalOrderNo.replace(/\D/g, '')}`,
    });
    expect(byId(tooMuch.body.portalOrderId)).toMatchObject({
      status: 'rejected',
      rejectionReason: expect.stringContaining('more than can be delivered'),
    });
    // The ERP's own sales order for the accepted one shows as Rita's purchase order, linked to the portal order.
    const linked = await waitFor(
      () =>
        platform.call('GET', `/api/portal/documents?search=${byId(taken.body.portalOrderId).erpOrderNo}`, {
          token: rita,
        }),
      (r) => r.body.items?.length === 1,
      { what: "the ERP's sales order" },
    );
    expect(linked.body.items[0]).toMatchObject({ type: 'purchase_order', portalOrderId: taken.body.portalOrderId });
    const orders = await platform.call('GET', '/api/portal/orders', { token: rita });
    expect(
      orders.body.items.find((o: { portalOrderId: string }) => o.portalOrderId === taken.body.portalOrderId),
    ).toMatchObject({
      erpDocumentId: linked.body.items[0].documentId,
    });

    const streamed = await run(
      [
        'stream',
        '--tenant',
        tenant,
        '--via',
        'gateway',
        '--customers',
        '3',
        '--vendors',
        '1',
        '--3pl',
        '1',
        '--rate',
        '1000',
        '--events',
        '400',
        '--duration',
        '30',
      ],
      env,
    );
    expect([streamed.status, streamed.stderr]).toEqual([0, expect.stringMatching(/done: 4\d\d events/)]);
    const documents = await waitFor(
      () => platform.call('GET', `/api/admin/tenants/${tenant}/documents?pageSize=200`, { token: adminToken }),
      (r) => r.body.items?.length >= 100,
      { what: 'the streamed documents' },
    );
    const types = new Set(documents.body.items.map((d: { erpDocumentType: string }) => d.erpDocumentType));
    expect([...types]).toEqual(expect.arrayContaining(['sales_order', 'sales_shipment', 'sales_invoice']));
  });

  it('answers orders as an HTTP-only connector: the feed read over the gateway, no Kafka client at all', async () => {
    // The Kafka answerer of the test before stops; the HTTP one gets no Kafka address or credential.
    if (answering && answering.exitCode === null) {
      const exited = new Promise((resolve) => answering!.once('exit', resolve));
      answering.kill('SIGTERM');
      await exited;
    }
    const adminToken = await tokenOf(platform, who.admin);
    const key = await platform.call('POST', `/api/admin/tenants/${tenant}/connector-keys`, {
      token: adminToken,
      body: { label: 'Business Central extension' },
    });
    const { command, args } = simulator(['answer', '--via', 'gateway', '--http', '--delay-ms', '50'], {});
    const env = { PATH: process.env.PATH, GATEWAY_URL: platform.gatewayUrl, CONNECTOR_API_KEY: key.body.key };
    answering = spawn(command, args, { env, cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });
    let said = '';
    answering.stderr?.on('data', (chunk) => (said += chunk));
    await waitFor(
      () => said,
      (text) => text.includes('answering portal orders read over HTTP'),
      { what: 'the simulator to start answering over HTTP', timeoutMs: 60_000 },
    );

    const rita = await tokenOf(platform, who.rita);
    const place = (quantity: string, idempotencyKey: string) =>
      platform.call('POST', '/api/portal/orders', {
        token: rita,
        headers: { 'idempotency-key': idempotencyKey },
        body: order(quantity),
      });
    const taken = await place('3', 'http-1');
    const tooMuch = await place('6000', 'http-2');
    const answered = await waitFor(
      () => platform.call('GET', '/api/portal/orders', { token: rita }),
      (r) =>
        [taken, tooMuch].every(
          (o) =>
            r.body.items?.find((i: { portalOrderId: string }) => i.portalOrderId === o.body.portalOrderId)?.status !==
            'submitted',
        ),
      { what: 'the HTTP-only simulator to answer both orders', timeoutMs: 60_000 },
    );
    const byId = (id: string) => answered.body.items.find((o: { portalOrderId: string }) => o.portalOrderId === id);
    expect(byId(taken.body.portalOrderId)).toMatchObject({ status: 'accepted', erpOrderNo: expect.any(String) });
    expect(byId(tooMuch.body.portalOrderId)).toMatchObject({ status: 'rejected' });
    // It acknowledged what it answered: nothing is left unacknowledged in the feed.
    const left = await waitFor(
      () =>
        platform.call('GET', '/api/connector/portal-orders', {
          headers: { authorization: `ApiKey ${key.body.key}` },
        }),
      (r) => r.body.orders?.length === 0,
      { what: 'the feed acknowledged' },
    );
    expect(Number(left.body.acknowledgedCursor)).toBeGreaterThanOrEqual(4);
    expect(said).not.toMatch(/kafka/i);
  });
});
