import { randomUUID } from 'node:crypto';
import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { CompanyUpserted, createEvent, EnvironmentType, type EventEnvelope } from '@partner-portal/contracts';
import {
  MessagingTables1763800000000,
  OutboxTraceContext1765100000000,
  ProcessedMessageAge1764900000000,
  OutboxMessage,
  ProcessedMessage,
  type HandlerBinding,
  type InboxContext,
  type StructuredLogger,
} from '../src';

/** The read model of these tests: how often each event was applied, in arrival order. */
class TallyTable1763800000001 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE tally (
      event_id uuid PRIMARY KEY, message_key text NOT NULL, sequence int NOT NULL,
      times int NOT NULL DEFAULT 1, arrival bigserial)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE tally');
  }
}

/** A migrated data source on a test database. */
export async function migratedDataSource(url: string): Promise<DataSource> {
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    entities: [OutboxMessage, ProcessedMessage],
    migrations: [
      MessagingTables1763800000000,
      ProcessedMessageAge1764900000000,
      OutboxTraceContext1765100000000,
      TallyTable1763800000001,
    ],
    synchronize: false,
    logging: false,
    extra: { max: 8 },
  });
  await dataSource.initialize();
  await dataSource.runMigrations();
  return dataSource;
}

/** A `CompanyUpserted` whose `erpVersion` carries a sequence number; companies differ per key. */
export function companyEvent(sequence: number, company = 'CRONUS'): EventEnvelope<object> {
  return createEvent(CompanyUpserted, {
    tenantId: 'tenant-a',
    producer: 'messaging-test',
    correlationId: randomUUID(),
    payload: {
      environment: 'production',
      environmentType: EnvironmentType.Production,
      companyId: company,
      erpVersion: sequence,
      name: `Company ${company}`,
    },
  });
}

/** Counts one application of an event in `tally`. */
export async function applyTally(event: EventEnvelope<object>, { manager }: InboxContext): Promise<void> {
  const payload = event.payload as { companyId: string; erpVersion: number };
  await manager.query(
    `INSERT INTO tally (event_id, message_key, sequence) VALUES ($1, $2, $3)
     ON CONFLICT (event_id) DO UPDATE SET times = tally.times + 1`,
    [event.eventId, payload.companyId, payload.erpVersion],
  );
}

/** Handler that counts every application of an event in `tally`. */
export const tallyBinding: HandlerBinding = { definition: CompanyUpserted, mode: 'single', handle: applyTally };

/** Applications per event: total rows, and rows applied more than once. */
export async function tallyCounts(dataSource: DataSource): Promise<{ events: number; repeated: number }> {
  const [row] = await dataSource.query(
    `SELECT count(*)::int AS events, count(*) FILTER (WHERE times > 1)::int AS repeated FROM tally`,
  );
  return row;
}

/** A logger that keeps lines for assertions instead of printing them. */
export function memoryLogger(): StructuredLogger & { lines: { level: string; message: string; fields?: object }[] } {
  const lines: { level: string; message: string; fields?: object }[] = [];
  const push = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    void lines.push({ level, message, fields });
  return { lines, debug: push('debug'), info: push('info'), warn: push('warn'), error: push('error') };
}
