import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { readKafkaSecurity } from '@partner-portal/contracts';
import { isolatedEnvironment, waitFor, type IsolatedEnvironment } from '@partner-portal/testing';

// Proves that kafkajs 2.2.4 works with the pinned broker (infra/kafka/pom.xml) for what the platform relies on.
describe('kafkajs against the pinned Apache Kafka broker', () => {
  let env: IsolatedEnvironment;
  let kafka: Kafka;
  const topic = () => `${env.topicPrefix}compat`;

  beforeAll(async () => {
    env = await isolatedEnvironment('compat', [{ name: 'compat', partitions: 6 }]);
    kafka = new Kafka({
      clientId: 'compat-test',
      brokers: env.kafkaBrokers,
      logLevel: logLevel.NOTHING,
      ...readKafkaSecurity(),
    });
  });

  afterAll(() => env.dispose());

  it('spreads the partitions of a topic over the members of one consumer group, each message to one member', async () => {
    const groupId = `compat-${randomUUID()}`;
    const received = new Map<string, number>();
    const partitionsOf = { a: new Set<number>(), b: new Set<number>() };
    const consumers: Consumer[] = [];
    for (const member of ['a', 'b'] as const) {
      const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
      await consumer.connect();
      await consumer.subscribe({ topic: topic(), fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message, partition }) => {
          const value = message.value!.toString();
          received.set(value, (received.get(value) ?? 0) + 1);
          partitionsOf[member].add(partition);
        },
      });
      consumers.push(consumer);
    }
    const admin = kafka.admin();
    await admin.connect();
    await waitFor(
      async () => (await admin.describeGroups([groupId])).groups[0]?.members.length ?? 0,
      (members) => members === 2,
      { what: 'both members in the group' },
    );
    await admin.disconnect();
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await producer.send({
      topic: topic(),
      acks: -1,
      messages: Array.from({ length: 120 }, (_, i) => ({ key: `key-${i % 12}`, value: `m${i}` })),
    });
    await producer.disconnect();

    await waitFor(
      () => received.size,
      (n) => n === 120,
      { what: '120 messages' },
    );
    await Promise.all(consumers.map((c) => c.disconnect()));
    expect([...received.values()].every((times) => times === 1)).toBe(true);
    expect(partitionsOf.a.size).toBeGreaterThan(0);
    expect(partitionsOf.b.size).toBeGreaterThan(0);
    expect([...partitionsOf.a].filter((p) => partitionsOf.b.has(p))).toEqual([]);
  });

  it('commits and aborts transactions that a read-committed consumer honours', async () => {
    const producer = kafka.producer({
      transactionalId: `compat-${randomUUID()}`,
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await producer.connect();
    const committed = await producer.transaction();
    await committed.send({ topic: topic(), messages: [{ key: 'tx', value: 'tx-committed' }] });
    await committed.commit();
    const aborted = await producer.transaction();
    await aborted.send({ topic: topic(), messages: [{ key: 'tx', value: 'tx-aborted' }] });
    await aborted.abort();
    await producer.disconnect();

    const values: string[] = [];
    const consumer = kafka.consumer({
      groupId: `compat-${randomUUID()}`,
      readUncommitted: false,
      maxWaitTimeInMs: 100,
    });
    await consumer.connect();
    await consumer.subscribe({ topic: topic(), fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const value = message.value!.toString();
        if (value.startsWith('tx-')) values.push(value);
      },
    });
    await waitFor(
      () => values.length,
      (n) => n >= 1,
      { what: 'the committed transaction' },
    );
    await new Promise((r) => setTimeout(r, 1_000));
    await consumer.disconnect();
    expect(values).toEqual(['tx-committed']);
  });
});
