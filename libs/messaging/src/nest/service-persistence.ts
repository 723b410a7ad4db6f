import type { DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { MigrationInterface } from 'typeorm';
import type { InboxConsumerOptions } from '../inbox/inbox-consumer';
import { ProcessedMessage } from '../inbox/processed-message.entity';
import { MessagingTables1763800000000 } from '../migrations/1763800000000-messaging-tables';
import { ProcessedMessageAge1764900000000 } from '../migrations/1764900000000-processed-message-age';
import { DeadLetters1764960000000 } from '../migrations/1764960000000-dead-letters';
import { OutboxMessage } from '../outbox/outbox-message.entity';
import { MessagingModule } from './messaging.module';

/** A service's database and Kafka wiring. */
export interface ServicePersistenceOptions {
  serviceName: string;
  databaseUrl: string;
  kafkaBrokers: string[];
  topicPrefix: string;
  /** The consumer group, when the service consumes. */
  consumerGroup?: string;
  /** The service's own entities and migrations; the outbox and inbox ones are added. */
  entities?: Array<new () => object>;
  migrations: Array<new () => MigrationInterface>;
  /** Connections in the pool. Default 10. */
  poolSize?: number;
  /** Tuning of the inbox consumer. */
  inbox?: Omit<InboxConsumerOptions, 'groupId' | 'topicPrefix'>;
}

/**
 * The imports every service starts from: its own database (migrations run at start, never `synchronize`), with the
 * outbox and inbox tables, and the messaging module (outbox, relay, inbox transport) on its Kafka.
 */
export function servicePersistence(options: ServicePersistenceOptions): DynamicModule[] {
  return [
    TypeOrmModule.forRoot({
      type: 'postgres',
      url: options.databaseUrl,
      entities: [...(options.entities ?? []), OutboxMessage, ProcessedMessage],
      migrations: [
        MessagingTables1763800000000,
        ProcessedMessageAge1764900000000,
        DeadLetters1764960000000,
        ...options.migrations,
      ],
      migrationsRun: true,
      synchronize: false,
      extra: { max: options.poolSize ?? 10 },
    }),
    MessagingModule.forRoot({
      serviceName: options.serviceName,
      kafka: { brokers: options.kafkaBrokers, topicPrefix: options.topicPrefix },
      inbox: options.consumerGroup ? { ...options.inbox, groupId: options.consumerGroup } : undefined,
    }),
  ];
}
