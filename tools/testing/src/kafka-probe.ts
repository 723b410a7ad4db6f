import { Kafka, logLevel } from 'kafkajs';
import type { KafkaSecurity } from '@partner-portal/contracts';

/**
 * Publishes one message to a topic as the given user (idempotent, acks from all replicas, as the services
 * publish) and fails within seconds: how a test asks a broker what that user may do.
 */
export async function publishAs(brokers: string[], security: KafkaSecurity, topic: string): Promise<void> {
  const kafka = new Kafka({
    clientId: 'kafka-probe',
    brokers,
    logLevel: logLevel.NOTHING,
    retry: { retries: 1, initialRetryTime: 100 },
    connectionTimeout: 3_000,
    requestTimeout: 5_000,
    ...security,
  });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  try {
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: [{ key: 'tenant-1', value: `to ${topic}` }] });
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
}
