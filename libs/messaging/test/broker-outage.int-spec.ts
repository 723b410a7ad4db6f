import type { DataSource } from 'typeorm';
import {
  createTestDatabase,
  dropTestDatabase,
  startEphemeralKafka,
  waitFor,
  type EphemeralKafka,
} from '@partner-portal/testing';
import { Outbox } from '../src';
import { companyEvent, migratedDataSource, tallyBinding, tallyCounts } from './fixtures';
import { MASTERDATA_TOPICS, MessagingRig } from './harness';

// This file stops and restarts a broker, so it runs its own instead of the shared one.
describe('with the broker stopped', () => {
  let kafka: EphemeralKafka;
  let database: { name: string; url: string };
  let dataSource: DataSource;
  let rig: MessagingRig;
  const outbox = new Outbox('messaging-test');

  beforeAll(async () => {
    [kafka, database] = await Promise.all([startEphemeralKafka(MASTERDATA_TOPICS), createTestDatabase('outage')]);
    dataSource = await migratedDataSource(database.url);
    rig = new MessagingRig(kafka.brokers, dataSource, '');
  }, 120_000);

  afterAll(async () => {
    await rig.stopAll();
    await dataSource.destroy();
    await kafka.destroy();
    await dropTestDatabase(database.name);
  });

  it('keeps 1,000 events appended during the outage and delivers each exactly once after the restart', async () => {
    const { relay } = await rig.startRelay({ batchSize: 200 });
    await rig.startConsumer([tallyBinding]);
    await dataSource.transaction((m) => outbox.append(m, [companyEvent(0, 'WARMUP')]));
    await waitFor(
      () => tallyCounts(dataSource),
      (c) => c.events === 1,
      { what: 'the warm-up event' },
    );

    await kafka.stop();
    for (let t = 0; t < 10; t += 1) {
      const events = Array.from({ length: 100 }, (_, i) => companyEvent(t * 100 + i + 1, `K${t % 3}`));
      await dataSource.transaction((m) => outbox.append(m, events));
    }
    await new Promise((r) => setTimeout(r, 3_000));
    expect(await relay.backlog()).toBe(1_000);
    expect(await tallyCounts(dataSource)).toEqual({ events: 1, repeated: 0 });

    await kafka.start();
    await waitFor(
      () => tallyCounts(dataSource),
      (c) => c.events === 1_001,
      {
        timeoutMs: 120_000,
        intervalMs: 500,
        what: 'all 1,000 events applied after the restart',
      },
    );
    expect(await tallyCounts(dataSource)).toEqual({ events: 1_001, repeated: 0 });
    expect(await relay.backlog()).toBe(0);
  }, 240_000);
});
