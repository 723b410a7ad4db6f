import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Admin } from 'kafkajs';
import { DataSource } from 'typeorm';
import { Refusal } from '@partner-portal/api-contracts';
import { DocumentDeleted, DocumentUpserted, StockLevelChanged, Topics, type EventOf } from '@partner-portal/contracts';
import {
  createKafka,
  InboxConsumer,
  jsonLogger,
  MESSAGING_OPTIONS,
  physicalTopic,
  sleep,
  type HandlerBinding,
  type MessagingOptions,
} from '@partner-portal/messaging';
import { DocumentProjectionConfig } from '../config/document-projection.config';
import { DocumentProjector, LIVE_TABLES, type ProjectionTables } from '../projection/document-projector';
import { caughtUp, statusOf, type RebuildStatus } from './rebuild-rules';
import { RebuildStore } from './rebuild.store';

const REBUILD_TABLES: ProjectionTables = {
  document: 'document_rebuild',
  history: 'document_status_history_rebuild',
  stock: 'stock_level_rebuild',
};

/** The rebuild's consumer groups are `<this>-<rebuild id>`: each replay starts from the beginning. */
const REBUILD_GROUP = 'document-projection.rebuild';
/** How long a rebuild's instance may go silent before live consumers go on without it. */
const LEASE_MS = 15_000;
const RENEW_EVERY_MS = 1_000;

/** The projector's handlers, writing the fresh tables. */
const REBUILD_BINDINGS: HandlerBinding[] = [
  {
    definition: DocumentUpserted,
    mode: 'batch',
    handle: (events, { manager }) =>
      new DocumentProjector(manager, REBUILD_TABLES).upsertDocuments(events as EventOf<typeof DocumentUpserted>[]),
  },
  {
    definition: DocumentDeleted,
    mode: 'batch',
    handle: (events, { manager }) =>
      new DocumentProjector(manager, REBUILD_TABLES).deleteDocuments(events as EventOf<typeof DocumentDeleted>[]),
  },
  {
    definition: StockLevelChanged,
    mode: 'batch',
    handle: (events, { manager }) =>
      new DocumentProjector(manager, REBUILD_TABLES).upsertStock(events as EventOf<typeof StockLevelChanged>[]),
  },
];

export type { RebuildStatus } from './rebuild-rules';

/**
 * Rebuilds the document and stock read model without stopping queries, with any number of instances: replays
 * `erp.documents` from the beginning into fresh tables through an inbox consumer of its own group (a bad event is
 * dead-lettered and the replay goes on), moves to `cutover` once caught up (every instance's live consumer then holds,
 * see `holdDuringCutover`), finishes the replay to the topic's end, and renames the fresh tables into place in the
 * transaction that marks it done; the live consumers then go on into the new tables, whose version-aware writes skip
 * what the replay applied. The state is in `read_model_rebuild`, under a lease this instance renews.
 */
@Injectable()
export class RebuildService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(RebuildService.name);
  private readonly store: RebuildStore;
  private readonly owner = `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
  private readonly shutdown = new AbortController();
  private running?: Promise<void>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: DocumentProjectionConfig,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {
    this.store = new RebuildStore(dataSource);
  }

  async current(): Promise<RebuildStatus> {
    return statusOf(await this.store.latest());
  }

  /** Starts a rebuild in the background; 409 while one runs on any instance. */
  async start(): Promise<RebuildStatus> {
    const begun = await this.store.begin(this.owner, LEASE_MS);
    if (!begun) throw new Refusal('conflict', 'rebuild_running', 'a rebuild is already running');
    this.running = this.run(begun.id).finally(() => (this.running = undefined));
    return statusOf(begun.record);
  }

  /** A rebuild in hand fails (the old tables stay), and live consumers go on at once. */
  async beforeApplicationShutdown(): Promise<void> {
    this.shutdown.abort(new Error('the instance running the rebuild shut down'));
    await this.running;
  }

  private async run(id: string): Promise<void> {
    const groupId = `${REBUILD_GROUP}-${id}`;
    const prefix = this.options.kafka.topicPrefix ?? '';
    const topic = physicalTopic(prefix, Topics.ErpDocuments);
    const kafka = createKafka({ ...this.options.kafka, clientId: 'document-projection-rebuild' });
    const admin = kafka.admin();
    const consumer = new InboxConsumer(
      kafka,
      this.dataSource,
      REBUILD_BINDINGS,
      jsonLogger('document-projection.rebuild'),
      {
        groupId,
        topicPrefix: prefix,
        partitionsConsumedConcurrently: this.config.partitionsConcurrently,
      },
    );
    const stop = new AbortController();
    const onShutdown = () => stop.abort(this.shutdown.signal.reason);
    this.shutdown.signal.addEventListener('abort', onShutdown);
    const lease = setInterval(() => {
      this.store
        .renew(id, LEASE_MS, consumer.stats.processed)
        .then((held) => held || stop.abort(new Error('the lease lapsed')))
        .catch((error: Error) => this.logger.warn({ message: 'rebuild lease not renewed', error: error.message }));
    }, RENEW_EVERY_MS);
    let consuming = false;
    try {
      await this.freshTables();
      // Earlier rebuilds' inbox rows are of no use to anyone.
      await this.dataSource.query(`DELETE FROM processed_message WHERE consumer_group LIKE $1`, [`${REBUILD_GROUP}-%`]);
      await admin.connect();
      await consumer.start();
      consuming = true;
      await this.replayToEnd(admin, `${prefix}${groupId}`, topic, stop.signal);
      if (!(await this.store.advance(id, 'replaying', 'caught_up', LEASE_MS, consumer.stats.processed))) {
        throw new Error('the lease lapsed');
      }
      // Live consumers hold from here on: what is on the topic now is all the old tables can have been given.
      await this.replayToEnd(admin, `${prefix}${groupId}`, topic, stop.signal);
      await consumer.stop();
      consuming = false;
      await this.switchTables(id, consumer.stats.processed);
      this.logger.log({ message: 'read model rebuilt', eventsReplayed: consumer.stats.processed });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error({ message: 'rebuild failed', error: message });
      await this.store.fail(id, message, consumer.stats.processed).catch(() => undefined);
    } finally {
      clearInterval(lease);
      this.shutdown.signal.removeEventListener('abort', onShutdown);
      if (consuming) await consumer.stop().catch(() => undefined);
      await this.dataSource
        .query(`DELETE FROM processed_message WHERE consumer_group = $1`, [groupId])
        .catch(() => undefined);
      await admin.deleteGroups([`${prefix}${groupId}`]).catch(() => undefined);
      await admin.disconnect().catch(() => undefined);
    }
  }

  private async freshTables(): Promise<void> {
    const { document, history, stock } = REBUILD_TABLES;
    await this.dataSource.query(`DROP TABLE IF EXISTS ${document}, ${history}, ${stock}`);
    await this.dataSource.query(`CREATE TABLE ${document} (LIKE ${LIVE_TABLES.document} INCLUDING ALL)`);
    // The history is replayed with the documents it belongs to: the same events give the same rows.
    await this.dataSource.query(`CREATE TABLE ${history} (LIKE ${LIVE_TABLES.history} INCLUDING ALL)`);
    await this.dataSource.query(`CREATE TABLE ${stock} (LIKE ${LIVE_TABLES.stock} INCLUDING ALL)`);
  }

  /** Waits until the replay's group has applied every partition up to its end as it is now. */
  private async replayToEnd(admin: Admin, group: string, topic: string, signal: AbortSignal): Promise<void> {
    const ends = await admin.fetchTopicOffsets(topic);
    for (;;) {
      signal.throwIfAborted();
      const [offsets] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
      if (caughtUp(ends, offsets?.partitions ?? [])) return;
      await sleep(100);
    }
  }

  /** Renames the fresh tables into place in the transaction that marks the rebuild done, if its lease is current. */
  private async switchTables(id: string, eventsReplayed: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.store.advance(id, 'cutover', 'switched', LEASE_MS, eventsReplayed, manager))) {
        throw new Error('the lease lapsed');
      }
      const live = [LIVE_TABLES.document, LIVE_TABLES.history, LIVE_TABLES.stock];
      const fresh = [REBUILD_TABLES.document, REBUILD_TABLES.history, REBUILD_TABLES.stock];
      await manager.query(`LOCK TABLE ${live.join(', ')} IN ACCESS EXCLUSIVE MODE`);
      for (const table of live) await manager.query(`ALTER TABLE ${table} RENAME TO ${table}_retired`);
      for (const [i, table] of fresh.entries()) await manager.query(`ALTER TABLE ${table} RENAME TO ${live[i]}`);
      await manager.query(`DROP TABLE ${live.map((t) => `${t}_retired`).join(', ')}`);
    });
  }
}
