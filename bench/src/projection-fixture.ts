// What the projection benchmarks share: DocumentUpserted events of 1,000 customers, published to the real broker,
// and document-projection instances (processes from the build) projecting them until their offsets are committed.
import { Kafka, logLevel, Partitioners, type Admin } from 'kafkajs';
import { Client } from 'pg';
import {
  ConsumerGroups,
  DocumentUpserted,
  ErpDocumentType,
  EventHeaders,
  PartnerType,
  readKafkaSecurity,
  type EventOf,
} from '@partner-portal/contracts';
import {
  documentUpserted,
  erpPlace,
  startServiceProcess,
  TEST_SERVICE_CREDENTIALS,
  type IsolatedEnvironment,
} from '@partner-portal/testing';
import { cpuSampler } from './bench-env';

export type Upserted = EventOf<typeof DocumentUpserted>;

const PARTNERS = 1_000;

/** `count` sales orders of 1,000 customers, two lines each. */
export function events(tenantId: string, count: number): Upserted[] {
  const place = erpPlace(tenantId);
  return Array.from({ length: count }, (_, i) =>
    documentUpserted(place, {
      documentNo: `SO-${String(i).padStart(8, '0')}`,
      documentType: ErpDocumentType.SalesOrder,
      partnerNo: `C${10_000 + (i % PARTNERS)}`,
      partnerType: PartnerType.Customer,
      contactNo: `CT${i % 7}`,
      documentDate: `2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      lines: [
        {
          lineNo: 10000,
          itemNo: 'DESK',
          description: 'ATHENS Desk',
          quantity: '2',
          unitCode: 'PCS',
          unitPrice: '649.00',
          lineAmount: '1298.00',
        },
        {
          lineNo: 20000,
          itemNo: 'LAMP',
          description: 'Desk lamp',
          quantity: '1',
          unitCode: 'PCS',
          unitPrice: '39.95',
          lineAmount: '39.95',
        },
      ],
    }),
  );
}

/** Publishes the events to a topic in batches of 5,000, keyed by partner as connectors key them. */
export async function publish(brokers: string[], topic: string, batch: Upserted[]): Promise<void> {
  const producer = new Kafka({
    clientId: 'bench',
    brokers,
    logLevel: logLevel.NOTHING,
    ...readKafkaSecurity(),
  }).producer({
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  for (let i = 0; i < batch.length; i += 5_000) {
    await producer.send({
      topic,
      acks: -1,
      messages: batch.slice(i, i + 5_000).map((e) => ({
        key: `${e.tenantId}|${e.payload.environment}|${e.payload.companyId}|${e.payload.partnerNo}`,
        value: JSON.stringify(e),
        headers: { [EventHeaders.Type]: e.type, [EventHeaders.Version]: '1' },
      })),
    });
  }
  await producer.disconnect();
}

/**
 * Events the service has applied and committed: its consumer group's committed offsets, which it commits only after
 * the database transaction (polling these costs the database nothing, unlike counting the table every 100 ms).
 */
export async function committed(admin: Admin, groupId: string, topic: string): Promise<number> {
  const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return offsets.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
}

/** Documents in the table. */
export async function count(url: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT count(*)::int AS n FROM document');
    return rows[0].n;
  } finally {
    await client.end();
  }
}

/** How a projection run went. */
export interface ProjectionRun {
  /** From the moment every instance was ready until every event's offset was committed. */
  seconds: number;
  /** Events projected while instances were still starting or joining the group (not counted in the rate). */
  eventsBeforeReady: number;
  eventsPerSecond: number;
  startSeconds: number;
  /** Percent of one core each part used while projecting (200 is both cores), and what stayed idle. */
  cpuPercent: Record<string, number>;
}

/** The parts of the system whose CPU use the projection benchmarks report. */
export const CPU_GROUPS = {
  postgres: /^postgres/,
  documentProjection: /document-projection\/dist\/main\.js/,
  kafka: /kafka\.Kafka|kafka_2\.13/,
};

/**
 * Starts `instances` document-projection processes in one consumer group on the environment's topics and database,
 * and waits until the group has committed every one of `total` events (offsets are committed only after the
 * database transaction, and polling them costs the database nothing).
 */
export async function projectWith(env: IsolatedEnvironment, instances: number, total: number): Promise<ProjectionRun> {
  const topic = `${env.topicPrefix}erp.documents`;
  const admin = new Kafka({
    clientId: 'bench-watch',
    brokers: env.kafkaBrokers,
    logLevel: logLevel.NOTHING,
    ...readKafkaSecurity(),
  }).admin();
  await admin.connect();
  const started = Date.now();
  const services = await Promise.all(
    Array.from({ length: instances }, () =>
      startServiceProcess('document-projection', {
        DATABASE_URL: env.databaseUrl,
        KAFKA_BROKERS: env.kafkaBrokers.join(','),
        KAFKA_TOPIC_PREFIX: env.topicPrefix,
        ...TEST_SERVICE_CREDENTIALS,
        PROJECTION_PARTITIONS_CONCURRENTLY: process.env.PROJECTION_PARTITIONS_CONCURRENTLY ?? '3',
      }),
    ),
  );
  try {
    const group = `${env.topicPrefix}${ConsumerGroups.DocumentProjection}`;
    // Every instance must hold its share of the partitions before the clock starts: a group still rebalancing
    // would measure one instance's start-up, not the instances' rate.
    for (;;) {
      const [described] = (await admin.describeGroups([group])).groups;
      if (described.state === 'Stable' && described.members.length === instances) break;
      if (Date.now() - started > 120_000) throw new Error(`the group never settled with ${instances} members`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const ready = Date.now();
    const doneAtReady = await committed(admin, group, topic);
    const cpu = cpuSampler(CPU_GROUPS);
    for (let done = 0; done < total;) {
      await new Promise((r) => setTimeout(r, 50));
      done = await committed(admin, group, topic);
      if (Date.now() - started > 600_000) throw new Error(`only ${done} of ${total} projected after 10 minutes`);
    }
    const seconds = (Date.now() - ready) / 1000;
    const cpuPercent = cpu.stop();
    const projected = await count(env.databaseUrl);
    if (projected !== total) throw new Error(`offsets committed, but ${projected} of ${total} documents in the table`);
    return {
      seconds,
      eventsBeforeReady: doneAtReady,
      eventsPerSecond: Math.round((total - doneAtReady) / seconds),
      startSeconds: (ready - started) / 1000,
      cpuPercent,
    };
  } finally {
    await admin.disconnect();
    await Promise.all(services.map((s) => s.stop()));
  }
}
