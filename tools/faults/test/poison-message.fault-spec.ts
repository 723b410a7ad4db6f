import { Client } from 'pg';
import { DlqHeaders, dlqTopicOf, ErpDocumentType, Topics } from '@partner-portal/contracts';
import {
  documentUpserted,
  erpPlace,
  isolatedEnvironment,
  readTopic,
  startServiceProcess,
  testServiceEnv,
  waitFor,
  type IsolatedEnvironment,
  EventPublisher,
  type ServiceProcess,
} from '@partner-portal/testing';
import { recordFigures } from '../src/figures';

// Fault 8: a connector publishes an event that breaks the contract, between good ones on the same partition.
describe('a poison message in the middle of a partition', () => {
  let env: IsolatedEnvironment;
  let service: ServiceProcess;
  let publisher: EventPublisher;
  let db: Client;
  const place = erpPlace('tenant-poison');
  const order = (documentNo: string, extra: object = {}) =>
    documentUpserted(place, { documentNo, documentType: ErpDocumentType.SalesOrder, partnerNo: 'C10000', ...extra });

  beforeAll(async () => {
    env = await isolatedEnvironment('poison');
    service = await startServiceProcess('document-projection', { ...testServiceEnv(env) });
    publisher = new EventPublisher(env.kafkaBrokers, env.topicPrefix);
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
  }, 120_000);
  afterAll(async () => {
    await db?.end();
    await publisher?.close();
    await service?.stop();
    await env?.dispose();
  });

  const present = async (documentNo: string) =>
    (await db.query(`SELECT 1 FROM document WHERE document_no = $1`, [documentNo])).rowCount === 1;

  it('goes to the dead-letter topic with its reason at once, and the next good event is visible within 5 seconds', async () => {
    const startedAt = Date.now();
    await publisher.publish(order('SO-BEFORE'));
    await waitFor(() => present('SO-BEFORE'), Boolean, { what: 'the first good order' });

    // Same key as the good ones that follow, so the same partition: a stuck consumer would hold them back.
    const [good, badAmount, badLines] = [order('SO-AFTER'), order('SO-AFTER'), order('SO-AFTER')];
    const poisons = [
      { ...badAmount, payload: { ...badAmount.payload, amount: 'a lot' } },
      { ...badLines, payload: { ...badLines.payload, lines: 'none' } },
    ];
    for (const poison of poisons) await publisher.publish(poison as typeof good);
    const sentAt = Date.now();
    await publisher.publish(good);
    await waitFor(() => present('SO-AFTER'), Boolean, { what: 'the good order after the poison', intervalMs: 50 });
    const visibleAfterMs = Date.now() - sentAt;

    const dead = await waitFor(
      async () =>
        readTopic(env.kafkaBrokers, dlqTopicOf(`${env.topicPrefix}${Topics.ErpDocuments}`), {
          count: 10,
          timeoutMs: 2_000,
        }),
      (list) => list.length >= poisons.length,
      { what: 'the poison messages dead-lettered' },
    );
    expect(dead.map((m) => JSON.parse(m.value!).eventId)).toEqual(poisons.map((p) => p.eventId));
    expect(dead.map((m) => m.headers[DlqHeaders.Error])).toEqual([
      expect.stringMatching(/amount/),
      expect.stringMatching(/lines/),
    ]);
    // Validation failures are not retried: they cannot pass on a second try.
    expect(dead.map((m) => m.headers[DlqHeaders.Attempts])).toEqual(['0', '0']);
    expect(visibleAfterMs).toBeLessThan(5_000);
    const { rows } = await db.query(`SELECT document_no, amount::text FROM document ORDER BY document_no`);
    expect(rows).toEqual([
      { document_no: 'SO-AFTER', amount: '100.000000' },
      { document_no: 'SO-BEFORE', amount: '100.000000' },
    ]);
    recordFigures('poison message: two invalid events between good ones on one partition', startedAt, {
      events: 4,
      faults: poisons.length,
      lost: 0,
      doubled: 0,
      deadLettered: dead.length,
      nextVisibleAfterMs: visibleAfterMs,
    });
  }, 120_000);
});
