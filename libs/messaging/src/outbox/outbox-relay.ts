import type { Producer, TopicMessages } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import { eventHeaders, type EventEnvelope } from '@partner-portal/contracts';
import { physicalTopic } from '../kafka/kafka-connection';
import { backoffDelay, isTransientError, sleep } from '../retry';
import { ChannelListener } from '../notifications/channel-listener';
import { OUTBOX_CHANNEL } from './outbox';
import type { StructuredLogger } from '../logger';

/** Tuning of the relay; every field has a default. */
export interface OutboxRelayOptions {
  /** Prefix of physical topic names (tests). */
  topicPrefix?: string;
  /** Rows claimed per batch. Default 500. */
  batchSize?: number;
  /** Poll period while notifications cannot be heard (LISTEN failed), and of a relay that found the lock taken. Default 1000 ms. */
  pollIntervalMs?: number;
  /**
   * Poll period while the relay LISTENs: a committed row notifies it at once, so this only catches a notification
   * lost with its connection; longer keeps an idle service idle. Default 5000 ms.
   */
  listeningPollIntervalMs?: number;
  /** Attempts after which a row the broker refuses for good is parked as dead. Default 10. */
  maxAttempts?: number;
  /** Published rows older than this are deleted. Default 7 days. */
  retainPublishedMs?: number;
  /** Advisory lock id serializing relays of one database. */
  lockId?: number;
  /** Longest wait between failed passes. Default 30 s. */
  maxBackoffMs?: number;
}

/** What one relay pass did. */
export interface RelayPassResult {
  published: number;
  /** Another relay instance held the lock; this one waited. */
  busy: boolean;
}

/** Counters exposed for metrics. */
export interface OutboxRelayStats {
  published: number;
  failedAttempts: number;
  parkedDead: number;
}

interface ClaimedRow {
  id: string;
  topic: string;
  message_key: string;
  envelope: EventEnvelope<object>;
  trace_context: Record<string, unknown> | null;
  attempts: number;
}

const DEFAULT_LOCK_ID = 0x0b0c_7e1a;

class RelaySendError extends Error {
  constructor(
    readonly rows: ClaimedRow[],
    override readonly cause: unknown,
  ) {
    super(`publishing ${rows.length} outbox rows failed: ${(cause as Error)?.message ?? String(cause)}`);
  }
}

/**
 * Publishes committed outbox rows to Kafka with the idempotent producer, in commit order, and marks them.
 *
 * Several instances may run against one database: each pass takes a transaction-scoped advisory lock, so
 * passes never overlap and rows leave in `id` order, which keeps the order per key (the claim also uses
 * `FOR UPDATE SKIP LOCKED`, so a stray concurrent claimer cannot block or double-send). If the broker is down
 * the pass fails, nothing is marked, and the rows go out on a later pass: delay, never loss.
 */
export class OutboxRelay {
  readonly stats: OutboxRelayStats = { published: 0, failedAttempts: 0, parkedDead: 0 };
  private readonly options: Required<Omit<OutboxRelayOptions, 'topicPrefix'>> & { topicPrefix: string };
  private abort = new AbortController();
  private wake = new AbortController();
  private loop?: Promise<void>;
  private readonly listener: ChannelListener;
  private isolate = false;
  private lastPrune = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: Producer,
    private readonly logger: StructuredLogger,
    options: OutboxRelayOptions = {},
  ) {
    this.options = {
      topicPrefix: options.topicPrefix ?? '',
      batchSize: options.batchSize ?? 500,
      pollIntervalMs: options.pollIntervalMs ?? 1_000,
      listeningPollIntervalMs: options.listeningPollIntervalMs ?? 5_000,
      maxAttempts: options.maxAttempts ?? 10,
      retainPublishedMs: options.retainPublishedMs ?? 7 * 24 * 3_600_000,
      lockId: options.lockId ?? DEFAULT_LOCK_ID,
      maxBackoffMs: options.maxBackoffMs ?? 30_000,
    };
    this.listener = new ChannelListener(dataSource, OUTBOX_CHANNEL, () => this.wake.abort());
  }

  /** Starts relaying in the background until `stop`. */
  start(): void {
    if (this.loop) return;
    this.abort = new AbortController();
    this.loop = this.run();
  }

  /** Stops after the pass in hand and releases the listening connection. */
  async stop(): Promise<void> {
    this.abort.abort();
    this.wake.abort();
    await this.loop;
    this.loop = undefined;
    await this.unlisten();
  }

  /** Rows still waiting to be published (for metrics and tests). */
  async backlog(): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox_message WHERE published_at IS NULL AND dead_at IS NULL`,
    );
    return row.n;
  }

  /** Runs passes until nothing is left; for tests and one-off tools. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const { published, busy } = await this.publishPass();
      total += published;
      if (busy) await sleep(50);
      else if (published === 0) return total;
    }
  }

  /** One pass: claim a batch, send it, mark it. Throws when the send fails (after recording the attempt). */
  async publishPass(): Promise<RelayPassResult> {
    try {
      return await this.dataSource.transaction((manager) => this.claimAndSend(manager));
    } catch (error) {
      if (error instanceof RelaySendError) await this.recordFailure(error);
      throw error;
    }
  }

  private async run(): Promise<void> {
    let failures = 0;
    await this.listen();
    while (!this.abort.signal.aborted) {
      try {
        const { published, busy } = await this.publishPass();
        failures = 0;
        this.pruneIfDue();
        if (busy) {
          // Another instance is mid-pass; notifications would only wake this one to find the lock taken.
          await sleep(this.options.pollIntervalMs, this.abort.signal);
          this.wake = new AbortController();
        } else if (published < this.currentBatchSize()) {
          await this.waitForWork();
        }
      } catch (error) {
        failures += 1;
        const delay = backoffDelay(failures, { initialDelayMs: 200, maxDelayMs: this.options.maxBackoffMs });
        this.logger.warn('outbox relay pass failed; retrying', {
          error: (error as Error).message,
          retryInMs: delay,
          transient: isTransientError((error as RelaySendError).cause ?? error),
        });
        await sleep(delay, this.abort.signal);
        if (!this.listener.listening) await this.listen();
      }
    }
  }

  private currentBatchSize(): number {
    return this.isolate ? 1 : this.options.batchSize;
  }

  private async claimAndSend(manager: EntityManager): Promise<RelayPassResult> {
    const [{ locked }] = await manager.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [this.options.lockId]);
    if (!locked) return { published: 0, busy: true };
    const rows: ClaimedRow[] = await manager.query(
      `SELECT id, topic, message_key, envelope, trace_context, attempts FROM outbox_message
        WHERE published_at IS NULL AND dead_at IS NULL
        ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [this.currentBatchSize()],
    );
    if (rows.length === 0) return { published: 0, busy: false };
    try {
      await this.producer.sendBatch({ acks: -1, topicMessages: this.toTopicMessages(rows) });
    } catch (error) {
      throw new RelaySendError(rows, error);
    }
    await manager.query(
      `UPDATE outbox_message SET published_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ANY($1::bigint[])`,
      [rows.map((r) => r.id)],
    );
    this.stats.published += rows.length;
    this.isolate = false;
    return { published: rows.length, busy: false };
  }

  private toTopicMessages(rows: ClaimedRow[]): TopicMessages[] {
    const byTopic = new Map<string, TopicMessages>();
    for (const row of rows) {
      const topic = physicalTopic(this.options.topicPrefix, row.topic);
      let entry = byTopic.get(topic);
      if (!entry) byTopic.set(topic, (entry = { topic, messages: [] }));
      const envelope = row.envelope;
      entry.messages.push({
        key: row.message_key,
        value: JSON.stringify(envelope),
        headers: { ...eventHeaders(envelope), ...traceContextHeaders(row.trace_context) },
      });
    }
    return [...byTopic.values()];
  }

  /**
   * Counts the failed attempt. A refusal that is not about connectivity (message too large, say) is isolated:
   * the next passes send one row at a time, and a single row refused `maxAttempts` times is parked as dead.
   */
  private async recordFailure(failure: RelaySendError): Promise<void> {
    const transient = isTransientError(failure.cause);
    const ids = failure.rows.map((r) => r.id);
    this.stats.failedAttempts += 1;
    const message = String((failure.cause as Error)?.message ?? failure.cause).slice(0, 2_000);
    const { counts, park: parkable } = sendFailureOutcome(
      { transient, rows: failure.rows.length, attempts: failure.rows[0]?.attempts ?? 0 },
      this.options.maxAttempts,
    );
    await this.dataSource.query(
      `UPDATE outbox_message SET attempts = attempts + $4, last_error = $2,
              dead_at = CASE WHEN $3 THEN now() ELSE dead_at END
        WHERE id = ANY($1::bigint[])`,
      [ids, message, parkable, counts ? 1 : 0],
    );
    if (parkable) {
      this.stats.parkedDead += 1;
      this.logger.error('outbox row parked as dead', { outboxId: ids[0], error: message });
    }
    if (!transient) this.isolate = true;
  }

  private pruneIfDue(): void {
    const now = Date.now();
    if (now - this.lastPrune < 3_600_000) return;
    this.lastPrune = now;
    this.dataSource
      .query(`DELETE FROM outbox_message WHERE published_at < now() - ($1::bigint * interval '1 millisecond')`, [
        this.options.retainPublishedMs,
      ])
      .catch((error: Error) => this.logger.warn('outbox prune failed', { error: error.message }));
  }

  private async waitForWork(): Promise<void> {
    // A notification that arrived during the pass already aborted `wake`: go again at once.
    const pollMs = this.listener.listening ? this.options.listeningPollIntervalMs : this.options.pollIntervalMs;
    if (!this.wake.signal.aborted) await sleep(pollMs, AbortSignal.any([this.wake.signal, this.abort.signal]));
    this.wake = new AbortController();
  }

  private async listen(): Promise<void> {
    if (this.abort.signal.aborted) return;
    try {
      await this.listener.open();
    } catch (error) {
      // Polling still delivers everything; LISTEN only shortens the wait.
      this.logger.warn('outbox relay could not LISTEN; polling only', { error: (error as Error).message });
    }
  }

  private unlisten(): Promise<void> {
    return this.listener.close();
  }
}

/** The W3C Trace Context headers a row was written with (nothing else a row's column might hold). */
function traceContextHeaders(stored: Record<string, unknown> | null): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of ['traceparent', 'tracestate']) {
    const value = stored?.[name];
    if (typeof value === 'string') headers[name] = value;
  }
  return headers;
}

/**
 * What a failed send does to its rows. An outage (a transient failure) counts against no row, so that a row does
 * not reach its budget during one and get parked by the first other error after it. A refusal of the rows
 * themselves counts; a single row refused `maxAttempts` times is parked as dead.
 */
export function sendFailureOutcome(
  failure: { transient: boolean; rows: number; attempts: number },
  maxAttempts: number,
): { counts: boolean; park: boolean } {
  if (failure.transient) return { counts: false, park: false };
  return { counts: true, park: failure.rows === 1 && failure.attempts + 1 >= maxAttempts };
}
