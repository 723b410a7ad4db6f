import { Module, type DynamicModule } from '@nestjs/common';
import { ConsumerGroups } from '@partner-portal/contracts';
import { Company, Contact, ErpMirrorTables1763850000000, Partner } from '@partner-portal/erp-mirror';
import { HealthModule } from '@partner-portal/internal-api';
import { KafkaReadiness, servicePersistence } from '@partner-portal/messaging';
import { DocumentProjectionConfig } from './config/document-projection.config';
import { ConnectorDeadLettersController } from './dead-letters/connector-dead-letters.controller';
import { AdminDocumentsController, PartnerDocumentsController } from './documents/documents.controller';
import { DocumentsService } from './documents/documents.service';
import { ViewerService } from './documents/viewer.service';
import { MasterDataConsumer } from './master-data/master-data.consumer';
import { MembershipsConsumer } from './memberships/memberships.consumer';
import { DocumentProjectionSchema1764200000000 } from './migrations/1764200000000-document-projection-schema';
import { DocumentStatusHistory1764513000000 } from './migrations/1764513000000-document-status-history';
import { StableDocumentIds1764980000000 } from './migrations/1764980000000-stable-document-ids';
import { ReadModelRebuild1764980100000 } from './migrations/1764980100000-read-model-rebuild';
import { PortalOrderFeed1765000100000 } from './migrations/1765000100000-portal-order-feed';
import { PortalOrderFeedModule } from './connector-feed/portal-order-feed.module';
import { ConnectorWebhooksModule } from './connector-webhooks/connector-webhooks.module';
import { ConnectorWebhooks1765000200000 } from './migrations/1765000200000-connector-webhooks';
import { AdminOrdersController, PartnerOrdersController } from './orders/orders.controller';
import { OrdersService } from './orders/orders.service';
import { DocumentsConsumer } from './projection/documents.consumer';
import { holdDuringCutover } from './rebuild/cutover-gate';
import { RebuildController } from './rebuild/rebuild.controller';
import { RebuildService } from './rebuild/rebuild.service';
import { AdminStockController, PartnerStockController, StockService } from './stock/stock.controller';

/** The document-projection service, configured. */
@Module({})
export class AppModule {
  static register(config: DocumentProjectionConfig): DynamicModule {
    const persistence = servicePersistence({
      serviceName: 'document-projection',
      databaseUrl: config.databaseUrl,
      kafkaBrokers: config.kafkaBrokers,
      topicPrefix: config.topicPrefix,
      consumerGroup: ConsumerGroups.DocumentProjection,
      entities: [Company, Partner, Contact],
      migrations: [
        ErpMirrorTables1763850000000,
        DocumentProjectionSchema1764200000000,
        DocumentStatusHistory1764513000000,
        StableDocumentIds1764980000000,
        ReadModelRebuild1764980100000,
        PortalOrderFeed1765000100000,
        ConnectorWebhooks1765000200000,
      ],
      poolSize: config.poolSize,
      // Every instance's live consumer holds while a rebuild switches tables.
      inbox: { partitionsConsumedConcurrently: config.partitionsConcurrently, gate: holdDuringCutover },
    });
    return {
      module: AppModule,
      imports: [
        HealthModule.withChecks(KafkaReadiness),
        ...persistence,
        PortalOrderFeedModule,
        ConnectorWebhooksModule.register(config),
      ],
      controllers: [
        PartnerDocumentsController,
        AdminDocumentsController,
        PartnerStockController,
        AdminStockController,
        PartnerOrdersController,
        AdminOrdersController,
        RebuildController,
        ConnectorDeadLettersController,
        DocumentsConsumer,
        MembershipsConsumer,
        MasterDataConsumer,
      ],
      providers: [
        { provide: DocumentProjectionConfig, useValue: config },
        ViewerService,
        DocumentsService,
        StockService,
        OrdersService,
        RebuildService,
      ],
    };
  }
}
