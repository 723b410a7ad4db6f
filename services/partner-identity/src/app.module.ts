import { Module, type DynamicModule } from '@nestjs/common';
import { HealthModule } from '@partner-portal/internal-api';
import { ConsumerGroups } from '@partner-portal/contracts';
import { Company, Contact, ErpMirrorTables1763850000000, Partner } from '@partner-portal/erp-mirror';
import { KafkaReadiness, servicePersistence } from '@partner-portal/messaging';
import { AdministratorsModule } from './administrators/administrators.module';
import { BrowseModule } from './browse/browse.module';
import { ConnectorKeysModule } from './connector-keys/connector-keys.module';
import { ConnectorDeadLettersController } from './dead-letters/connector-dead-letters.controller';
import { PartnerIdentityConfig } from './config/partner-identity.config';
import { InvitationStatusModule } from './invitation-status/invitation-status.module';
import { MasterDataModule } from './master-data/master-data.module';
import { PartnerIdentitySchema1763900000000 } from './migrations/1763900000000-partner-identity-schema';
import { ConnectorKeys1764300000000 } from './migrations/1764300000000-connector-keys';
import { ReactivationWaitsForLicense1764800000000 } from './migrations/1764800000000-reactivation-waits-for-license';
import { ReactivationRequest1764970000000 } from './migrations/1764970000000-reactivation-request';
import { ConnectorKeyGrace1765000000000 } from './migrations/1765000000000-connector-key-grace';
import { PortalUsersModule } from './portal-users/portal-users.module';
import { PrincipalsModule } from './principals/principals.module';

/** The partner-identity service, configured. */
@Module({})
export class AppModule {
  static register(config: PartnerIdentityConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        HealthModule.withChecks(KafkaReadiness),
        ...servicePersistence({
          serviceName: 'partner-identity',
          databaseUrl: config.databaseUrl,
          kafkaBrokers: config.kafkaBrokers,
          topicPrefix: config.topicPrefix,
          consumerGroup: ConsumerGroups.PartnerIdentity,
          entities: [Company, Partner, Contact],
          migrations: [
            ErpMirrorTables1763850000000,
            PartnerIdentitySchema1763900000000,
            ConnectorKeys1764300000000,
            ReactivationWaitsForLicense1764800000000,
            ReactivationRequest1764970000000,
            ConnectorKeyGrace1765000000000,
          ],
        }),
        MasterDataModule,
        PortalUsersModule,
        InvitationStatusModule,
        BrowseModule,
        AdministratorsModule,
        PrincipalsModule,
        ConnectorKeysModule,
      ],
      controllers: [ConnectorDeadLettersController],
      providers: [{ provide: PartnerIdentityConfig, useValue: config }],
      exports: [PartnerIdentityConfig],
      global: true,
    };
  }
}
