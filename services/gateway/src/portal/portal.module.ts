import { Module } from '@nestjs/common';
import { PortalDocumentsController } from './portal-documents.controller';
import { PortalInvitationsController } from './portal-invitations.controller';
import { PortalMeController } from './portal-me.controller';
import { PortalOrdersController } from './portal-orders.controller';
import { PortalUsersController } from './portal-users.controller';

/** `/api/portal`: what invited contacts and portal users do. */
@Module({
  controllers: [
    PortalInvitationsController,
    PortalMeController,
    PortalDocumentsController,
    PortalOrdersController,
    PortalUsersController,
  ],
})
export class PortalModule {}
