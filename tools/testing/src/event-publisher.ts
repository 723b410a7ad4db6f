import { Kafka, logLevel, Partitioners, type Message, type Producer } from 'kafkajs';
import {
  eventHeaders,
  findEventDefinition,
  readKafkaSecurity,
  type EventEnvelope,
  type KafkaSecurity,
} from '@partner-portal/contracts';

/** Publishes events to the platform topics under a prefix, keyed and with headers as the contract says. */
export class EventPublisher {
  private readonly producer: Producer;
  private connected?: Promise<void>;

  constructor(
    brokers: string[],
    private readonly topicPrefix: string,
    security: KafkaSecurity = readKafkaSecurity(),
  ) {
    this.producer = new Kafka({
      clientId: 'test-publisher',
      brokers,
      logLevel: logLevel.NOTHING,
      ...security,
    }).producer({
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

  /**
   * Streams many events, `batchSize` per request, keeping per-key order. A batch the broker did not acknowledge (it
   * was killed or frozen) is sent again until it is, for up to `retryForMs`: the consumers must ignore the repeats.
   */
  async publishMany(events: EventEnvelope<object>[], options: { batchSize?: number; retryForMs?: number } = {}) {
    const { batchSize = 500, retryForMs = 180_000 } = options;
    let resent = 0;
    for (let i = 0; i < events.length; i += batchSize) {
      const topicMessages = new Map<string, Message[]>();
      for (const event of events.slice(i, i + batchSize)) {
        const definition = findEventDefinition(event.type, event.version);
        if (!definition) throw new Error(`${event.type} v${event.version} is not in the catalogue`);
        const topic = `${this.topicPrefix}${definition.topic}`;
        const message = { key: definition.key(event), value: JSON.stringify(event), headers: eventHeaders(event) };
        topicMessages.set(topic, [...(topicMessages.get(topic) ?? []), message]);
      }
      const batch = { acks: -1, topicMessages: [...topicMessages].map(([topic, messages]) => ({ topic, messages })) };
      const giveUpAt = Date.now() + retryForMs;
      for (;;) {
        try {
          await (this.connected ??= this.producer.connect());
          await this.producer.sendBatch(batch);
          break;
        } catch (error) {
          if (Date.now() > giveUpAt) throw error;
          resent += 1;
          this.connected = undefined;
          await this.producer.disconnect().catch(() => undefined);
          await new Promise((r) => setTimeout(r, 500));
        }
      }
    }
    return { resentBatches: resent };
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
