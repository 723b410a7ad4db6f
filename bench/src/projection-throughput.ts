// Projection throughput: DocumentUpserted events through the real broker into the document-projection service
// (run as a process from its build), against a plain bulk upsert of the same rows into the same table, in one run.
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, Partitioners, type Admin } from 'kafkajs';
import { Client } from 'pg';
import {
  ConsumerGroups,
  DocumentUpserted,
  ErpDocumentType,
  EventHeaders,
  PartnerType,
  type EventOf,
} from '@partner-portal/contracts';

type Upserted = EventOf<typeof DocumentUpserted>;
import {
  documentUpserted,
  erpPlace,
  isolatedEnvironment,
  startServiceProcess,
  TEST_INTERNAL_TOKEN,
} from '@partner-portal/testing';
import { prepareBench, progress, report } from './bench-env';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const PARTNERS = 1_000;

function events(tenantId: string): Upserted[] {
  const place = erpPlace(tenantId);
  return Array.from({ length: EVENTS }, (_, i) =>
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

async function publish(brokers: string[], topic: string, batch: Upserted[]): Promise<void> {
  const producer = new Kafka({ clientId: 'bench', brokers, logLevel: logLevel.NOTHING }).producer({
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
async function committed(admin: Admin, groupId: string, topic: string): Promise<number> {
  const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return offsets.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
}

async function count(url: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT count(*)::int AS n FROM document');
    return rows[0].n;
  } finally {
    await client.end();
  }
}

async function truncate(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query('TRUNCATE document');
  await client.query('VACUUM ANALYZE document');
  await client.end();
}

/** The baseline: the same rows, one multi-row upsert per 1,000, straight into the same table. */
async function plainBulkUpsert(url: string, batch: Upserted[]): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const started = process.hrtime.bigint();
  for (let i = 0; i < batch.length; i += 1_000) {
    const rows = batch.slice(i, i + 1_000);
    const col = (pick: (e: Upserted) => unknown) => rows.map(pick);
    await client.query(
      `INSERT INTO document (tenant_id, environment, company_id, document_type, document_no, partner_type, partner_no, view_type,
                             contact_no, status, document_date, currency_code, amount, amount_including_tax, lines, line_count, erp_version)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                            $10::text[], $11::date[], $12::text[], $13::numeric[], $14::numeric[], $15::jsonb[], $16::int[], $17::bigint[])
       ON CONFLICT (tenant_id, environment, company_id, document_type, document_no) DO UPDATE SET status = EXCLUDED.status,
         lines = EXCLUDED.lines, erp_version = EXCLUDED.erp_version WHERE document.erp_version < EXCLUDED.erp_version`,
      [
        col((e) => e.tenantId),
        col((e) => e.payload.environment),
        col((e) => e.payload.companyId),
        col((e) => e.payload.documentType),
        col((e) => e.payload.documentNo),
        col((e) => e.payload.partnerType),
        col((e) => e.payload.partnerNo),
        col(() => 'purchase_order'),
        col((e) => e.payload.contactNo),
        col((e) => e.payload.status),
        col((e) => e.payload.documentDate),
        col((e) => e.payload.currencyCode),
        col((e) => e.payload.amount),
        col((e) => e.payload.amountIncludingTax),
        col((e) => JSON.stringify(e.payload.lines)),
        col((e) => e.payload.lines.length),
        col((e) => e.payload.erpVersion),
      ],
    );
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await client.end();
  return seconds;
}

async function main(): Promise<void> {
  await prepareBench();
  const env = await isolatedEnvironment('bench-projection');
  try {
    const tenantId = `bench-${randomUUID().slice(0, 8)}`;
    const batch = events(tenantId);
    progress(`publishing ${EVENTS} DocumentUpserted events ...`);
    await publish(env.kafkaBrokers, `${env.topicPrefix}erp.documents`, batch);

    progress('projecting through Kafka ...');
    const topic = `${env.topicPrefix}erp.documents`;
    const admin = new Kafka({ clientId: 'bench-watch', brokers: env.kafkaBrokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const started = Date.now();
    const service = await startServiceProcess('document-projection', {
      DATABASE_URL: env.databaseUrl,
      KAFKA_BROKERS: env.kafkaBrokers.join(','),
      KAFKA_TOPIC_PREFIX: env.topicPrefix,
      INTERNAL_API_TOKEN: TEST_INTERNAL_TOKEN,
      PROJECTION_PARTITIONS_CONCURRENTLY: process.env.PROJECTION_PARTITIONS_CONCURRENTLY ?? '3',
    });
    const ready = Date.now();
    const group = `${env.topicPrefix}${ConsumerGroups.DocumentProjection}`;
    // The consumer may take a first batch while start-up finishes; the rate counts only what follows readiness.
    const doneAtReady = await committed(admin, group, topic);
    for (let done = 0; done < EVENTS;) {
      await new Promise((r) => setTimeout(r, 50));
      done = await committed(admin, group, topic);
      if (Date.now() - started > 600_000) throw new Error(`only ${done} of ${EVENTS} projected after 10 minutes`);
    }
    const finished = Date.now();
    await admin.disconnect();
    await service.stop();
    const projected = await count(env.databaseUrl);
    if (projected !== EVENTS)
      throw new Error(`offsets committed, but ${projected} of ${EVENTS} documents in the table`);
    const projectionSeconds = (finished - ready) / 1000;

    progress('plain bulk upsert of the same rows into the same, emptied table ...');
    await truncate(env.databaseUrl);
    const bulkSeconds = await plainBulkUpsert(env.databaseUrl, batch);
    const projectionRate = Math.round((EVENTS - doneAtReady) / projectionSeconds);
    const bulkRate = Math.round(EVENTS / bulkSeconds);
    report('projection-throughput', {
      events: EVENTS,
      projectionSeconds,
      eventsBeforeReady: doneAtReady,
      projectionEventsPerSecond: projectionRate,
      serviceStartSeconds: (ready - started) / 1000,
      bulkUpsertSeconds: Math.round(bulkSeconds * 1000) / 1000,
      bulkUpsertRowsPerSecond: bulkRate,
      ratio: Math.round((projectionRate / bulkRate) * 100) / 100,
      targets: { eventsPerSecond: 20_000, ratio: 0.5 },
    });
  } finally {
    await env.dispose();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
