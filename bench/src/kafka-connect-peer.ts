// The projection benchmark's peer: what an integrator would run instead of document-projection. Kafka Connect
// (standalone) with Debezium's JDBC sink upserts the same DocumentUpserted events from the same topic into a table of
// the same database, made sinkable with Kafka Connect's own converter and transforms only.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { readKafkaSecurity, Topics } from '@partner-portal/contracts';
import { localDir, startConnectStandalone, type ConnectStandalone } from '@partner-portal/infra';
import type { IsolatedEnvironment } from '@partner-portal/testing';
import { cpuSampler, progress } from './bench-env';
import { CPU_GROUPS } from './projection-fixture';

/** The peer's table: the columns and indexes of the projection's `document`, keyed by the document's key. */
export const PEER_TABLE = 'document_via_kafka_connect';

const DOCUMENT_KEY = ['tenant_id', 'environment', 'company_id', 'document_type', 'document_no'];

/**
 * What the sink writes: each column, the field of the event it comes from, and the Connect type the JSON converter
 * reads it as. Texts stay texts: PostgreSQL casts them to the column's date, numeric or uuid (the JDBC URL sends
 * them untyped), which no transform of Kafka Connect could do for a decimal.
 */
const COLUMNS: Array<{ column: string; field: string; type: 'string' | 'int64'; optional?: true }> = [
  { column: 'tenant_id', field: 'tenantId', type: 'string' },
  { column: 'environment', field: 'payload.environment', type: 'string' },
  { column: 'company_id', field: 'payload.companyId', type: 'string' },
  { column: 'document_type', field: 'payload.documentType', type: 'string' },
  { column: 'document_no', field: 'payload.documentNo', type: 'string' },
  { column: 'partner_type', field: 'payload.partnerType', type: 'string' },
  { column: 'partner_no', field: 'payload.partnerNo', type: 'string' },
  { column: 'contact_no', field: 'payload.contactNo', type: 'string', optional: true },
  { column: 'portal_order_id', field: 'payload.portalOrderId', type: 'string', optional: true },
  { column: 'order_no', field: 'payload.orderNo', type: 'string', optional: true },
  { column: 'external_document_no', field: 'payload.externalDocumentNo', type: 'string', optional: true },
  { column: 'status', field: 'payload.status', type: 'string' },
  { column: 'document_date', field: 'payload.documentDate', type: 'string' },
  { column: 'requested_date', field: 'payload.requestedDate', type: 'string', optional: true },
  { column: 'due_date', field: 'payload.dueDate', type: 'string', optional: true },
  { column: 'currency_code', field: 'payload.currencyCode', type: 'string' },
  { column: 'amount', field: 'payload.amount', type: 'string' },
  { column: 'amount_including_tax', field: 'payload.amountIncludingTax', type: 'string' },
  { column: 'erp_version', field: 'payload.erpVersion', type: 'int64' },
];

/** The partner's view the bulk upsert writes too; one value for these events (customers' sales orders). */
const VIEW_TYPE = 'purchase_order';

interface ConnectField {
  field: string;
  type: string;
  optional: boolean;
  fields?: ConnectField[];
}

/**
 * The envelope's schema in Kafka Connect's JSON form, for the converter's `schema.content` (KIP-1054): the events
 * carry no schema of their own, and the JDBC sink takes only records with one. Fields left out are not read.
 */
function envelopeSchema(): { type: 'struct'; fields: ConnectField[] } {
  const fields: ConnectField[] = [];
  for (const { field, type, optional } of COLUMNS) {
    const path = field.split('.');
    let level = fields;
    for (const parent of path.slice(0, -1)) {
      let struct = level.find((f) => f.field === parent);
      if (!struct) {
        struct = { field: parent, type: 'struct', optional: false, fields: [] };
        level.push(struct);
      }
      level = struct.fields as ConnectField[];
    }
    level.push({ field: path[path.length - 1], type, optional: optional ?? false });
  }
  return { type: 'struct', fields };
}

/** How the peer is sized. */
export interface PeerSizing {
  /** Sink tasks, each a consumer of the group with a database connection of its own. */
  tasks: number;
  /** Events a task takes from Kafka in one poll and writes in one JDBC batch, one transaction. */
  batch: number;
}

/** The JDBC sink's settings: the converter, the transforms and the upsert into the peer's table. */
function sinkConnector(
  env: IsolatedEnvironment,
  { tasks, batch }: PeerSizing,
): Record<string, string> & { name: string } {
  const database = new URL(env.databaseUrl);
  const renames = COLUMNS.filter((c) => c.field !== c.column).map((c) => `${c.field}:${c.column}`);
  return {
    // A consumer group of its own, which starts from the topic's beginning.
    name: `${env.topicPrefix}document-jdbc-sink-${randomBytes(3).toString('hex')}`,
    'connector.class': 'io.debezium.connector.jdbc.JdbcSinkConnector',
    'tasks.max': String(tasks),
    topics: `${env.topicPrefix}${Topics.ErpDocuments}`,
    'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
    'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
    'value.converter.schemas.enable': 'true',
    'value.converter.schema.content': JSON.stringify(envelopeSchema()),
    transforms: 'flatten,columns,view',
    'transforms.flatten.type': 'org.apache.kafka.connect.transforms.Flatten$Value',
    'transforms.columns.type': 'org.apache.kafka.connect.transforms.ReplaceField$Value',
    'transforms.columns.renames': renames.join(','),
    'transforms.view.type': 'org.apache.kafka.connect.transforms.InsertField$Value',
    'transforms.view.static.field': 'view_type',
    'transforms.view.static.value': VIEW_TYPE,
    // Untyped texts, which PostgreSQL casts to each column's type; batched inserts rewritten as multi-row ones.
    'connection.url': `jdbc:postgresql://${database.host}${database.pathname}?stringtype=unspecified&reWriteBatchedInserts=true`,
    'connection.username': decodeURIComponent(database.username),
    'connection.password': decodeURIComponent(database.password),
    'insert.mode': 'upsert',
    'primary.key.mode': 'record_value',
    'primary.key.fields': DOCUMENT_KEY.join(','),
    'schema.evolution': 'none',
    'collection.name.format': PEER_TABLE,
    'batch.size': String(batch),
  };
}

/**
 * An empty table like `document` (columns, defaults, the same indexes, so both pay the same index upkeep) whose
 * primary key is the document's key, as the sink's upsert needs. The sink cannot derive the projection's id from
 * the key, so the id is a random one, as in the bulk upsert.
 */
async function createPeerTable(db: Client): Promise<void> {
  await db.query(`DROP TABLE IF EXISTS ${PEER_TABLE}`);
  await db.query(`CREATE TABLE ${PEER_TABLE} (LIKE document INCLUDING ALL)`);
  const { rows } = await db.query<{ conname: string }>(
    `SELECT conname FROM pg_constraint WHERE conrelid = $1::regclass AND contype IN ('p', 'u')`,
    [PEER_TABLE],
  );
  await db.query(
    `ALTER TABLE ${PEER_TABLE} ${rows.map((r) => `DROP CONSTRAINT "${r.conname}"`).join(', ')},
       ADD PRIMARY KEY (${DOCUMENT_KEY.join(', ')}), ADD UNIQUE (id),
       ALTER COLUMN id SET DEFAULT gen_random_uuid()`,
  );
}

/** How the peer's run went. */
export interface PeerRun extends PeerSizing {
  /** From the first row seen in the table to the last. */
  seconds: number;
  /** Rows already there when the first was seen (not counted in the rate). */
  rowsAtFirstSight: number;
  rowsPerSecond: number;
  /** From starting the worker until its connector and every task ran. */
  startSeconds: number;
  cpuPercent: Record<string, number>;
}

const PEER_CPU_GROUPS = {
  postgres: CPU_GROUPS.postgres,
  kafka: CPU_GROUPS.kafka,
  kafkaConnect: /connect\.cli\.ConnectStandalone/,
};

/**
 * Runs the peer on the environment's `erp.documents` topic, from its beginning, until
 * `total` rows are in its table, counting them every 100 ms from the moment the worker starts. Its rows must then
 * equal those of `document`, which holds the same events' rows, on every column the sink writes.
 */
export async function sinkWithKafkaConnect(
  env: IsolatedEnvironment,
  total: number,
  sizing: PeerSizing,
): Promise<PeerRun> {
  const db = new Client({ connectionString: env.databaseUrl });
  await db.connect();
  try {
    await createPeerTable(db);
    const homeDir = join(localDir, 'kafka-connect', 'bench');
    rmSync(homeDir, { recursive: true, force: true });
    const connector = sinkConnector(env, sizing);
    const started = Date.now();
    let connect: ConnectStandalone | undefined;
    let startSeconds = NaN;
    let failedToStart: unknown;
    // Its tasks write before the REST API reports them running: the table is watched from the start.
    const starting = startConnectStandalone(
      {
        homeDir,
        brokers: env.kafkaBrokers,
        security: readKafkaSecurity(),
        worker: { 'consumer.max.poll.records': String(sizing.batch), 'consumer.auto.offset.reset': 'earliest' },
        connectors: [connector],
      },
      progress,
    ).then(
      (running) => {
        connect = running;
        startSeconds = (Date.now() - started) / 1000;
        progress(`Kafka Connect runs (${startSeconds} s to start)`);
      },
      (error) => (failedToStart = error),
    );
    try {
      const count = async () => (await db.query(`SELECT count(*)::int AS n FROM ${PEER_TABLE}`)).rows[0].n as number;
      let first: { at: number; rows: number; cpu: ReturnType<typeof cpuSampler> } | undefined;
      let rows = 0;
      for (let polls = 1; rows < total; polls += 1) {
        await new Promise((r) => setTimeout(r, 100));
        if (failedToStart) throw failedToStart;
        rows = await count();
        if (!first && rows > 0) first = { at: Date.now(), rows, cpu: cpuSampler(PEER_CPU_GROUPS) };
        // A failed task stops writing without ending the worker: its trace is on the REST API.
        if (connect && polls % 20 === 0) {
          const failure = await connect.failure(connector.name);
          if (failure) throw new Error(failure);
        }
        if (Date.now() - started > 600_000) throw new Error(`only ${rows} of ${total} rows after 10 minutes`);
      }
      if (!first) throw new Error('no row was ever seen');
      const seconds = (Date.now() - first.at) / 1000;
      const cpuPercent = first.cpu.stop();
      await expectSameRowsAsDocument(db, total);
      return {
        seconds,
        rowsAtFirstSight: first.rows,
        rowsPerSecond: Math.round((total - first.rows) / seconds),
        startSeconds,
        ...sizing,
        cpuPercent,
      };
    } finally {
      await starting;
      await connect?.stop();
    }
  } finally {
    await db.end();
  }
}

async function expectSameRowsAsDocument(db: Client, total: number): Promise<void> {
  const written = [...COLUMNS.map((c) => c.column), 'view_type'].filter((c) => !DOCUMENT_KEY.includes(c));
  const { rows } = await db.query(
    `SELECT count(*)::int AS n FROM ${PEER_TABLE} p JOIN document d USING (${DOCUMENT_KEY.join(', ')})
      WHERE (${written.map((c) => `p.${c}`).join(', ')}) IS NOT DISTINCT FROM (${written.map((c) => `d.${c}`).join(', ')})`,
  );
  if (rows[0].n !== total) {
    throw new Error(`${rows[0].n} of the peer's ${total} rows equal the document table's on the columns it writes`);
  }
}
