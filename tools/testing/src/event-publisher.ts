import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import { eventHeaders, findEventDefinition, type EventEnvelope } from '@partner-portal/contracts';

/** Publishes events to the platform topics under a prefix, keyed and with headers as the contract says. */
export class EventPublisher {
  private readonly producer: Producer;
  private connected?: Promise<void>;

  constructor(
    brokers: string[],
    private readonly topicPrefix: string,
  ) {
    this.producer = new Kafka({ clientId: 'test-publisher', brokers, logLevel: logLevel.NOTHING }).producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
    });
  }

  /** Sends events in order (per key), waiting for the broker's acknowledgement. */
  async publish(...events: EventEnvelope<object>[]): Promise<void> {
    await (this.connected ??= this.producer.connect());
    for (const event of events) {
      const definition = findEventDefinition(event.type, event.version);
      if (!definition) throw new Error(`${event.type} v${event.version} is not in the catalogue`);
      await this.producer.send({
        topic: `${this.topicPrefix}${definition.topic}`,
        acks: -1,
        messages: [
          {
            key: definition.key(event),
            value: JSON.stringify(event),
            headers: eventHeaders(event),
          },
        ],
      });
    }
  }

  /** Sends a raw value (for malformed-message tests). */
  async publishRaw(topic: string, key: string, value: string): Promise<void> {
    await (this.connected ??= this.producer.connect());
    await this.producer.send({ topic: `${this.topicPrefix}${topic}`, acks: -1, messages: [{ key, value }] });
  }

  async close(): Promise<void> {
    if (this.connected) await this.producer.disconnect();
  }
}
