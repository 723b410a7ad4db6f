import { Module } from '@nestjs/common';
import { InvitationStatusModule } from '../invitation-status/invitation-status.module';
import { AdminPortalUsersController } from './admin-portal-users.controller';
import { InviteAcceptedConsumer } from './invite-accepted.consumer';
import { PartnerPortalUsersController } from './partner-portal-users.controller';
import { PortalUsersService } from './portal-users.service';
import { ReactivationAnswersConsumer } from './reactivation-answers.consumer';

@Module({
  imports: [InvitationStatusModule],
  controllers: [
    AdminPortalUsersController,
    PartnerPortalUsersController,
    InviteAcceptedConsumer,
    ReactivationAnswersConsumer,
  ],
  providers: [PortalUsersService],
  exports: [PortalUsersService],
})
export class PortalUsersModule {}
