import { Module } from '@nestjs/common';
import { ConnectorEventsController } from './connector-events.controller';
import { ConnectorKeyGuard } from './connector-key.guard';
import { ConnectorPublisher } from './connector-publisher';

/** `/api/connector`: ERP connectors that can only speak HTTP publish their events here. */
@Module({
  controllers: [ConnectorEventsController],
  providers: [ConnectorKeyGuard, ConnectorPublisher],
  exports: [ConnectorPublisher],
})
export class ConnectorModule {}
