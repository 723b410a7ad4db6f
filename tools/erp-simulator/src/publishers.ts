import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import {
  eventHeaders,
  findEventDefinition,
  readKafkaSecurity,
  type EventEnvelope,
  type KafkaSecurity,
} from '@partner-portal/contracts';

/** Where the simulator sends its events. */
export interface EventSink {
  /** Sends a batch; resolves once it is acknowledged (by Kafka, or by the gateway after Kafka). */
  send(events: EventEnvelope<object>[]): Promise<void>;
  close(): Promise<void>;
  readonly describe: string;
}

/** Straight to Kafka, as a connector with Kafka access publishes: keyed and with headers as the catalogue says. */
export class KafkaSink implements EventSink {
  private readonly producer: Producer;
  private connected?: Promise<void>;

  constructor(
    private readonly brokers: string[],
    private readonly topicPrefix = '',
    security: KafkaSecurity = readKafkaSecurity(),
  ) {
    this.producer = new Kafka({ clientId: 'erp-simulator', brokers, logLevel: logLevel.WARN, ...security }).producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  get describe() {
    return `Kafka ${this.brokers.join(',')}`;
  }

  async send(events: EventEnvelope<object>[]): Promise<void> {
    await (this.connected ??= this.producer.connect());
    const byTopic = new Map<string, Array<{ key: string; value: string; headers: Record<string, string> }>>();
    for (const event of events) {
      const definition = findEventDefinition(event.type, event.version);
      if (!definition) throw new Error(`${event.type} v${event.version} is not in the catalogue`);
      const topic = `${this.topicPrefix}${definition.topic}`;
      byTopic.set(topic, [
        ...(byTopic.get(topic) ?? []),
        {
          key: definition.key(event),
          value: JSON.stringify(event),
          headers: eventHeaders(event),
        },
      ]);
    }
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
  }

  async close(): Promise<void> {
    if (this.connected) await this.producer.disconnect();
  }
}

/** Through the gateway's connector endpoint with the tenant's API key, as a connector that only speaks HTTP does. */
export class GatewaySink implements EventSink {
  constructor(
    private readonly gatewayUrl: string,
    private readonly apiKey: string,
  ) {}

  get describe() {
    return `gateway ${this.gatewayUrl}`;
  }

  async send(events: EventEnvelope<object>[]): Promise<void> {
    for (let i = 0; i < events.length; i += 1_000) {
      const response = await fetch(`${this.gatewayUrl}/api/connector/events`, {
        method: 'POST',
        headers: { authorization: `ApiKey ${this.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ events: events.slice(i, i + 1_000) }),
      });
      if (response.status !== 202) {
        throw new Error(`the gateway answered ${response.status}: ${(await response.text()).slice(0, 500)}`);
      }
    }
  }

  /** Each request stands alone; there is no connection to close. */
  close(): Promise<void> {
    return Promise.resolve();
  }
}
