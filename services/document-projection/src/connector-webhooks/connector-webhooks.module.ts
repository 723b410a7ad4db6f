import { Module, type DynamicModule } from '@nestjs/common';
import { DocumentProjectionConfig } from '../config/document-projection.config';
import { ConnectorWebhooksController } from './connector-webhooks.controller';
import { ConnectorWebhooksService } from './connector-webhooks.service';
import { WebhookDispatcher } from './webhook-dispatcher';

/** Portal orders pushed to the HTTPS endpoints of tenants' ERP connectors, signed and retried for a day. */
@Module({})
export class ConnectorWebhooksModule {
  static register(config: DocumentProjectionConfig): DynamicModule {
    return {
      module: ConnectorWebhooksModule,
      controllers: [ConnectorWebhooksController],
      providers: [{ provide: DocumentProjectionConfig, useValue: config }, ConnectorWebhooksService, WebhookDispatcher],
    };
  }
}
