import type { DataSource, EntityManager } from 'typeorm';
import type {
  DeadLetterPage,
  DeadLetterResponse,
  DeadLetterStatusFilter,
  ReplayOutcomeResponse,
} from '@partner-portal/api-contracts';
import type { InboxConsumer } from '../inbox/inbox-consumer';
import type { StructuredLogger } from '../logger';
import { deadLetterId, parseDeadLetterId } from './dead-letter';

/** Which dead letters to list, and which page. */
export interface DeadLetterFilter {
  /** Only these consumed topics (e.g. the connector topics for an administrator). */
  topics?: readonly string[];
  tenantId?: string;
  status?: DeadLetterStatusFilter;
  page: number;
  pageSize: number;
}

/** Limits a replay to what a caller may see: one tenant's dead letters of some topics. */
export interface ReplayScope {
  tenantId: string;
  topics: readonly string[];
}

interface DeadLetterRow {
  dlq_topic: string;
  dlq_partition: number;
  dlq_offset: string;
  consumer_group: string;
  original_topic: string;
  original_partition: number;
  original_offset: string;
  event_id: string | null;
  event_type: string | null;
  tenant_id: string | null;
  reason: string;
  attempts: number;
  dead_lettered_at: Date;
  replay_attempts: number;
  replayed_at: Date | null;
}

const COLUMNS = `dlq_topic, dlq_partition, dlq_offset::text AS dlq_offset, consumer_group, original_topic,
  original_partition, original_offset::text AS original_offset, event_id, event_type, tenant_id, reason, attempts,
  dead_lettered_at, replay_attempts, replayed_at`;

const KEY = `consumer_group = $1 AND dlq_topic = $2 AND dlq_partition = $3 AND dlq_offset = $4`;

/**
 * A service's dead letters: lists them (from the `dead_letter` index that `DeadLetterIndex` keeps) and replays
 * chosen ones through the service's own inbox, so that only its consumer group applies them again. A replay runs
 * the message's validation and handler and records `processed_message` like live consumption (a dead-lettered
 * message never has that record: the inbox writes it in the handler's transaction, which failed); the replay is
 * marked in the same transaction, so replaying twice applies once. A replay that fails leaves the dead letter dead,
 * with the new reason.
 */
export class DeadLetterOffice {
  constructor(
    private readonly dataSource: DataSource,
    private readonly consumerGroup: string,
    private readonly inbox: () => InboxConsumer | undefined,
    private readonly logger: StructuredLogger,
  ) {}

  /** One page of dead letters, newest first, and how many match. */
  async list(filter: DeadLetterFilter): Promise<DeadLetterPage> {
    const params: unknown[] = [this.consumerGroup];
    const where = ['consumer_group = $1'];
    if (filter.topics) {
      params.push(filter.topics);
      where.push(`original_topic = ANY($${params.length}::text[])`);
    }
    if (filter.tenantId !== undefined) {
      params.push(filter.tenantId);
      where.push(`tenant_id = $${params.length}`);
    }
    const status = filter.status ?? 'dead';
    if (status === 'dead') where.push('replayed_at IS NULL');
    if (status === 'replayed') where.push('replayed_at IS NOT NULL');
    const condition = where.join(' AND ');
    const [{ total }]: { total: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM dead_letter WHERE ${condition}`,
      params,
    );
    const rows: DeadLetterRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM dead_letter WHERE ${condition}
        ORDER BY dead_lettered_at DESC, dlq_topic COLLATE "C", dlq_partition, dlq_offset
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.pageSize, (filter.page - 1) * filter.pageSize],
    );
    return { items: rows.map(toResponse), page: filter.page, pageSize: filter.pageSize, total };
  }

  /** Whether the inbox the replays go through is running. */
  get canReplay(): boolean {
    return this.inbox() !== undefined;
  }

  /** Replays the dead letters named, one after another, in the order given; `scope` hides what is not the caller's. */
  async replay(ids: readonly string[], scope?: ReplayScope): Promise<ReplayOutcomeResponse[]> {
    const outcomes: ReplayOutcomeResponse[] = [];
    for (const id of ids) outcomes.push(await this.replayOne(id, scope));
    return outcomes;
  }

  private async replayOne(id: string, scope: ReplayScope | undefined): Promise<ReplayOutcomeResponse> {
    const position = parseDeadLetterId(id);
    if (!position) return { id, outcome: 'not_found', reason: null };
    const inbox = this.inbox();
    if (!inbox) return { id, outcome: 'failed', reason: 'the consumer is not running yet; try again shortly' };
    const key = [this.consumerGroup, position.dlqTopic, position.partition, position.offset];
    const [row]: Array<DeadLetterRow & { message_value: Buffer | null }> = await this.dataSource.query(
      `SELECT ${COLUMNS}, message_value FROM dead_letter WHERE ${KEY}`,
      key,
    );
    if (!row || (scope && (row.tenant_id !== scope.tenantId || !scope.topics.includes(row.original_topic)))) {
      return { id, outcome: 'not_found', reason: null };
    }
    if (row.replayed_at) return { id, outcome: 'already_replayed', reason: null };
    let marked = false;
    const result = await inbox.reapply(
      row.original_topic,
      row.original_partition,
      row.message_value,
      async (manager: EntityManager, outcome) => {
        const updated: unknown[] = await manager.query(
          `UPDATE dead_letter SET replayed_at = now(), replay_outcome = $5, replay_attempts = replay_attempts + 1
            WHERE ${KEY} AND replayed_at IS NULL RETURNING 1`,
          [...key, outcome],
        );
        marked = updated.length > 0;
      },
    );
    const fields = { id, consumerGroup: this.consumerGroup, eventId: row.event_id, type: row.event_type };
    if (result.kind === 'failed') {
      await this.dataSource.query(
        `UPDATE dead_letter SET reason = $5, replay_attempts = replay_attempts + 1 WHERE ${KEY} AND replayed_at IS NULL`,
        [...key, result.reason.slice(0, 4_000)],
      );
      this.logger.warn('dead letter replay failed', { ...fields, reason: result.reason });
      return { id, outcome: 'failed', reason: result.reason };
    }
    // Another replay of the same dead letter committed first: its inbox record made this one a no-op.
    if (!marked) return { id, outcome: 'already_replayed', reason: null };
    const outcome = result.kind === 'applied' ? 'replayed' : 'already_applied';
    this.logger.info('dead letter replayed', { ...fields, outcome });
    return { id, outcome, reason: null };
  }
}

function toResponse(row: DeadLetterRow): DeadLetterResponse {
  return {
    id: deadLetterId({ dlqTopic: row.dlq_topic, partition: row.dlq_partition, offset: row.dlq_offset }),
    consumerGroup: row.consumer_group,
    topic: row.original_topic,
    partition: row.original_partition,
    offset: row.original_offset,
    eventId: row.event_id,
    type: row.event_type,
    tenantId: row.tenant_id,
    reason: row.reason,
    attempts: row.attempts,
    deadLetteredAt: row.dead_lettered_at.toISOString(),
    status: row.replayed_at ? 'replayed' : 'dead',
    replayAttempts: row.replay_attempts,
    replayedAt: row.replayed_at?.toISOString() ?? null,
  };
}
