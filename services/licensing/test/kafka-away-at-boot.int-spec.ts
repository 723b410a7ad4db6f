import { Client } from 'pg';
import { platformTopicSpecs, Topics } from '@partner-portal/contracts';
import {
  adminOf,
  createTestDatabase,
  dropTestDatabase,
  erpPlace,
  EventPublisher,
  extensionStatusChanged,
  readTopic,
  startEphemeralKafka,
  startServiceProcess,
  TEST_SERVICE_CREDENTIALS,
  waitFor,
  type EphemeralKafka,
  type ServiceProcess,
} from '@partner-portal/testing';

// A broker of this file's own, stopped before the service starts: the shared broker must stay up for everyone else.
describe('licensing started while its Kafka broker is away', () => {
  let kafka: EphemeralKafka;
  let database: { name: string; url: string };
  let licensing: ServiceProcess;
  let publisher: EventPublisher | undefined;
  const tenant = 'tenant-boot';
  const admin = adminOf(tenant);
  const place = erpPlace(tenant);

  const start = () =>
    startServiceProcess(
      'licensing',
      {
        DATABASE_URL: database.url,
        KAFKA_BROKERS: kafka.brokers.join(','),
        KAFKA_TOPIC_PREFIX: '',
        ...TEST_SERVICE_CREDENTIALS,
      },
      { waitUntil: 'live' },
    );
  const readiness = async () => {
    const response = await licensing.request('GET', '/health/ready', { token: null });
    return { status: response.status, detail: String(response.body?.detail ?? '') };
  };
  const overview = () => licensing.request('GET', `/internal/tenants/${tenant}/overview`, { principal: admin });
  const purchasesPublished = async () =>
    (await readTopic(kafka.brokers, Topics.LicensingEvents, { count: 100, timeoutMs: 3_000 }))
      .map((m) => JSON.parse(m.value!))
      .filter((e) => e.type === 'LicensesPurchased' && e.tenantId === tenant);
  const inboxRows = async (eventId: string) => {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT count(*)::int AS n FROM processed_message WHERE consumer_group = 'licensing' AND event_id = $1`,
        [eventId],
      );
      return rows[0].n as number;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    [kafka, database] = await Promise.all([
      startEphemeralKafka(platformTopicSpecs()),
      createTestDatabase('kafka-away-at-boot'),
    ]);
    await kafka.stop();
    licensing = await start();
  }, 180_000);

  afterAll(async () => {
    await publisher?.close();
    await licensing?.stop();
    await kafka?.destroy();
    if (database) await dropTestDatabase(database.name);
  });

  it('stays up, answers reads and writes from its database, and is not ready naming Kafka and its consumer group', async () => {
    // Longer than kafkajs takes to give up one connection attempt: the process must not exit when it does.
    await new Promise((r) => setTimeout(r, 25_000));
    expect(licensing.exited).toBe(false);

    expect((await licensing.request('GET', '/health/live', { token: null })).status).toBe(200);
    const ready = await readiness();
    expect(ready.status).toBe(503);
    expect(ready.detail).toMatch(/^kafka not ready: broker not answering \(.+\)/);
    expect(ready.detail).toContain('consumer group licensing not joined');
    expect(ready.detail).toContain('outbox producer not connected');

    const before = await overview();
    expect(before.status).toBe(200);
    expect(before.body.pool).toMatchObject({ purchased: 0 });

    // A purchase needs only the database and the outbox: its event waits there for the broker.
    await licensing.request('POST', `/internal/tenants/${tenant}/cart/lines`, {
      principal: admin,
      body: { quantity: 3 },
    });
    const checkout = await licensing.request('POST', `/internal/tenants/${tenant}/checkout`, {
      principal: admin,
      headers: { 'idempotency-key': 'bought-while-kafka-away' },
    });
    expect(checkout.status).toBe(201);
    expect((await overview()).body.pool).toMatchObject({ purchased: 3 });
  }, 60_000);

  it('exits promptly on SIGTERM while it is still connecting', async () => {
    const second = await start();
    const started = Date.now();
    await second.stop();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(second.exited).toBe(true);
  }, 90_000);

  it('turns ready once the broker is back, then publishes the purchase made meanwhile once and applies a new event once', async () => {
    await kafka.start();
    await waitFor(readiness, (r) => r.status === 200, {
      timeoutMs: 90_000,
      intervalMs: 500,
      what: 'licensing to turn ready after the broker came back',
    });

    publisher = new EventPublisher(kafka.brokers, '');
    const installed = extensionStatusChanged(place);
    await publisher.publish(installed);
    const known = await waitFor(
      overview,
      (r) => r.body.module?.extensions?.some((e: { companyId: string }) => e.companyId === place.companyId),
      { what: 'licensing to apply the extension installed after the broker came back' },
    );
    expect(known.body.module.extensions).toHaveLength(1);
    expect(await inboxRows(installed.eventId)).toBe(1);

    const purchases = await waitFor(purchasesPublished, (found) => found.length > 0, {
      what: 'the purchase made while the broker was away, published',
    });
    expect(purchases).toHaveLength(1);
    expect(purchases[0].payload).toMatchObject({ quantity: 3 });
    expect(licensing.exited).toBe(false);
  }, 180_000);

  it('says so when it loses the broker later, and rejoins its group when the broker returns', async () => {
    await kafka.stop();
    // The consumer's fetches fail until kafkajs gives up and crashes it, for good: the link must take over.
    const lost = await waitFor(readiness, (r) => r.detail.includes('consumer group licensing not joined'), {
      timeoutMs: 90_000,
      intervalMs: 1_000,
      what: 'readiness to report the consumer group lost',
    });
    expect(lost.status).toBe(503);

    await kafka.start();
    await waitFor(readiness, (r) => r.status === 200, {
      timeoutMs: 90_000,
      intervalMs: 500,
      what: 'licensing to turn ready again',
    });
    const uninstalled = extensionStatusChanged(place, false, 2);
    await publisher!.publish(uninstalled);
    await waitFor(overview, (r) => r.body.module?.extensions?.some((e: { installed: boolean }) => !e.installed), {
      what: 'licensing to apply the uninstall published after the second outage',
    });
    expect(await inboxRows(uninstalled.eventId)).toBe(1);
  }, 240_000);
});
