import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ContactInvited, InviteExpired, InviteRevoked, type EventOf } from '@partner-portal/contracts';
import { OnEvent, type InboxContext } from '@partner-portal/messaging';
import { InvitationStatusService } from './invitation-status.service';

/** Follows invitations from `invitations.events` (acceptance is handled with the portal users). */
@Controller()
export class InvitationStatusConsumer {
  constructor(private readonly invitations: InvitationStatusService) {}

  @OnEvent(ContactInvited)
  async onContactInvited(@Payload() event: EventOf<typeof ContactInvited>, @Ctx() { manager }: InboxContext) {
    await this.invitations.open(manager, event.tenantId, event.payload);
  }

  @OnEvent(InviteExpired)
  async onInviteExpired(@Payload() event: EventOf<typeof InviteExpired>, @Ctx() { manager }: InboxContext) {
    await this.invitations.close(manager, event.tenantId, event.payload);
  }

  @OnEvent(InviteRevoked)
  async onInviteRevoked(@Payload() event: EventOf<typeof InviteRevoked>, @Ctx() { manager }: InboxContext) {
    await this.invitations.close(manager, event.tenantId, event.payload);
  }
}
