import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { createIdempotentProducer, createKafka } from '../kafka/kafka-connection';
import { KafkaLink } from '../kafka/kafka-link';
import { jsonLogger, type StructuredLogger } from '../logger';
import { forgetAtScrape, observeAtScrape, OUTBOX_BACKLOG } from '../metrics/messaging-metrics';
import { OutboxRelay } from '../outbox/outbox-relay';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options';

/**
 * Runs the outbox relay for the life of the application. Boot does not wait for Kafka: the producer connects in the
 * background and the relay starts once it has; until then the outbox keeps what the service writes.
 */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private producer?: Producer;
  private relayInstance?: OutboxRelay;
  private link?: KafkaLink;
  private stopping = false;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly dataSource: DataSource,
  ) {}

  /** The running relay (metrics read its stats and backlog). */
  get relay(): OutboxRelay | undefined {
    return this.relayInstance;
  }

  /** Why the relay cannot publish yet (for readiness), or undefined when it can or does not run here. */
  get notReadyReason(): string | undefined {
    if (!this.link || this.link.isUp) return undefined;
    const { state, error } = this.link.current;
    if (state === 'connecting') return 'outbox producer not connected yet';
    return `outbox producer not connected (${error ?? state}); retrying`;
  }

  onApplicationBootstrap(): void {
    if (this.options.relay?.enabled === false) return;
    const kafka = createKafka({ ...this.options.kafka, clientId: `${this.options.serviceName}-relay` });
    const producer = createIdempotentProducer(kafka);
    this.producer = producer;
    const logger = jsonLogger(`${this.options.serviceName}.outbox`);
    // Once connected, kafkajs's producer reconnects by itself on each send; the relay's passes retry until it does.
    this.link = new KafkaLink(
      'outbox producer',
      async () => {
        await producer.connect();
        if (!this.stopping) this.startRelay(producer, logger);
      },
      logger,
    );
    this.link.connect();
    // The backlog is measured from the database, so it shows what waits while the broker is away.
    const service = this.options.serviceName;
    observeAtScrape(OUTBOX_BACKLOG, service, async () => {
      const [row] = await this.dataSource.query(
        `SELECT count(*) FILTER (WHERE dead_at IS NULL)::int AS pending, count(*) FILTER (WHERE dead_at IS NOT NULL)::int AS dead
           FROM outbox_message WHERE published_at IS NULL`,
      );
      return [
        { labels: { service, state: 'pending' }, value: row.pending },
        { labels: { service, state: 'dead' }, value: row.dead },
      ];
    });
  }

  private startRelay(producer: Producer, logger: StructuredLogger): void {
    this.relayInstance = new OutboxRelay(this.dataSource, producer, logger, {
      ...this.options.relay,
      topicPrefix: this.options.kafka.topicPrefix,
    });
    this.relayInstance.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.link?.stop();
    forgetAtScrape(OUTBOX_BACKLOG, this.options.serviceName);
    await this.relayInstance?.stop();
    await this.producer?.disconnect();
  }
}
