import {
  Injectable,
  Logger,
  ServiceUnavailableException,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Producer } from 'kafkajs';
import { eventHeaders } from '@partner-portal/contracts';
import { inSpan, SpanKind, traceHeaders } from '@partner-portal/logging';
import { createIdempotentProducer, createKafka, physicalTopic } from '@partner-portal/messaging';
import { GatewayConfig } from '../config/gateway.config';
import type { AcceptedEvent } from './event-batch';

/** Publishes connectors' events to the ERP topics with the platform's idempotent producer, keyed as the catalogue says. */
@Injectable()
export class ConnectorPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ConnectorPublisher.name);
  private readonly producer: Producer;
  private connected?: Promise<void>;

  constructor(private readonly config: GatewayConfig) {
    this.producer = createIdempotentProducer(
      createKafka({ brokers: config.kafkaBrokers, clientId: 'gateway-connector', topicPrefix: config.topicPrefix }),
    );
  }

  onApplicationBootstrap(): void {
    // Connecting in the background: the gateway serves people while the broker is away; connectors get 503.
    void this.connect().catch(() => undefined);
  }

  private connect(): Promise<void> {
    this.connected ??= this.producer.connect().catch((error: Error) => {
      this.connected = undefined;
      this.logger.warn({ message: 'Kafka not reachable for connector events', error: error.message });
      throw error;
    });
    return this.connected;
  }

  /** Resolves once every event is acknowledged by all in-sync replicas (acks=-1); 503 when Kafka does not. */
  async publish(events: AcceptedEvent[]): Promise<void> {
    const byTopic = new Map<string, AcceptedEvent[]>();
    for (const accepted of events) {
      const topic = physicalTopic(this.config.topicPrefix, accepted.definition.topic);
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), accepted]);
    }
    try {
      await this.connect();
      // One producer span for the batch; every message carries it on, so consumers continue the connector's request.
      const attributes = {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'send',
        'messaging.batch.message_count': events.length,
        'messaging.destination.name': [...byTopic.keys()].join(','),
      };
      await inSpan('send connector events', { kind: SpanKind.PRODUCER, attributes }, async () => {
        const traced = traceHeaders();
        await this.producer.sendBatch({
          acks: -1,
          timeout: 10_000,
          topicMessages: [...byTopic].map(([topic, batch]) => ({
            topic,
            messages: batch.map(({ definition, event }) => ({
              key: definition.key(event),
              value: JSON.stringify(event),
              headers: { ...eventHeaders(event), ...traced },
            })),
          })),
        });
      });
    } catch (error) {
      this.logger.error({ message: 'connector events not published', error: (error as Error).message });
      throw new ServiceUnavailableException('the events could not be handed to Kafka; send the batch again');
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
  }
}
