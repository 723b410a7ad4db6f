import { Module, type DynamicModule, type FactoryProvider, type ModuleMetadata } from '@nestjs/common';
import { OperatorDeadLettersController } from '../dead-letters/dead-letters.controller';
import { DeadLettersService } from '../dead-letters/dead-letters.service';
import { Outbox } from '../outbox/outbox';
import { InboxTransport } from './inbox.transport';
import { KafkaReadiness } from './kafka-readiness';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options';
import { OutboxRelayService } from './outbox-relay.service';

/** Asynchronous configuration of `MessagingModule`, typically from the service's config. */
export interface MessagingModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  inject?: FactoryProvider['inject'];
  useFactory: FactoryProvider<MessagingOptions | Promise<MessagingOptions>>['useFactory'];
}

/**
 * Wires the outbox (inject `Outbox`), its relay (runs from bootstrap to shutdown) and the inbox transport
 * (connect `InboxTransport` as a microservice) and the Kafka readiness check the same way in every service. Needs a TypeORM `DataSource`
 * whose migrations include `MessagingTables1763800000000` (and `DeadLetters1764960000000` when it consumes: the
 * service's dead letters, `DeadLettersService`, and with `forRoot` their operator routes).
 */
@Module({})
export class MessagingModule {
  static forRootAsync(options: MessagingModuleAsyncOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      imports: options.imports ?? [],
      providers: [
        { provide: MESSAGING_OPTIONS, inject: options.inject ?? [], useFactory: options.useFactory },
        {
          provide: Outbox,
          inject: [MESSAGING_OPTIONS],
          useFactory: (o: MessagingOptions) => new Outbox(o.serviceName),
        },
        OutboxRelayService,
        InboxTransport,
        KafkaReadiness,
        DeadLettersService,
      ],
      exports: [MESSAGING_OPTIONS, Outbox, OutboxRelayService, InboxTransport, KafkaReadiness, DeadLettersService],
    };
  }

  static forRoot(options: MessagingOptions): DynamicModule {
    const module = MessagingModule.forRootAsync({ useFactory: () => options });
    // A service that consumes gets the operator routes of its dead letters.
    return options.inbox ? { ...module, controllers: [OperatorDeadLettersController] } : module;
  }
}
