import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Admin, KafkaMessage } from 'kafkajs';
import { DataSource } from 'typeorm';
import { Refusal } from '@partner-portal/api-contracts';
import { Topics, parseEvent, type EventEnvelope } from '@partner-portal/contracts';
import {
  createKafka,
  InboxTransport,
  MESSAGING_OPTIONS,
  physicalTopic,
  type MessagingOptions,
} from '@partner-portal/messaging';
import { DocumentProjector, LIVE_TABLES, type ProjectionTables } from '../projection/document-projector';

const REBUILD_TABLES: ProjectionTables = {
  document: 'document_rebuild',
  history: 'document_status_history_rebuild',
  stock: 'stock_level_rebuild',
};

/** Where a rebuild stands. */
export interface RebuildStatus {
  state: 'idle' | 'replaying' | 'switching' | 'done' | 'failed';
  startedAt?: string;
  finishedAt?: string;
  eventsReplayed: number;
  error?: string;
}

/**
 * Rebuilds the document and stock read model without stopping queries: replays `erp.documents` from the beginning
 * into fresh tables with a consumer group of its own, pauses the live consumer once the replay has caught up,
 * finishes the replay to the topic's end, renames the fresh tables into place in one transaction (queries wait
 * for that moment, they do not fail), and resumes the live consumer, whose version-aware writes skip what the
 * replay already applied.
 */
@Injectable()
export class RebuildService {
  private readonly logger = new Logger(RebuildService.name);
  private status: RebuildStatus = { state: 'idle', eventsReplayed: 0 };

  constructor(
    private readonly dataSource: DataSource,
    private readonly transport: InboxTransport,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  current(): RebuildStatus {
    return this.status;
  }

  /** Starts a rebuild in the background; 409 while one runs. */
  start(): RebuildStatus {
    if (this.status.state === 'replaying' || this.status.state === 'switching') {
      throw new Refusal('conflict', 'rebuild_running', 'a rebuild is already running');
    }
    this.status = { state: 'replaying', startedAt: new Date().toISOString(), eventsReplayed: 0 };
    void this.run().catch((error: Error) => {
      this.logger.error({ message: 'rebuild failed', error: error.message });
      this.status = { ...this.status, state: 'failed', error: error.message, finishedAt: new Date().toISOString() };
    });
    return this.status;
  }

  private async run(): Promise<void> {
    await this.dataSource.query(
      `DROP TABLE IF EXISTS document_rebuild, document_status_history_rebuild, stock_level_rebuild`,
    );
    await this.dataSource.query(`CREATE TABLE document_rebuild (LIKE document INCLUDING ALL)`);
    // The history is replayed with the documents it belongs to: the same events give the same rows.
    await this.dataSource.query(
      `CREATE TABLE document_status_history_rebuild (LIKE document_status_history INCLUDING ALL)`,
    );
    await this.dataSource.query(`CREATE TABLE stock_level_rebuild (LIKE stock_level INCLUDING ALL)`);

    const topic = physicalTopic(this.options.kafka.topicPrefix, Topics.ErpDocuments);
    const kafka = createKafka({ ...this.options.kafka, clientId: 'document-projection-rebuild' });
    const admin = kafka.admin();
    const consumer = kafka.consumer({
      groupId: `${this.options.kafka.topicPrefix ?? ''}document-projection-rebuild-${Date.now()}`,
      maxWaitTimeInMs: 100,
    });
    const replayed = new Map<number, bigint>();
    const live = this.transport.inbox?.kafkaConsumer;
    await admin.connect();
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        partitionsConsumedConcurrently: 3,
        eachBatch: async ({ batch }) => {
          await this.replay(batch.messages);
          replayed.set(batch.partition, BigInt(batch.lastOffset()));
        },
      });
      await this.caughtUp(admin, topic, replayed);
      // Hold the live consumer while the replay takes the last events and the tables change places.
      live?.pause([{ topic }]);
      this.status = { ...this.status, state: 'switching' };
      await this.caughtUp(admin, topic, replayed);
      await this.dataSource.transaction(async (manager) => {
        await manager.query(
          `LOCK TABLE ${LIVE_TABLES.document}, ${LIVE_TABLES.history}, ${LIVE_TABLES.stock} IN ACCESS EXCLUSIVE MODE`,
        );
        await manager.query(`ALTER TABLE document RENAME TO document_retired`);
        await manager.query(`ALTER TABLE document_status_history RENAME TO document_status_history_retired`);
        await manager.query(`ALTER TABLE stock_level RENAME TO stock_level_retired`);
        await manager.query(`ALTER TABLE document_rebuild RENAME TO document`);
        await manager.query(`ALTER TABLE document_status_history_rebuild RENAME TO document_status_history`);
        await manager.query(`ALTER TABLE stock_level_rebuild RENAME TO stock_level`);
        await manager.query(`DROP TABLE document_retired, document_status_history_retired, stock_level_retired`);
      });
      this.status = { ...this.status, state: 'done', finishedAt: new Date().toISOString() };
      this.logger.log({ message: 'read model rebuilt', eventsReplayed: this.status.eventsReplayed });
    } finally {
      live?.resume([{ topic }]);
      await consumer.disconnect();
      await admin.disconnect();
    }
  }

  /** Applies a fetched batch to the fresh tables, keeping the order of the event types in it. */
  private async replay(messages: KafkaMessage[]): Promise<void> {
    const events = messages.map((m) => parseEvent(m.value)).flatMap((d) => (d.kind === 'event' ? [d.event] : []));
    await this.dataSource.transaction(async (manager) => {
      const projector = new DocumentProjector(manager, REBUILD_TABLES);
      let run: EventEnvelope<never>[] = [];
      const flush = async () => {
        if (run.length === 0) return;
        const type = run[0] as EventEnvelope<object>;
        if (type.type === 'DocumentUpserted') await projector.upsertDocuments(run);
        else if (type.type === 'DocumentDeleted') await projector.deleteDocuments(run);
        else if (type.type === 'StockLevelChanged') await projector.upsertStock(run);
        run = [];
      };
      for (const event of events) {
        if (run.length && (run[0] as EventEnvelope<object>).type !== event.type) await flush();
        run.push(event as EventEnvelope<never>);
      }
      await flush();
    });
    this.status = { ...this.status, eventsReplayed: this.status.eventsReplayed + events.length };
  }

  /** Waits until the replay has reached the end of every partition as it is now. */
  private async caughtUp(admin: Admin, topic: string, replayed: Map<number, bigint>): Promise<void> {
    const ends = await admin.fetchTopicOffsets(topic);
    for (;;) {
      const behind = ends.filter(
        ({ partition, high }) => BigInt(high) > 0n && (replayed.get(partition) ?? -1n) < BigInt(high) - 1n,
      );
      if (behind.length === 0) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
