import { randomBytes } from 'node:crypto';
import {
  kafkaSecurityEnv,
  KafkaPrincipals,
  platformKafkaAcls,
  platformTopicSpecs,
  Topics,
  type KafkaPrincipal,
  type KafkaSecurity,
} from '@partner-portal/contracts';
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

const password = () => randomBytes(12).toString('hex');
const passwords = new Map<KafkaPrincipal, string>(Object.values(KafkaPrincipals).map((p) => [p, password()]));
const as = (principal: KafkaPrincipal): KafkaSecurity => ({
  sasl: { mechanism: 'scram-sha-512', username: principal, password: passwords.get(principal)! },
});

// The real process, configured only through KAFKA_SASL_*, on a broker of this file's own that enforces the ACLs.
describe('licensing on an authenticating broker', () => {
  let kafka: EphemeralKafka;
  let database: { name: string; url: string };
  let licensing: ServiceProcess;
  let connector: EventPublisher;
  const tenant = 'tenant-sasl';
  const admin = adminOf(tenant);
  const place = erpPlace(tenant);
  const overview = () => licensing.request('GET', `/internal/tenants/${tenant}/overview`, { principal: admin });

  beforeAll(async () => {
    [kafka, database] = await Promise.all([
      startEphemeralKafka(platformTopicSpecs(), {
        sasl: {
          adminPassword: password(),
          users: [...passwords].map(([name, secret]) => ({ name, password: secret })),
        },
        acls: platformKafkaAcls(),
      }),
      createTestDatabase('kafka-sasl'),
    ]);
    licensing = await startServiceProcess('licensing', {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: kafka.brokers.join(','),
      KAFKA_TOPIC_PREFIX: '',
      ...TEST_SERVICE_CREDENTIALS,
      ...kafkaSecurityEnv(as(KafkaPrincipals.Licensing)),
    });
    connector = new EventPublisher(kafka.brokers, '', as(KafkaPrincipals.Connector));
  }, 180_000);

  afterAll(async () => {
    await connector?.close();
    await licensing?.stop();
    await kafka?.destroy();
    if (database) await dropTestDatabase(database.name);
  }, 60_000);

  it('turns ready with its own credentials: its group joined and its producer connected', async () => {
    const ready = await licensing.request('GET', '/health/ready', { token: null });
    expect(ready.status).toBe(200);
  });

  it('applies what a connector publishes and publishes its own events, within its ACLs', async () => {
    // given a connector publishing that the extension is installed
    await connector.publish(extensionStatusChanged(place));
    // when licensing consumes it and a purchase is made
    await waitFor(
      overview,
      (r) => r.body.module?.extensions?.some((e: { companyId: string }) => e.companyId === place.companyId),
      { what: 'licensing to apply the extension a connector published' },
    );
    await licensing.request('POST', `/internal/tenants/${tenant}/cart/lines`, {
      principal: admin,
      body: { quantity: 2 },
    });
    const checkout = await licensing.request('POST', `/internal/tenants/${tenant}/checkout`, {
      principal: admin,
      headers: { 'idempotency-key': 'bought-over-sasl' },
    });
    expect(checkout.status).toBe(201);
    // then its relay publishes LicensesPurchased to licensing.events
    const purchases = await waitFor(
      async () =>
        (
          await readTopic(kafka.brokers, Topics.LicensingEvents, {
            count: 10,
            timeoutMs: 3_000,
            security: kafka.adminSecurity,
          })
        )
          .map((m) => JSON.parse(m.value!))
          .filter((e) => e.type === 'LicensesPurchased' && e.tenantId === tenant),
      (found) => found.length > 0,
      { what: 'the purchase published over SASL' },
    );
    expect(purchases[0].payload).toMatchObject({ quantity: 2 });
    expect(licensing.exited).toBe(false);
    // Nothing it does (dead-letter index group included) ran into an ACL.
    expect(licensing.output()).not.toMatch(/authori[sz]ation failed|not authorized/i);
  }, 90_000);
});
