import type { DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type MigrationInterface } from 'typeorm';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';
import type { InboxConsumerOptions } from '../inbox/inbox-consumer';
import { ProcessedMessage } from '../inbox/processed-message.entity';
import { MessagingTables1763800000000 } from '../migrations/1763800000000-messaging-tables';
import { ProcessedMessageAge1764900000000 } from '../migrations/1764900000000-processed-message-age';
import { DeadLetters1764960000000 } from '../migrations/1764960000000-dead-letters';
import { OutboxTraceContext1765100000000 } from '../migrations/1765100000000-outbox-trace-context';
import { OutboxMessage } from '../outbox/outbox-message.entity';
import { runMigrationsLocked } from './locked-migrations';
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

/** The data source of a service's database: its entities and migrations plus the outbox's and the inbox's. */
export function serviceDataSourceOptions(options: ServicePersistenceOptions): PostgresDataSourceOptions {
  return {
    type: 'postgres',
    url: options.databaseUrl,
    entities: [...(options.entities ?? []), OutboxMessage, ProcessedMessage],
    migrations: [
      MessagingTables1763800000000,
      ProcessedMessageAge1764900000000,
      DeadLetters1764960000000,
      OutboxTraceContext1765100000000,
      ...options.migrations,
    ],
    // Migrations run under the service's advisory lock (runMigrationsLocked), never by TypeORM's own `migrationsRun`.
    migrationsRun: false,
    synchronize: false,
    extra: {
      max: options.poolSize ?? 10,
      // A connection that cannot be had within 10 s is an error the caller retries and logs, never a silent wait.
      connectionTimeoutMillis: 10_000,
      onConnect: keepConnectionErrorsFromCrashing,
    },
  };
}

/**
 * Gives each pooled connection a listener of its own for `error` for its whole life. pg-pool and TypeORM listen
 * only while a connection is idle or checked out, and a database that ends a connection (an administrator, a
 * failover: `57P01 terminating connection`) between the two made the error unhandled and killed the process (the
 * projection fault test's database cut, in CI). Whoever holds the connection still sees the error in its query.
 */
function keepConnectionErrorsFromCrashing(client: { on(event: 'error', listener: () => void): unknown }): void {
  client.on('error', () => undefined);
}

/** The options each module `servicePersistence` returned was made from: the migrate-only entrypoint finds them. */
const persistenceOfModule = new WeakMap<object, ServicePersistenceOptions>();

/**
 * The imports every service starts from: its own database (pending migrations run at start under the service's
 * migration lock, never `synchronize`), with the outbox and inbox tables, and the messaging module (outbox, relay,
 * inbox transport) on its Kafka.
 */
export function servicePersistence(options: ServicePersistenceOptions): DynamicModule[] {
  const database = TypeOrmModule.forRootAsync({
    useFactory: () => serviceDataSourceOptions(options),
    dataSourceFactory: async (typeOrmOptions) => {
      const dataSource = await new DataSource(typeOrmOptions ?? serviceDataSourceOptions(options)).initialize();
      try {
        await runMigrationsLocked(dataSource, options.serviceName);
      } catch (error) {
        // TypeOrmModule retries the factory: a failed attempt must not leave its pool open.
        await dataSource.destroy();
        throw error;
      }
      return dataSource;
    },
  });
  persistenceOfModule.set(database, options);
  return [
    database,
    MessagingModule.forRoot({
      serviceName: options.serviceName,
      kafka: { brokers: options.kafkaBrokers, topicPrefix: options.topicPrefix },
      inbox: options.consumerGroup ? { ...options.inbox, groupId: options.consumerGroup } : undefined,
    }),
  ];
}

/** The persistence a service's module was configured with (`servicePersistence` among its imports), if any. */
export function persistenceOptionsOf(module: DynamicModule): ServicePersistenceOptions | undefined {
  const found = persistenceOfModule.get(module);
  if (found) return found;
  for (const imported of module.imports ?? []) {
    if (imported && typeof imported === 'object' && 'module' in imported) {
      const inner = persistenceOptionsOf(imported);
      if (inner) return inner;
    }
  }
  return undefined;
}
