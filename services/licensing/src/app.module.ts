import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConsumerGroups } from '@partner-portal/contracts';
import {
  MessagingModule,
  MessagingTables1763800000000,
  OutboxMessage,
  ProcessedMessage,
} from '@partner-portal/messaging';
import { CartModule } from './cart/cart.module';
import { CheckoutModule } from './checkout/checkout.module';
import { LicensingConfig } from './config/licensing.config';
import { HoldsModule } from './holds/holds.module';
import { LedgerModule } from './ledger/ledger.module';
import { LicensingSchema1764000000000 } from './migrations/1764000000000-licensing-schema';
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
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: config.databaseUrl,
          entities: [OutboxMessage, ProcessedMessage],
          migrations: [MessagingTables1763800000000, LicensingSchema1764000000000],
          migrationsRun: true,
          synchronize: false,
          extra: { max: 10 },
        }),
        MessagingModule.forRoot({
          serviceName: 'licensing',
          kafka: { brokers: config.kafkaBrokers, topicPrefix: config.topicPrefix },
          inbox: { groupId: ConsumerGroups.Licensing },
        }),
        ModuleStatusModule,
        PoolModule,
        HoldsModule,
        CartModule,
        CheckoutModule,
        LedgerModule,
      ],
      providers: [{ provide: LicensingConfig, useValue: config }],
      exports: [LicensingConfig],
    };
  }
}
