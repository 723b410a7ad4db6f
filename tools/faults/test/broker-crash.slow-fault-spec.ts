import { Client } from 'pg';
import { ErpDocumentType } from '@partner-portal/contracts';
import { ensureTopics } from '@partner-portal/infra';
import {
  createTestDatabase,
  documentUpserted,
  dropTestDatabase,
  erpPlace,
  EventPublisher,
  startEphemeralKafka,
  startServiceProcess,
  TEST_INTERNAL_TOKEN,
  waitFor,
  type EphemeralKafka,
  type ServiceProcess,
} from '@partner-portal/testing';
import { recordFigures } from '../src/figures';

const DOCUMENTS = 5_000;
const VERSIONS = 4;
const STATUSES = ['Open', 'Released', 'Shipped', 'Invoiced'];

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
      INTERNAL_API_TOKEN: TEST_INTERNAL_TOKEN,
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
    // Version v of every document before version v+1 of any: the newest versions come last in the stream.
    const events = Array.from({ length: VERSIONS }, (_, v) =>
      Array.from({ length: DOCUMENTS }, (_, d) =>
        documentUpserted(place, {
          documentNo: `SO-${String(d).padStart(5, '0')}`,
          documentType: ErpDocumentType.SalesOrder,
          partnerNo: `C${10_000 + (d % 50)}`,
          erpVersion: v + 1,
          status: STATUSES[v],
        }),
      ),
    ).flat();
    const publisher = new EventPublisher(kafka.brokers, '');
    const streaming = publisher.publishMany(events, { batchSize: 250 });
    const historyRows = async () =>
      Number((await db.query(`SELECT count(*) FROM document_status_history`)).rows[0].count);
    await waitFor(historyRows, (n) => n >= events.length / 4, {
      what: 'a quarter of the stream applied',
      timeoutMs: 120_000,
      intervalMs: 100,
    });
    await kafka.crash();
    const appliedAtCrash = await historyRows();
    await new Promise((r) => setTimeout(r, 5_000));
    await kafka.start();
    const { resentBatches } = await streaming;
    await publisher.close();

    await waitFor(historyRows, (n) => n >= events.length, {
      what: 'the whole stream applied',
      timeoutMs: 300_000,
      intervalMs: 1_000,
    });
    const { rows } = await db.query(`
      SELECT count(*)::int AS documents,
             count(*) FILTER (WHERE erp_version = ${VERSIONS} AND status = '${STATUSES[VERSIONS - 1]}')::int AS newest,
             (SELECT count(*)::int FROM document_status_history) AS changes,
             (SELECT count(*)::int FROM (SELECT document_id FROM document_status_history
                GROUP BY document_id HAVING count(*) <> ${VERSIONS}) odd) AS odd
        FROM document`);
    expect(appliedAtCrash).toBeLessThan(events.length);
    expect(rows[0]).toEqual({ documents: DOCUMENTS, newest: DOCUMENTS, changes: events.length, odd: 0 });
    recordFigures('broker kill -9 during a 20,000-event stream into document-projection', startedAt, {
      events: events.length,
      faults: 1,
      lost: events.length - rows[0].changes,
      doubled: Math.max(0, rows[0].changes - events.length),
      appliedAtCrash,
      resentBatches,
    });
  }, 600_000);
});
