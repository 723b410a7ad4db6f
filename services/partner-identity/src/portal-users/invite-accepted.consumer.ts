import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { InviteAccepted, type EventOf } from '@partner-portal/contracts';
import { OnEvent, type InboxContext } from '@partner-portal/messaging';
import { InvitationStatusService } from '../invitation-status/invitation-status.service';
import { PortalUsersService } from './portal-users.service';

/** An accepted invitation makes the contact an active portal user. */
@Controller()
export class InviteAcceptedConsumer {
  constructor(
    private readonly portalUsers: PortalUsersService,
    private readonly invitations: InvitationStatusService,
  ) {}

  @OnEvent(InviteAccepted)
  async onInviteAccepted(@Payload() event: EventOf<typeof InviteAccepted>, @Ctx() { manager }: InboxContext) {
    await this.portalUsers.activateFromInvitation(manager, event);
    await this.invitations.close(manager, event.tenantId, event.payload);
  }
}
