import { Client } from 'pg';
import { ensureTopics } from '@partner-portal/infra';
import {
  createTestDatabase,
  dropTestDatabase,
  erpPlace,
  EventPublisher,
  startEphemeralKafka,
  startServiceProcess,
  TEST_SERVICE_CREDENTIALS,
  waitFor,
  type EphemeralKafka,
  type ServiceProcess,
} from '@partner-portal/testing';
import { appliedChanges, documentStream, exactly, projectionCounts, streamOutcome } from '../src/document-stream';
import { recordFigures } from '../src/figures';

// Fault 1: the broker dies (kill -9) in the middle of a connector's stream and comes back on its data.
describe('the broker killed during a 20,000-event stream', () => {
  let kafka: EphemeralKafka;
  let database: { name: string; url: string };
  let service: ServiceProcess;
  let db: Client;
  const place = erpPlace('tenant-broker-crash');

  beforeAll(async () => {
    [kafka, database] = await Promise.all([startEphemeralKafka(), createTestDatabase('broker-crash')]);
    await ensureTopics(kafka.brokers);
    service = await startServiceProcess('document-projection', {
      KAFKA_BROKERS: kafka.brokers.join(','),
      KAFKA_TOPIC_PREFIX: '',
      ...TEST_SERVICE_CREDENTIALS,
      DATABASE_URL: database.url,
    });
    db = new Client({ connectionString: database.url });
    await db.connect();
  }, 180_000);
  afterAll(async () => {
    await db?.end();
    await service?.stop();
    await kafka?.destroy();
    if (database) await dropTestDatabase(database.name);
  });

  it('every document is present once at its newest version, with each status change recorded once', async () => {
    const startedAt = Date.now();
    const stream = documentStream(place, 5_000, 4);
    const { events } = stream;
    const publisher = new EventPublisher(kafka.brokers, '');
    const streaming = publisher.publishMany(events, { batchSize: 250 });
    await waitFor(
      () => appliedChanges(db, stream.tenantId),
      (n) => n >= events.length / 4,
      {
        what: 'a quarter of the stream applied',
        timeoutMs: 120_000,
        intervalMs: 100,
      },
    );
    await kafka.crash();
    const appliedAtCrash = await appliedChanges(db, stream.tenantId);
    await new Promise((r) => setTimeout(r, 5_000));
    await kafka.start();
    const { resentBatches } = await streaming;
    await publisher.close();

    await waitFor(
      () => appliedChanges(db, stream.tenantId),
      (n) => n >= events.length,
      {
        what: 'the whole stream applied',
        timeoutMs: 300_000,
        intervalMs: 1_000,
      },
    );
    const counts = await projectionCounts(db, stream);
    expect(appliedAtCrash).toBeLessThan(events.length);
    expect(counts).toEqual(exactly(stream));
    recordFigures('broker kill -9 during a 20,000-event stream into document-projection', startedAt, {
      ...streamOutcome(stream, counts),
      faults: 1,
      appliedAtCrash,
      resentBatches,
    });
  }, 600_000);
});
