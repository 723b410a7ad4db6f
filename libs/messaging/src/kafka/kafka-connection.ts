import { Kafka, logLevel, Partitioners, type KafkaConfig, type LogEntry, type Producer } from 'kafkajs';
import { readKafkaSecurity, type KafkaSecurity } from '@partner-portal/contracts';
import { processLogger } from '@partner-portal/logging';
import { stopIdleRequestQueueTimers } from './idle-request-queue';

stopIdleRequestQueueTimers();

/** How a service reaches Kafka. */
export interface KafkaConnectionOptions {
  /** Bootstrap brokers, e.g. `['127.0.0.1:9092']`. */
  brokers: string[];
  /** Client id shown in broker logs; the service name. */
  clientId: string;
  /**
   * Prefix put in front of every platform topic name (`<prefix>erp.masterdata`). Empty in deployments;
   * tests use it so that each test file has its own topics.
   */
  topicPrefix?: string;
  /** kafkajs's own log level. Default WARN. */
  logLevel?: logLevel;
  /** SASL and TLS; default from KAFKA_SASL_* and KAFKA_SSL* (none when unset, as before). */
  security?: KafkaSecurity;
}

/** The physical topic name of a platform topic under a prefix. */
export function physicalTopic(topicPrefix: string | undefined, topic: string): string {
  return `${topicPrefix ?? ''}${topic}`;
}

/** The platform topic name of a physical topic, or undefined when it lacks the prefix. */
export function logicalTopic(topicPrefix: string | undefined, physical: string): string | undefined {
  const prefix = topicPrefix ?? '';
  return physical.startsWith(prefix) ? physical.slice(prefix.length) : undefined;
}

const levelNames: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

// The relay bounds producer retries on purpose (it retries whole passes itself and consumers deduplicate), so
// kafkajs's warning about it is expected; the partitioner notice only concerns kafkajs 1.x users.
const EXPECTED_WARNINGS = [
  /^Limiting retries for the idempotent producer/,
  /^KafkaJS v2\.0\.0 switched default partitioner/,
];

// Every failed connection attempt of every client, every few seconds while the broker is away: the links
// (`KafkaLink`) log each change of state once instead, and readiness says why Kafka is not ready.
const CONNECTION_ATTEMPTS = [/^Connection error: /, /^Connection timeout/, /^Failed to connect to seed broker/];

/**
 * A kafkajs client whose own logs go to the process's logger (the platform's line shape, `context` `kafkajs.<namespace>`),
 * warnings and errors only, without the line per failed connection attempt; authenticated when the Kafka security
 * variables say so.
 */
export function createKafka(options: KafkaConnectionOptions, extra: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: options.logLevel ?? logLevel.WARN,
    logCreator:
      () =>
      ({ namespace, level, log }: LogEntry) => {
        const { message, timestamp: _timestamp, logger: _logger, ...fields } = log;
        if ([...EXPECTED_WARNINGS, ...CONNECTION_ATTEMPTS].some((pattern) => pattern.test(message))) return;
        processLogger()[levelNames[level] ?? 'info']({ context: `kafkajs.${namespace}`, ...fields }, message);
      },
    retry: { initialRetryTime: 200, retries: 8, maxRetryTime: 5_000 },
    ...(options.security ?? readKafkaSecurity(process.env)),
    ...extra,
  });
}

/**
 * The platform's producer: idempotent, one request in flight (so a retry cannot reorder a key), Java-compatible
 * murmur2 partitioning (a key lands on the partition a Java connector would choose), no topic auto-creation.
 */
export function createIdempotentProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
}
