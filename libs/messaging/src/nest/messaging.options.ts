import type { InboxConsumerOptions } from '../inbox/inbox-consumer';
import type { KafkaConnectionOptions } from '../kafka/kafka-connection';
import type { OutboxRelayOptions } from '../outbox/outbox-relay';

/** Injection token of the resolved `MessagingOptions`. */
export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

/** How a service publishes and consumes. */
export interface MessagingOptions {
  /** The service name: envelope `producer` and Kafka client id. */
  serviceName: string;
  /** Brokers and topic prefix. */
  kafka: Omit<KafkaConnectionOptions, 'clientId'>;
  /** Consumer tuning; omit for a service that consumes nothing. */
  inbox?: InboxConsumerOptions;
  /** Relay tuning; `enabled: false` leaves publishing to another process. */
  relay?: OutboxRelayOptions & { enabled?: boolean };
}
