import { Kafka, logLevel, type Admin, type KafkaConfig } from 'kafkajs';
import type { KafkaSecurity } from '@partner-portal/contracts';

/** An admin client of the project's own tools: silent, since they report what matters in their own words. */
export function infraAdmin(
  clientId: string,
  brokers: string[],
  security: KafkaSecurity,
  settings: Pick<KafkaConfig, 'connectionTimeout' | 'requestTimeout' | 'retry'> = {},
): Admin {
  return new Kafka({ clientId, brokers, logLevel: logLevel.NOTHING, ...settings, ...security }).admin();
}
