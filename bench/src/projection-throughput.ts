// Projection throughput: DocumentUpserted events through the real broker into the document-projection service
// (run as a process from its build), against a plain bulk upsert of the same rows into the same table and against
// the peer an integrator would run instead (Kafka Connect with Debezium's JDBC sink, on the same topic), in one run.
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { debeziumVersion, kafkaVersion } from '@partner-portal/infra';
import { isolatedEnvironment } from '@partner-portal/testing';
import { prepareBench, progress, rateVerdict, report } from './bench-env';
import { PEER_TABLE, sinkWithKafkaConnect, type PeerSizing } from './kafka-connect-peer';
import { events, projectWith, publish, type Upserted } from './projection-fixture';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
/**
 * The peer's size: its best on 2 cores, measured with 1 to 3 tasks and batches of 500 to 2,000. One task's
 * conversion, transforms and binding take a whole core; a second task only takes CPU from the database.
 */
const PEER: PeerSizing = {
  tasks: Number(process.env.BENCH_PEER_TASKS ?? 1),
  batch: Number(process.env.BENCH_PEER_BATCH ?? 1_000),
};

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
                             contact_no, status, document_date, currency_code, amount, amount_including_tax, lines, line_count, erp_version, id)
       SELECT *, gen_random_uuid() FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
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
    const batch = events(tenantId, EVENTS);
    progress(`publishing ${EVENTS} DocumentUpserted events ...`);
    await publish(env.kafkaBrokers, `${env.topicPrefix}erp.documents`, batch);

    progress('projecting through Kafka ...');
    const run = await projectWith(env, 1, EVENTS);

    progress('plain bulk upsert of the same rows into the same, emptied table ...');
    await truncate(env.databaseUrl);
    const bulkSeconds = await plainBulkUpsert(env.databaseUrl, batch);

    progress(`the peer: Kafka Connect with Debezium's JDBC sink, from the same topic into ${PEER_TABLE} ...`);
    const peer = await sinkWithKafkaConnect(env, EVENTS, PEER);
    const projectionRate = run.eventsPerSecond;
    const bulkRate = Math.round(EVENTS / bulkSeconds);
    const peerName = `Kafka Connect ${kafkaVersion()} + Debezium JDBC sink ${debeziumVersion()} (the peer)`;
    const verdicts = [
      rateVerdict(
        'projection',
        projectionRate,
        'events/s',
        { ratioAtLeast: 0.9 },
        {
          figure: bulkRate,
          is: 'the bare bulk upsert of the same rows',
        },
      ),
      rateVerdict(
        'projection',
        projectionRate,
        'events/s',
        { ratioAbove: 1 },
        { figure: peer.rowsPerSecond, is: peerName },
      ),
    ];
    report('projection-throughput', verdicts, {
      events: EVENTS,
      projectionSeconds: run.seconds,
      eventsBeforeReady: run.eventsBeforeReady,
      projectionEventsPerSecond: projectionRate,
      serviceStartSeconds: run.startSeconds,
      bulkUpsertSeconds: Math.round(bulkSeconds * 1000) / 1000,
      bulkUpsertRowsPerSecond: bulkRate,
      ratio: Math.round((projectionRate / bulkRate) * 100) / 100,
      cpuPercentWhileProjecting: run.cpuPercent,
      peer: `Kafka Connect ${kafkaVersion()} standalone, Debezium JDBC sink ${debeziumVersion()}, upsert`,
      peerSeconds: peer.seconds,
      peerRowsAtFirstSight: peer.rowsAtFirstSight,
      peerRowsPerSecond: peer.rowsPerSecond,
      peerStartSeconds: peer.startSeconds,
      peerTasks: peer.tasks,
      peerBatch: peer.batch,
      cpuPercentWhilePeerSinking: peer.cpuPercent,
      ratioToPeer: Math.round((projectionRate / peer.rowsPerSecond) * 100) / 100,
    });
  } finally {
    await env.dispose();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
