import type { DataSource } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { DlqHeaders, Topics, dlqTopicOf } from '@partner-portal/contracts';
import { isolatedEnvironment, readTopic, waitFor, type IsolatedEnvironment } from '@partner-portal/testing';
import { Outbox, TransientError, physicalTopic, type HandlerBinding } from '../src';
import { applyTally, companyEvent, migratedDataSource, tallyBinding, tallyCounts } from './fixtures';
import { MASTERDATA_TOPICS, MessagingRig } from './harness';

describe('outbox and inbox through the real broker and database', () => {
  let env: IsolatedEnvironment;
  let dataSource: DataSource;
  let rig: MessagingRig;
  const outbox = new Outbox('messaging-test');

  beforeEach(async () => {
    env = await isolatedEnvironment(expect.getState().currentTestName ?? 'messaging', MASTERDATA_TOPICS);
    dataSource = await migratedDataSource(env.databaseUrl);
    rig = new MessagingRig(env.kafkaBrokers, dataSource, env.topicPrefix);
  });

  afterEach(async () => {
    await rig?.stopAll();
    if (dataSource?.isInitialized) await dataSource.destroy();
    await env?.dispose();
  });

  const topic = () => physicalTopic(env.topicPrefix, Topics.ErpMasterdata);
  const dlq = () => physicalTopic(env.topicPrefix, dlqTopicOf(Topics.ErpMasterdata));

  it('delivers an event appended in a committed transaction once, and nothing of a rolled-back one', async () => {
    const committed = companyEvent(1);
    const rolledBack = companyEvent(2);
    const later = companyEvent(3);
    await dataSource.transaction((m) => outbox.append(m, [committed]));
    await expect(
      dataSource.transaction(async (m) => {
        await outbox.append(m, [rolledBack]);
        throw new Error('the business change failed');
      }),
    ).rejects.toThrow('the business change failed');
    await dataSource.transaction((m) => outbox.append(m, [later]));

    await rig.startRelay();
    await rig.startConsumer([tallyBinding]);

    await waitFor(
      () => tallyCounts(dataSource),
      (c) => c.events >= 2,
      { what: 'two events applied' },
    );
    const applied = await dataSource.query('SELECT event_id FROM tally ORDER BY arrival');
    expect(applied.map((r: { event_id: string }) => r.event_id)).toEqual([committed.eventId, later.eventId]);
    expect(await dataSource.query('SELECT 1 FROM outbox_message WHERE event_id = $1', [rolledBack.eventId])).toEqual(
      [],
    );
    const published = await readTopic(env.kafkaBrokers, topic(), { count: 3, timeoutMs: 3_000 });
    expect(published.map((m) => JSON.parse(m.value!).eventId).sort()).toEqual(
      [committed.eventId, later.eventId].sort(),
    );
    expect(published[0].headers).toMatchObject({ type: 'CompanyUpserted', version: '1', tenantId: 'tenant-a' });
  });

  it('changes nothing when the same events are delivered again after the offsets are replayed', async () => {
    await dataSource.transaction((m) =>
      outbox.append(
        m,
        Array.from({ length: 50 }, (_, i) => companyEvent(i, `C${i % 5}`)),
      ),
    );
    await rig.startRelay();
    const first = await rig.startConsumer([tallyBinding], { groupId: 'replayed' });
    await waitFor(
      () => tallyCounts(dataSource),
      (c) => c.events === 50,
      { what: '50 events applied' },
    );
    await first.stop();
    const before = await dataSource.query('SELECT event_id, times FROM tally ORDER BY event_id');

    const admin = rig.kafka.admin();
    await admin.connect();
    await admin.resetOffsets({ groupId: `${env.topicPrefix}replayed`, topic: topic(), earliest: true });
    await admin.disconnect();
    const second = await rig.startConsumer([tallyBinding], { groupId: 'replayed' });
    await waitFor(
      () => second.consumer.stats.duplicates,
      (n) => n === 50,
      { what: '50 redeliveries seen' },
    );

    expect(await dataSource.query('SELECT event_id, times FROM tally ORDER BY event_id')).toEqual(before);
    expect(await tallyCounts(dataSource)).toEqual({ events: 50, repeated: 0 });
  });

  it('sends malformed messages to the dead-letter topic with the reason and processes the ones behind them', async () => {
    const producer = rig.kafka.producer();
    await producer.connect();
    const good1 = companyEvent(1);
    const good2 = companyEvent(2);
    const badPayload = { ...companyEvent(3), payload: { ...companyEvent(3).payload, erpVersion: -1 } };
    await producer.send({
      topic: topic(),
      messages: [
        { key: 'same-key', value: JSON.stringify(good1) },
        { key: 'same-key', value: '{"this is": not json' },
        { key: 'same-key', value: JSON.stringify(badPayload), headers: { type: 'CompanyUpserted' } },
        { key: 'same-key', value: JSON.stringify(good2) },
      ],
    });
    await producer.disconnect();

    const { consumer } = await rig.startConsumer([tallyBinding]);
    await waitFor(
      () => tallyCounts(dataSource),
      (c) => c.events === 2,
      { what: 'the two good events applied' },
    );
    const dead = await readTopic(env.kafkaBrokers, dlq(), { count: 2 });

    expect(dead).toHaveLength(2);
    expect(dead.map((m) => m.value)).toEqual(['{"this is": not json', JSON.stringify(badPayload)]);
    expect(dead[0].headers[DlqHeaders.Error]).toContain('is not JSON');
    expect(dead[1].headers[DlqHeaders.Error]).toBe('payload.erpVersion: erpVersion must not be less than 0');
    expect(dead[1].headers).toMatchObject({
      type: 'CompanyUpserted',
      [DlqHeaders.OriginalTopic]: topic(),
      [DlqHeaders.ConsumerGroup]: 'messaging-test-consumer',
      [DlqHeaders.Attempts]: '0',
    });
    expect(Number(dead[1].headers[DlqHeaders.OriginalOffset])).toBe(
      Number(dead[0].headers[DlqHeaders.OriginalOffset]) + 1,
    );
    expect(consumer.stats.deadLettered).toBe(2);
  });

  it('dead-letters an event whose handler keeps failing, committing neither its read-model change nor its inbox row', async () => {
    const poison = companyEvent(13);
    const events = [companyEvent(12), poison, companyEvent(14)];
    const failing: HandlerBinding = {
      ...tallyBinding,
      mode: 'single',
      handle: async (event, context) => {
        await applyTally(event, context);
        if ((event.payload as { erpVersion: number }).erpVersion === 13) throw new RangeError('version 13 is cursed');
      },
    };
    await dataSource.transaction((m) => outbox.append(m, events));
    await rig.startRelay();
    await rig.startConsumer([failing], { maxAttempts: 3 });

    const dead = await readTopic(env.kafkaBrokers, dlq(), { count: 1 });
    await waitFor(
      () => tallyCounts(dataSource),
      (c) => c.events === 2,
      { what: 'the healthy events applied' },
    );

    expect(JSON.parse(dead[0].value!).eventId).toBe(poison.eventId);
    expect(dead[0].headers).toMatchObject({
      [DlqHeaders.Error]: 'RangeError: version 13 is cursed',
      [DlqHeaders.Attempts]: '3',
    });
    expect(await dataSource.query('SELECT sequence FROM tally ORDER BY sequence')).toEqual([
      { sequence: 12 },
      { sequence: 14 },
    ]);
    expect(await dataSource.query('SELECT 1 FROM processed_message WHERE event_id = $1', [poison.eventId])).toEqual([]);
  });

  it('retries an event through a transient failure and applies it once', async () => {
    let failuresLeft = 3;
    const flaky: HandlerBinding = {
      ...tallyBinding,
      mode: 'single',
      handle: async (event, context) => {
        if (failuresLeft-- > 0) throw new TransientError('database briefly unavailable');
        await applyTally(event, context);
      },
    };
    await dataSource.transaction((m) => outbox.append(m, [companyEvent(1)]));
    await rig.startRelay();
    const { consumer } = await rig.startConsumer([flaky], { maxAttempts: 2 });

    await waitFor(
      () => tallyCounts(dataSource),
      (c) => c.events === 1,
      { what: 'the event applied' },
    );
    expect(consumer.stats).toMatchObject({ retries: 3, deadLettered: 0, processed: 1 });
    expect(await tallyCounts(dataSource)).toEqual({ events: 1, repeated: 0 });
  });

  it('does not spend the retry budget on an outage: a good event that fails once after it is applied, not dead-lettered', async () => {
    // Five transient failures (an outage) then one error of the handler itself, against a budget of two.
    const failures: Error[] = [
      ...Array.from({ length: 5 }, () => new TransientError('database unavailable')),
      new RangeError('a lock timeout the driver does not call transient'),
    ];
    const recovering: HandlerBinding = {
      ...tallyBinding,
      mode: 'single',
      handle: async (event, context) => {
        const failure = failures.shift();
        if (failure) throw failure;
        await applyTally(event, context);
      },
    };
    await dataSource.transaction((m) => outbox.append(m, [companyEvent(1)]));
    await rig.startRelay();
    const { consumer } = await rig.startConsumer([recovering], { maxAttempts: 2 });

    await waitFor(
      () => tallyCounts(dataSource),
      (c) => c.events === 1,
      { what: 'the event applied after the outage' },
    );
    expect(consumer.stats).toMatchObject({ retries: 6, deadLettered: 0, processed: 1 });
  });

  it("forgets processed events only past the retention, only its own group's, and still skips a redelivery it remembers", async () => {
    const recent = companyEvent(1);
    await dataSource.transaction((m) => outbox.append(m, [recent]));
    await rig.startRelay();
    const { consumer } = await rig.startConsumer([tallyBinding], { retainProcessedMs: 24 * 3_600_000 });
    await waitFor(
      () => tallyCounts(dataSource),
      (c) => c.events === 1,
      { what: 'the event applied' },
    );
    const old = (group: string, days: number) =>
      dataSource.query(
        `INSERT INTO processed_message (consumer_group, event_id, processed_at)
         SELECT $1, gen_random_uuid(), now() - ($2::int * interval '1 day') FROM generate_series(1, 6000)`,
        [group, days],
      );
    await old('messaging-test-consumer', 2);
    await old('another-service', 2);

    expect(await consumer.pruneProcessed()).toBe(6_000);
    const left: { consumer_group: string; n: number }[] = await dataSource.query(
      `SELECT consumer_group, count(*)::int AS n FROM processed_message GROUP BY consumer_group ORDER BY 1`,
    );
    expect(left).toEqual([
      { consumer_group: 'another-service', n: 6_000 },
      { consumer_group: 'messaging-test-consumer', n: 1 },
    ]);
    // The event processed today is still remembered: its redelivery is skipped, not applied twice.
    await dataSource.query(`UPDATE outbox_message SET published_at = NULL`);
    await waitFor(
      () => Promise.resolve(consumer.stats.duplicates),
      (n) => n >= 1,
      { what: 'the redelivery skipped' },
    );
    expect(await tallyCounts(dataSource)).toEqual({ events: 1, repeated: 0 });
  });

  it('loses nothing and duplicates nothing with two relay instances running at once, keeping order per key', async () => {
    await rig.startRelay({ batchSize: 50 });
    await rig.startRelay({ batchSize: 50 });
    await rig.startConsumer([tallyBinding], { partitionsConsumedConcurrently: 3 });

    const writers = Array.from({ length: 4 }, (_, w) =>
      (async () => {
        for (let t = 0; t < 10; t += 1) {
          const events = Array.from({ length: 50 }, (_, i) => companyEvent(t * 50 + i, `K${w}`));
          await dataSource.transaction((m) => outbox.append(m, events));
        }
      })(),
    );
    await Promise.all(writers);

    await waitFor(
      () => tallyCounts(dataSource),
      (c) => c.events === 2_000,
      { timeoutMs: 60_000, what: '2000 events applied' },
    );
    expect(await tallyCounts(dataSource)).toEqual({ events: 2_000, repeated: 0 });
    const published = await readTopic(env.kafkaBrokers, topic(), { count: 2_001, timeoutMs: 5_000 });
    expect(published).toHaveLength(2_000);
    const outOfOrder = await dataSource.query(`
      SELECT count(*)::int AS n FROM (
        SELECT sequence < lag(sequence) OVER (PARTITION BY message_key ORDER BY arrival) AS backwards FROM tally
      ) s WHERE backwards`);
    expect(outOfOrder).toEqual([{ n: 0 }]);
  });

  it('refuses to append outside a transaction and refuses an event that breaks its contract', async () => {
    await expect(outbox.append(dataSource.manager, [companyEvent(1)])).rejects.toThrow('inside a transaction');
    const broken = { ...companyEvent(1), eventId: randomUUID(), payload: { name: 'no scope' } };
    await expect(dataSource.transaction((m) => outbox.append(m, [broken]))).rejects.toThrow(
      /payload\.environment: .*payload\.erpVersion/s,
    );
    expect(await dataSource.query('SELECT count(*)::int AS n FROM outbox_message')).toEqual([{ n: 0 }]);
  });

  it('applies nothing and counts no failure while its gate holds, and applies every held event once it opens', async () => {
    let gate: 'apply' | 'hold' = 'hold';
    const asked: string[] = [];
    await dataSource.transaction((m) =>
      outbox.append(
        m,
        Array.from({ length: 5 }, (_, i) => companyEvent(i)),
      ),
    );
    await rig.startRelay();
    const { consumer } = await rig.startConsumer([tallyBinding], {
      groupId: 'gated',
      holdPollMs: 50,
      gate: async (_manager, topic) => {
        asked.push(topic);
        return gate;
      },
    });

    await waitFor(
      () => asked.length,
      (n) => n >= 5,
      { what: 'the gate asked while holding' },
    );
    expect(await tallyCounts(dataSource)).toEqual({ events: 0, repeated: 0 });
    expect(
      await dataSource.query(`SELECT count(*)::int AS n FROM processed_message WHERE consumer_group = 'gated'`),
    ).toEqual([{ n: 0 }]);
    expect(asked.every((t) => t === Topics.ErpMasterdata)).toBe(true);

    gate = 'apply';
    await waitFor(
      () => tallyCounts(dataSource),
      (c) => c.events === 5,
      { what: 'the held events applied' },
    );
    expect(consumer.stats).toMatchObject({ processed: 5, retries: 0, deadLettered: 0 });
  });
});
