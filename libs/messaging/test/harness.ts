import { logLevel } from 'kafkajs';
import type { Kafka, Producer } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { Topics, TopicPartitions, dlqTopicOf, type TopicSpec } from '@partner-portal/contracts';
import {
  createIdempotentProducer,
  createKafka,
  InboxConsumer,
  OutboxRelay,
  type HandlerBinding,
  type InboxConsumerOptions,
  type OutboxRelayOptions,
} from '../src';
import { memoryLogger } from './fixtures';

/** The topics these tests use: `erp.masterdata` and its dead-letter twin. */
export const MASTERDATA_TOPICS: TopicSpec[] = [
  { name: Topics.ErpMasterdata, partitions: TopicPartitions[Topics.ErpMasterdata] },
  { name: dlqTopicOf(Topics.ErpMasterdata), partitions: TopicPartitions[Topics.ErpMasterdata] },
];

/** Starts and stops relays and consumers of one test, and stops whatever is left at the end. */
export class MessagingRig {
  readonly kafka: Kafka;
  private readonly stoppers: Array<() => Promise<void>> = [];

  constructor(
    brokers: string[],
    readonly dataSource: DataSource,
    readonly topicPrefix: string,
  ) {
    // kafkajs's own connection noise is off; the rig's logger keeps what the messaging parts say.
    this.kafka = createKafka({ brokers, clientId: 'messaging-test', logLevel: logLevel.NOTHING });
  }

  async startRelay(
    options: OutboxRelayOptions = {},
  ): Promise<{ relay: OutboxRelay; producer: Producer; stop(): Promise<void> }> {
    const producer = createIdempotentProducer(this.kafka);
    await producer.connect();
    const relay = new OutboxRelay(this.dataSource, producer, memoryLogger(), {
      topicPrefix: this.topicPrefix,
      pollIntervalMs: 200,
      listeningPollIntervalMs: 200,
      maxBackoffMs: 2_000,
      ...options,
    });
    relay.start();
    let stopped = false;
    const stop = async () => {
      if (stopped) return;
      stopped = true;
      await relay.stop();
      await producer.disconnect();
    };
    this.stoppers.push(stop);
    return { relay, producer, stop };
  }

  async startConsumer(
    bindings: HandlerBinding[],
    options: Partial<InboxConsumerOptions> = {},
  ): Promise<{ consumer: InboxConsumer; stop(): Promise<void> }> {
    const consumer = new InboxConsumer(this.kafka, this.dataSource, bindings, memoryLogger(), {
      groupId: 'messaging-test-consumer',
      topicPrefix: this.topicPrefix,
      backoff: { initialDelayMs: 20, maxDelayMs: 500 },
      ...options,
    });
    await consumer.start();
    let stopped = false;
    const stop = async () => {
      if (stopped) return;
      stopped = true;
      await consumer.stop();
    };
    this.stoppers.push(stop);
    return { consumer, stop };
  }

  async stopAll(): Promise<void> {
    await Promise.allSettled(this.stoppers.reverse().map((stop) => stop()));
  }
}
