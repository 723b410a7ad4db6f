import type { Consumer, Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { dlqTopicOf } from '@partner-portal/contracts';
import { physicalTopic } from '../kafka/kafka-connection';
import type { StructuredLogger } from '../logger';
import { deadLetterEntryOf, type DeadLetterEntry } from './dead-letter';

/** What a `DeadLetterIndex` reads. */
export interface DeadLetterIndexOptions {
  /** The consumer group whose dead letters are kept; its own index group is `<group>.dead-letters`. */
  consumerGroup: string;
  /** The platform topics the consumer group consumes; their `.dlq` twins are read. */
  topics: readonly string[];
  /** Prefix of physical topic names and of the Kafka consumer group (tests). */
  topicPrefix?: string;
}

/**
 * Keeps a service's `dead_letter` table in step with the dead-letter topics of what it consumes: reads each `.dlq`
 * twin with a consumer group of its own (so N instances share the work and a restart goes on where it stopped) and
 * stores the messages its consumer group put there; other groups' are skipped. Inserting is idempotent, so a
 * redelivered batch changes nothing and replay records are never overwritten.
 */
export class DeadLetterIndex {
  private readonly consumer: Consumer;
  private readonly prefix: string;

  constructor(
    kafka: Kafka,
    private readonly dataSource: DataSource,
    private readonly logger: StructuredLogger,
    private readonly options: DeadLetterIndexOptions,
  ) {
    this.prefix = options.topicPrefix ?? '';
    this.consumer = kafka.consumer({
      groupId: `${this.prefix}${options.consumerGroup}.dead-letters`,
      allowAutoTopicCreation: false,
      // An idle fetch every second, as the inbox's: a stop waits for the one in hand.
      maxWaitTimeInMs: 1_000,
    });
  }

  /** Joins its group and indexes from the earliest uncommitted offset on. */
  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: this.options.topics.map((topic) => physicalTopic(this.prefix, dlqTopicOf(topic))),
      fromBeginning: true,
    });
    await this.consumer.run({
      eachBatch: async ({ batch }) => {
        const entries = batch.messages
          .map((m) => deadLetterEntryOf(m, batch.topic, batch.partition, this.options.consumerGroup, this.prefix))
          .filter((entry): entry is DeadLetterEntry => entry !== undefined);
        if (entries.length > 0) await this.store(entries);
      },
    });
  }

  /** Stops reading and leaves the group. */
  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }

  private async store(entries: DeadLetterEntry[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      for (const e of entries) {
        await manager.query(
          `INSERT INTO dead_letter (consumer_group, dlq_topic, dlq_partition, dlq_offset, original_topic,
             original_partition, original_offset, event_id, event_type, tenant_id, message_key, message_value,
             reason, attempts, dead_lettered_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
           ON CONFLICT DO NOTHING`,
          [
            e.consumerGroup,
            e.dlqTopic,
            e.partition,
            e.offset,
            e.originalTopic,
            e.originalPartition,
            e.originalOffset,
            e.eventId,
            e.eventType,
            e.tenantId,
            e.key,
            e.value,
            e.reason,
            e.attempts,
            e.deadLetteredAt,
          ],
        );
      }
    });
    this.logger.info('dead letters indexed', { consumerGroup: this.options.consumerGroup, count: entries.length });
  }
}
