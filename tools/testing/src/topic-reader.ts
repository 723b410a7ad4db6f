import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type IHeaders } from 'kafkajs';
import { readKafkaSecurity, type KafkaSecurity } from '@partner-portal/contracts';

/** A message as a test reads it back. */
export interface ReadMessage {
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  partition: number;
  offset: string;
}

function headersToStrings(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.map(String).join(',') : String(value);
  }
  return out;
}

/**
 * Reads a topic from the beginning with a throw-away consumer group until `count` messages arrived or
 * `timeoutMs` passed, then returns what it has.
 */
export async function readTopic(
  brokers: string[],
  topic: string,
  {
    count,
    timeoutMs = 20_000,
    security = readKafkaSecurity(),
  }: { count: number; timeoutMs?: number; security?: KafkaSecurity },
): Promise<ReadMessage[]> {
  const kafka = new Kafka({ clientId: 'test-reader', brokers, logLevel: logLevel.NOTHING, ...security });
  const consumer = kafka.consumer({ groupId: `test-reader-${randomUUID()}`, maxWaitTimeInMs: 100 });
  const messages: ReadMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      void consumer.run({
        eachMessage: async ({ message, partition }) => {
          messages.push({
            key: message.key?.toString() ?? null,
            value: message.value?.toString() ?? null,
            headers: headersToStrings(message.headers),
            partition,
            offset: message.offset,
          });
          if (messages.length >= count) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return messages;
}
