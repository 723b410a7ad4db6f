import { Module } from '@nestjs/common';
import { PortalDocumentsController } from './portal-documents.controller';
import { PortalInvitationsController } from './portal-invitations.controller';
import { PortalMeController } from './portal-me.controller';
import { PortalItemsController, PortalOrdersController } from './portal-orders.controller';
import { PortalContactsController, PortalUsersController } from './portal-users.controller';

/** `/api/portal`: what invited contacts and portal users do. */
@Module({
  controllers: [
    PortalInvitationsController,
    PortalMeController,
    PortalDocumentsController,
    PortalOrdersController,
    PortalItemsController,
    PortalUsersController,
    PortalContactsController,
  ],
})
export class PortalModule {}
