import { ROOT_CONTEXT, trace, type SpanContext } from '@opentelemetry/api';
import type { Consumer, EachBatchPayload, IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import {
  DlqHeaders,
  dlqTopicOf,
  formatFieldErrors,
  parseEvent,
  type EventDefinition,
  type EventEnvelope,
} from '@partner-portal/contracts';
import {
  activeSpan,
  contextFromHeaders,
  failSpan,
  inSpan,
  SpanKind,
  withEventTraces,
  withLogContext,
  type Context,
  type LogContext,
  type SpanOptions,
} from '@partner-portal/logging';
import { createIdempotentProducer, logicalTopic, physicalTopic } from '../kafka/kafka-connection';
import { KafkaLink } from '../kafka/kafka-link';
import type { StructuredLogger } from '../logger';
import { consumerLag, deadLetters, inboxEvents, inboxLag } from '../metrics/messaging-metrics';
import { backoffDelay, DEFAULT_BACKOFF, isTransientError, PermanentError, sleep, type BackoffPolicy } from '../retry';

/** What a handler gets besides the event: the transaction its read-model change must use. */
export interface InboxContext {
  /** The transaction that also records the event as processed; write the read model (and outbox) with it. */
  manager: EntityManager;
  /** Platform topic the event came from. */
  topic: string;
  partition: number;
  consumerGroup: string;
}

/** Handles one event at a time. */
export type SingleEventHandler = (event: EventEnvelope<object>, context: InboxContext) => Promise<void>;
/** Handles the consecutive events of one type a fetched batch holds, in one transaction. */
export type BatchEventHandler = (events: EventEnvelope<object>[], context: InboxContext) => Promise<void>;

/**
 * Asked in each transaction of the inbox before its events are applied (with that transaction and the platform
 * topic): `hold` rolls the transaction back and commits no offset; the consumer asks again shortly, heartbeating.
 * A read-model rebuild holds live consumption while its fresh tables take the place of the old ones.
 */
export type InboxGate = (manager: EntityManager, topic: string) => Promise<'apply' | 'hold'>;

/** A handler bound to the event version it handles. */
export type HandlerBinding =
  | { definition: EventDefinition; mode: 'single'; handle: SingleEventHandler }
  | { definition: EventDefinition; mode: 'batch'; handle: BatchEventHandler };

/** Tuning of a consumer; every field but the group has a default. */
export interface InboxConsumerOptions {
  /** The service's consumer group. */
  groupId: string;
  /**
   * Prefix of physical topic names and of the Kafka consumer group (tests): two test files must not share a group,
   * since members of one group with different subscriptions would be handed each other's partitions.
   */
  topicPrefix?: string;
  /** Attempts for a message whose handler keeps failing (not counting infrastructure outages). Default 5. */
  maxAttempts?: number;
  /** Backoff between attempts. */
  backoff?: BackoffPolicy;
  /** Partitions processed at once by one instance. Default 1. */
  partitionsConsumedConcurrently?: number;
  /**
   * Longest wait of a fetch when nothing is new. A fetch returns as soon as a message arrives (`minBytes` 1), so this
   * costs no freshness; it sets how often an idle consumer asks, and how long a stop may wait for the fetch in hand.
   * Default 1 s.
   */
  maxWaitTimeInMs?: number;
  /** Session timeout of the group member. Default 30 s. */
  sessionTimeout?: number;
  /**
   * How long the inbox remembers a processed event. A redelivery comes from the topic, which keeps a message for
   * its retention (7 days here) counted from when it was written, before it was processed; so forgetting later than
   * that forgets nothing a redelivery could bring. Default `DEFAULT_RETAIN_PROCESSED_MS` (8 days).
   */
  retainProcessedMs?: number;
  /** How often the inbox forgets what is past `retainProcessedMs`. Default 1 hour. */
  pruneIntervalMs?: number;
  /** Whether events may be applied now; none: always. */
  gate?: InboxGate;
  /** How often a held consumer asks its gate again. Default 250 ms. */
  holdPollMs?: number;
}

/** What running a dead-lettered message through the inbox again did. */
export type ReapplyOutcome =
  { kind: 'applied' } | { kind: 'duplicate' } | { kind: 'failed'; reason: string; transient?: boolean };

/** The topics' retention (7 days) and a day to spare. */
export const DEFAULT_RETAIN_PROCESSED_MS = 8 * 24 * 3_600_000;

/** Counters exposed for metrics. */
export interface InboxConsumerStats {
  processed: number;
  duplicates: number;
  skipped: number;
  deadLettered: number;
  retries: number;
}

interface DecodedMessage {
  message: KafkaMessage;
  event?: EventEnvelope<object>;
  binding?: HandlerBinding;
  invalid?: string;
}

/** A message that decoded to an event some handler takes. */
interface ApplicableMessage {
  message: KafkaMessage;
  event: EventEnvelope<object>;
}

class ShutdownInterrupt extends Error {}

/** The gate said hold: the transaction is rolled back, and the events wait. */
class Held extends Error {
  constructor() {
    super('held by the inbox gate');
  }
}

/**
 * Consumes platform topics into a service's read model with effectively-once semantics: each event's handler
 * runs in a transaction that also inserts `(consumer_group, event_id)` into `processed_message`, and offsets are
 * resolved only after that transaction commits, so a redelivered event finds its row and changes nothing.
 *
 * Messages that fail validation go to `<topic>.dlq` at once; a handler that keeps failing goes there after
 * `maxAttempts`; infrastructure outages (database or broker unreachable) are retried without limit. Events of a
 * type nobody handles are skipped. The partition always moves on.
 */
export class InboxConsumer {
  readonly stats: InboxConsumerStats = { processed: 0, duplicates: 0, skipped: 0, deadLettered: 0, retries: 0 };
  private readonly consumer: Consumer;
  private readonly deadLetters: Producer;
  private readonly bindings = new Map<string, HandlerBinding>();
  private readonly topics: string[];
  private readonly stopping = new AbortController();
  private readonly options: Required<Omit<InboxConsumerOptions, 'topicPrefix' | 'gate'>> & {
    topicPrefix: string;
    gate?: InboxGate;
  };
  private pruner?: NodeJS.Timeout;
  private readonly link: KafkaLink;
  /** The crash kafkajs reported during the attempt in hand, which made that attempt fail. */
  private crash?: Error;

  constructor(
    kafka: Kafka,
    private readonly dataSource: DataSource,
    bindings: HandlerBinding[],
    private readonly logger: StructuredLogger,
    options: InboxConsumerOptions,
  ) {
    this.options = {
      topicPrefix: options.topicPrefix ?? '',
      groupId: options.groupId,
      maxAttempts: options.maxAttempts ?? 5,
      backoff: options.backoff ?? DEFAULT_BACKOFF,
      partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 1,
      maxWaitTimeInMs: options.maxWaitTimeInMs ?? 1_000,
      sessionTimeout: options.sessionTimeout ?? 30_000,
      retainProcessedMs: options.retainProcessedMs ?? DEFAULT_RETAIN_PROCESSED_MS,
      pruneIntervalMs: options.pruneIntervalMs ?? 3_600_000,
      gate: options.gate,
      holdPollMs: options.holdPollMs ?? 250,
    };
    for (const binding of bindings) {
      const key = `${binding.definition.type}@${binding.definition.version}`;
      if (this.bindings.has(key)) throw new Error(`two handlers for ${key} in consumer group ${options.groupId}`);
      this.bindings.set(key, binding);
    }
    this.topics = [...new Set(bindings.map((b) => b.definition.topic))].sort();
    this.consumer = kafka.consumer({
      groupId: `${this.options.topicPrefix}${options.groupId}`,
      sessionTimeout: this.options.sessionTimeout,
      heartbeatInterval: Math.floor(this.options.sessionTimeout / 10),
      maxWaitTimeInMs: this.options.maxWaitTimeInMs,
      allowAutoTopicCreation: false,
      // One restart path for every crash, the link's (capped backoff, a log line per change of state), instead of
      // kafkajs restarting retriable crashes itself every few hundred ms and leaving the others dead.
      retry: { retries: 5, restartOnFailure: async () => false },
    });
    this.link = new KafkaLink(`consumer group ${options.groupId}`, () => this.join(), logger);
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      this.crash = payload.error;
      this.link.lost(payload.error);
    });
    const lag = consumerLag();
    this.consumer.on(this.consumer.events.END_BATCH_PROCESS, ({ payload }) =>
      lag.set(
        { group: options.groupId, topic: payload.topic, partition: String(payload.partition) },
        Number(payload.offsetLag),
      ),
    );
    this.deadLetters = createIdempotentProducer(kafka);
  }

  /** Platform topics this consumer subscribes to. */
  get subscribedTopics(): readonly string[] {
    return this.topics;
  }

  /** The underlying kafkajs consumer (for instrumentation and tests). */
  get kafkaConsumer(): Consumer {
    return this.consumer;
  }

  /**
   * Starts consuming from the earliest offset the group has not committed. Returns at once: the group is joined in
   * the background, with retries while the broker is away, and joined again after a crash (see `notReadyReason`).
   */
  async start(): Promise<void> {
    if (this.topics.length === 0) return;
    this.pruner = setInterval(() => {
      this.pruneProcessed().catch((error: Error) => this.logger.warn('inbox prune failed', { error: error.message }));
    }, this.options.pruneIntervalMs);
    this.pruner.unref();
    this.link.connect();
  }

  /** Why this consumer cannot take events yet (for readiness), or undefined once it has joined its group. */
  get notReadyReason(): string | undefined {
    if (this.topics.length === 0 || this.link.isUp) return undefined;
    const { state, error } = this.link.current;
    if (state === 'connecting') return `consumer group ${this.options.groupId} not joined yet`;
    if (state === 'stopped') return `consumer group ${this.options.groupId} stopped`;
    return `consumer group ${this.options.groupId} not joined (${error ?? 'connection lost'}); retrying`;
  }

  /** One attempt to connect and join the group; kafkajs reports a failed join as a crash, not by throwing. */
  private async join(): Promise<void> {
    this.crash = undefined;
    await this.deadLetters.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: this.topics.map((t) => physicalTopic(this.options.topicPrefix, t)),
      fromBeginning: true,
    });
    // A stop during a long attempt has already disconnected; joining now would take partitions nobody consumes.
    if (this.stopping.signal.aborted) {
      await this.consumer.disconnect();
      await this.deadLetters.disconnect();
      return;
    }
    await this.consumer.run({
      autoCommit: true,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently,
      eachBatch: (payload) => this.onBatch(payload),
    });
    if (this.crash) throw this.crash;
  }

  /**
   * Forgets this group's processed events older than `retainProcessedMs`, a few thousand rows per statement so that
   * no statement holds locks for long; answers how many it forgot. Other groups' rows are theirs to prune.
   */
  async pruneProcessed(): Promise<number> {
    let forgotten = 0;
    for (;;) {
      const [{ deleted }]: { deleted: number }[] = await this.dataSource.query(
        `WITH gone AS (
           DELETE FROM processed_message WHERE (consumer_group, event_id) IN (
             SELECT consumer_group, event_id FROM processed_message
              WHERE consumer_group = $1 AND processed_at < now() - ($2::bigint * interval '1 millisecond')
              LIMIT 5000)
           RETURNING 1)
         SELECT count(*)::int AS deleted FROM gone`,
        [this.options.groupId, this.options.retainProcessedMs],
      );
      forgotten += deleted;
      if (deleted < 5000) return forgotten;
    }
  }

  /** Stops fetching, lets the batch in hand finish its current unit, commits what was applied, disconnects. */
  async stop(): Promise<void> {
    clearInterval(this.pruner);
    this.stopping.abort();
    await this.link.stop();
    await this.consumer.stop();
    await this.consumer.disconnect();
    await this.deadLetters.disconnect();
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    const decoded = batch.messages.map((message) => this.decode(message));
    try {
      let i = 0;
      while (i < decoded.length) {
        if (!isRunning() || isStale() || this.stopping.signal.aborted) return;
        const current = decoded[i];
        if (current.invalid !== undefined) {
          await this.deadLetter(batch.topic, batch.partition, current.message, current.invalid, 0, heartbeat);
          i += 1;
        } else if (!current.binding || !current.event) {
          this.stats.skipped += 1;
          this.counted('skipped', 1);
          i += 1;
        } else {
          // A batch handler takes the run of consecutive events it handles; a single handler one event.
          const run: ApplicableMessage[] = [{ message: current.message, event: current.event }];
          const binding = current.binding;
          for (
            let next = decoded[i + run.length];
            binding.mode === 'batch' && next?.binding === binding && next.event;
          ) {
            run.push({ message: next.message, event: next.event });
            next = decoded[i + run.length];
          }
          // The handler's lines (and the inbox's own about this run) carry the event's ids; the run is a span of the
          // trace its events came with.
          await withLogContext(eventLogContext(run), () => {
            const { options, eventTraces } = this.consumeSpan(batch.topic, batch.partition, run);
            const name = `process ${logicalTopic(this.options.topicPrefix, batch.topic) ?? batch.topic}`;
            return inSpan(name, options, () =>
              withEventTraces(eventTraces, () => this.process(batch.topic, batch.partition, binding, run, heartbeat)),
            );
          });
          i += run.length;
        }
        resolveOffset(decoded[i - 1].message.offset);
        await heartbeat();
      }
    } catch (error) {
      if (error instanceof ShutdownInterrupt) return;
      throw error;
    }
  }

  /**
   * The span of a run of events: a child of the trace its events came with (`traceparent`), or, when they came from
   * several, a root linked to each, and each event's own trace kept for what it causes (`withEventTraces`).
   */
  private consumeSpan(
    physical: string,
    partition: number,
    run: ApplicableMessage[],
  ): { options: SpanOptions; eventTraces: Map<string, Context> } {
    const traces = new Map<string, Context>();
    const distinct = new Map<string, { context: Context; span: SpanContext }>();
    for (const { message, event } of run) {
      const context = contextFromHeaders(message.headers);
      const span = trace.getSpanContext(context);
      if (!span) continue;
      traces.set(event.eventId, context);
      distinct.set(`${span.traceId}-${span.spanId}`, { context, span });
    }
    const attributes = {
      'messaging.system': 'kafka',
      'messaging.operation.type': 'process',
      'messaging.destination.name': logicalTopic(this.options.topicPrefix, physical) ?? physical,
      'messaging.destination.partition.id': String(partition),
      'messaging.consumer.group.name': this.options.groupId,
      'messaging.batch.message_count': run.length,
      ...(run.length === 1
        ? { 'messaging.message.id': run[0].event.eventId, 'messaging.kafka.offset': Number(run[0].message.offset) }
        : {}),
      'portal.event.type': `${run[0].event.type} v${run[0].event.version}`,
    };
    if (distinct.size <= 1) {
      const parent = [...distinct.values()][0]?.context ?? ROOT_CONTEXT;
      return { options: { kind: SpanKind.CONSUMER, parent, attributes }, eventTraces: new Map() };
    }
    const links = [...distinct.values()].map(({ span }) => ({ context: span }));
    return { options: { kind: SpanKind.CONSUMER, parent: ROOT_CONTEXT, attributes, links }, eventTraces: traces };
  }

  private decode(message: KafkaMessage): DecodedMessage {
    const decoded = parseEvent(message.value);
    if (decoded.kind === 'invalid') return { message, invalid: formatFieldErrors(decoded.errors) };
    if (decoded.kind === 'unknown-type') return { message };
    const binding = this.bindings.get(`${decoded.definition.type}@${decoded.definition.version}`);
    return { message, event: decoded.event, binding };
  }

  private async process(
    physical: string,
    partition: number,
    binding: HandlerBinding,
    items: ApplicableMessage[],
    heartbeat: () => Promise<void>,
  ): Promise<void> {
    // Only failures of the message itself count towards dead-lettering: an outage's failures are retried without
    // limit, and must not leave a good message one failure from the dead-letter topic when the outage ends.
    let failures = 0;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.apply(physical, partition, binding, items);
        // At debug, following a request's id (the events' correlation id) shows what each service did with its events.
        this.logger.debug('events applied', { consumerGroup: this.options.groupId, events: items.length });
        this.observeLag(physical, items);
        return;
      } catch (error) {
        if (this.stopping.signal.aborted) throw new ShutdownInterrupt();
        if (error instanceof Held) {
          await this.sleepWithHeartbeats(this.options.holdPollMs, heartbeat);
          continue;
        }
        const transient = isTransientError(error);
        if (!transient) failures += 1;
        if (!transient && items.length > 1) {
          // Find the poison message: apply the run one event at a time.
          for (const item of items) await this.process(physical, partition, binding, [item], heartbeat);
          return;
        }
        const event = items[0].event;
        if (!transient && (failures >= this.options.maxAttempts || error instanceof PermanentError)) {
          await this.deadLetter(physical, partition, items[0].message, describe(error), failures, heartbeat);
          return;
        }
        this.stats.retries += 1;
        const delay = backoffDelay(attempt, this.options.backoff);
        activeSpan()?.addEvent('retry', { attempt, transient, error: describe(error) });
        this.logger.warn('event handler failed; retrying', {
          eventId: event.eventId,
          type: event.type,
          consumerGroup: this.options.groupId,
          attempt,
          transient,
          retryInMs: delay,
          error: describe(error),
        });
        await this.sleepWithHeartbeats(delay, heartbeat);
      }
    }
  }

  private async apply(
    physical: string,
    partition: number,
    binding: HandlerBinding,
    items: ApplicableMessage[],
    within?: (manager: EntityManager, applied: number) => Promise<void>,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const topic = logicalTopic(this.options.topicPrefix, physical) ?? physical;
      if (this.options.gate && (await this.options.gate(manager, topic)) === 'hold') throw new Held();
      const ids = items.map((item) => item.event.eventId.toLowerCase());
      const inserted: { event_id: string }[] = await manager.query(
        `INSERT INTO processed_message (consumer_group, event_id)
         SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.options.groupId, ids],
      );
      const fresh = new Set(inserted.map((row) => row.event_id));
      const events: EventEnvelope<object>[] = [];
      items.forEach((item, index) => {
        if (fresh.delete(ids[index])) events.push(item.event);
      });
      this.stats.duplicates += items.length - events.length;
      this.counted('duplicate', items.length - events.length);
      if (events.length === 0) return within?.(manager, 0);
      const context: InboxContext = {
        manager,
        topic,
        partition,
        consumerGroup: this.options.groupId,
      };
      if (binding.mode === 'batch') await binding.handle(events, context);
      else await binding.handle(events[0], context);
      this.stats.processed += events.length;
      this.counted('processed', events.length);
      await within?.(manager, events.length);
    });
  }

  /**
   * Runs one dead-lettered message through this group's inbox once more (validation, handler, `processed_message`),
   * outside Kafka, so that no other consumer group sees it again. A message the inbox has already applied counts as
   * `duplicate` and changes nothing. `within` runs in the handler's transaction (to record the replay with it).
   * One attempt: an operator asked for it and sees the outcome.
   */
  async reapply(
    topic: string,
    partition: number,
    value: Buffer | null,
    within: (manager: EntityManager, outcome: 'applied' | 'duplicate') => Promise<void>,
  ): Promise<ReapplyOutcome> {
    const decoded = this.decode({ value } as KafkaMessage);
    if (decoded.invalid !== undefined) return { kind: 'failed', reason: decoded.invalid };
    if (!decoded.binding || !decoded.event) {
      return { kind: 'failed', reason: 'no handler of this consumer group takes this event type and version' };
    }
    let outcome: 'applied' | 'duplicate' = 'duplicate';
    const { binding } = decoded;
    const item = { message: { value } as KafkaMessage, event: decoded.event };
    try {
      await withLogContext(eventLogContext([item]), () =>
        this.apply(physicalTopic(this.options.topicPrefix, topic), partition, binding, [item], async (manager, n) => {
          outcome = n > 0 ? 'applied' : 'duplicate';
          await within(manager, outcome);
        }),
      );
    } catch (error) {
      return { kind: 'failed', reason: describe(error), transient: error instanceof Held || isTransientError(error) };
    }
    return { kind: outcome };
  }

  private async deadLetter(
    physical: string,
    partition: number,
    message: KafkaMessage,
    reason: string,
    attempts: number,
    heartbeat: () => Promise<void>,
  ): Promise<void> {
    const logical = logicalTopic(this.options.topicPrefix, physical) ?? physical;
    const headers: IHeaders = {
      ...message.headers,
      [DlqHeaders.Error]: reason.slice(0, 4_000),
      [DlqHeaders.Attempts]: String(attempts),
      [DlqHeaders.OriginalTopic]: physical,
      [DlqHeaders.OriginalPartition]: String(partition),
      [DlqHeaders.OriginalOffset]: message.offset,
      [DlqHeaders.ConsumerGroup]: this.options.groupId,
    };
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.deadLetters.send({
          topic: physicalTopic(this.options.topicPrefix, dlqTopicOf(logical)),
          acks: -1,
          messages: [{ key: message.key, value: message.value, headers }],
        });
        break;
      } catch (error) {
        if (this.stopping.signal.aborted) throw new ShutdownInterrupt();
        this.logger.warn('dead-letter publish failed; retrying', { topic: physical, error: describe(error) });
        await this.sleepWithHeartbeats(backoffDelay(attempt, this.options.backoff), heartbeat);
      }
    }
    this.stats.deadLettered += 1;
    this.counted('dead_lettered', 1);
    const span = activeSpan();
    if (span) failSpan(span, new Error(`dead-lettered: ${reason}`));
    deadLetters().inc({ group: this.options.groupId, topic: logical });
    this.logger.error('message dead-lettered', {
      topic: physical,
      partition,
      offset: message.offset,
      consumerGroup: this.options.groupId,
      attempts,
      reason,
    });
  }

  /** How long after the broker took each applied message it was applied (committed). */
  private observeLag(physical: string, items: ApplicableMessage[]): void {
    const lag = inboxLag();
    const labels = { group: this.options.groupId, topic: logicalTopic(this.options.topicPrefix, physical) ?? physical };
    const now = Date.now();
    for (const { message } of items) {
      const appended = Number(message.timestamp);
      if (appended > 0) lag.observe(labels, Math.max(0, now - appended) / 1_000);
    }
  }

  private counted(outcome: string, n: number): void {
    if (n > 0) inboxEvents().inc({ group: this.options.groupId, outcome }, n);
  }

  private async sleepWithHeartbeats(ms: number, heartbeat: () => Promise<void>): Promise<void> {
    const until = Date.now() + ms;
    while (!this.stopping.signal.aborted && Date.now() < until) {
      await sleep(Math.min(1_000, until - Date.now()), this.stopping.signal);
      await heartbeat();
    }
    if (this.stopping.signal.aborted) throw new ShutdownInterrupt();
  }
}

/** The log context of a run of events: each id the events of the run share (a batch may span tenants or requests). */
function eventLogContext(items: ApplicableMessage[]): LogContext {
  const shared = (field: 'eventId' | 'type' | 'correlationId' | 'tenantId') => {
    const value = items[0].event[field];
    return items.every(({ event }) => event[field] === value) ? value : undefined;
  };
  return {
    eventId: shared('eventId'),
    type: shared('type'),
    correlationId: shared('correlationId'),
    tenantId: shared('tenantId'),
  };
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
