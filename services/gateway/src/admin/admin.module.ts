import { Module } from '@nestjs/common';
import { DeadLettersModule } from '../dead-letters/dead-letters.module';
import { AdminConnectorDeadLettersController } from './admin-connector-dead-letters.controller';
import { AdminConnectorKeysController } from './admin-connector-keys.controller';
import { AdminConnectorWebhooksController } from './admin-connector-webhooks.controller';
import { AdminDirectoryController } from './admin-directory.controller';
import { AdminDocumentsController } from './admin-documents.controller';
import { AdminInvitationsController } from './admin-invitations.controller';
import { AdminLicensingController } from './admin-licensing.controller';
import { AdminTenantsController } from './admin-tenants.controller';

/** `/api/admin`: what a tenant's administrators do. */
@Module({
  imports: [DeadLettersModule],
  controllers: [
    AdminTenantsController,
    AdminLicensingController,
    AdminDirectoryController,
    AdminInvitationsController,
    AdminDocumentsController,
    AdminConnectorKeysController,
    AdminConnectorDeadLettersController,
    AdminConnectorWebhooksController,
  ],
})
export class AdminModule {}
