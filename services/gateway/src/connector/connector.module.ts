import { Module } from '@nestjs/common';
import { DeadLettersModule } from '../dead-letters/dead-letters.module';
import { ConnectorDeadLettersController } from './connector-dead-letters.controller';
import { ConnectorPortalOrdersController } from './connector-portal-orders.controller';
import { ConnectorEventsController } from './connector-events.controller';
import { ConnectorKeyGuard } from './connector-key.guard';
import { ConnectorKeyVerifier } from './connector-key.verifier';
import { ConnectorPublisher } from './connector-publisher';

/** `/api/connector`: ERP connectors that can only speak HTTP publish their events here and see what was refused. */
@Module({
  imports: [DeadLettersModule],
  controllers: [ConnectorEventsController, ConnectorDeadLettersController, ConnectorPortalOrdersController],
  providers: [ConnectorKeyGuard, ConnectorKeyVerifier, ConnectorPublisher],
  exports: [ConnectorPublisher],
})
export class ConnectorModule {}
