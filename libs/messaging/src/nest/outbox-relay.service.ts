import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { createIdempotentProducer, createKafka } from '../kafka/kafka-connection';
import { jsonLogger } from '../logger';
import { forgetOutboxBacklog, observeOutboxBacklog } from '../metrics/messaging-metrics';
import { OutboxRelay } from '../outbox/outbox-relay';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options';

/** Runs the outbox relay for the life of the application. */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private producer?: Producer;
  private relayInstance?: OutboxRelay;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly dataSource: DataSource,
  ) {}

  /** The running relay (metrics read its stats and backlog). */
  get relay(): OutboxRelay | undefined {
    return this.relayInstance;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.relay?.enabled === false) return;
    const kafka = createKafka({ ...this.options.kafka, clientId: `${this.options.serviceName}-relay` });
    this.producer = createIdempotentProducer(kafka);
    await this.producer.connect();
    this.relayInstance = new OutboxRelay(
      this.dataSource,
      this.producer,
      jsonLogger(`${this.options.serviceName}.outbox`),
      {
        ...this.options.relay,
        topicPrefix: this.options.kafka.topicPrefix,
      },
    );
    this.relayInstance.start();
    observeOutboxBacklog(this.options.serviceName, async () => {
      const [row] = await this.dataSource.query(
        `SELECT count(*) FILTER (WHERE dead_at IS NULL)::int AS pending, count(*) FILTER (WHERE dead_at IS NOT NULL)::int AS dead
           FROM outbox_message WHERE published_at IS NULL`,
      );
      return row;
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    forgetOutboxBacklog(this.options.serviceName);
    await this.relayInstance?.stop();
    await this.producer?.disconnect();
  }
}
