import { Module, type DynamicModule } from '@nestjs/common';
import { HealthModule } from '@partner-portal/internal-api';
import { ConsumerGroups } from '@partner-portal/contracts';
import { KafkaReadiness, servicePersistence } from '@partner-portal/messaging';
import { CartModule } from './cart/cart.module';
import { CheckoutModule } from './checkout/checkout.module';
import { LicensingConfig } from './config/licensing.config';
import { ConnectorDeadLettersController } from './dead-letters/connector-dead-letters.controller';
import { HoldsModule } from './holds/holds.module';
import { LedgerModule } from './ledger/ledger.module';
import { LicensingSchema1764000000000 } from './migrations/1764000000000-licensing-schema';
import { CartPerAdministrator1764400000000 } from './migrations/1764400000000-cart-per-administrator';
import { EndedSeats1764700000000 } from './migrations/1764700000000-ended-seats';
import { ModuleStatusModule } from './module-status/module-status.module';
import { PoolModule } from './pool/pool.module';

/** The licensing service, configured. */
@Module({})
export class AppModule {
  static register(config: LicensingConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        HealthModule.withChecks(KafkaReadiness),
        ...servicePersistence({
          serviceName: 'licensing',
          databaseUrl: config.databaseUrl,
          kafkaBrokers: config.kafkaBrokers,
          topicPrefix: config.topicPrefix,
          consumerGroup: ConsumerGroups.Licensing,
          migrations: [LicensingSchema1764000000000, CartPerAdministrator1764400000000, EndedSeats1764700000000],
        }),
        ModuleStatusModule,
        PoolModule,
        HoldsModule,
        CartModule,
        CheckoutModule,
        LedgerModule,
      ],
      controllers: [ConnectorDeadLettersController],
      providers: [{ provide: LicensingConfig, useValue: config }],
      exports: [LicensingConfig],
    };
  }
}
