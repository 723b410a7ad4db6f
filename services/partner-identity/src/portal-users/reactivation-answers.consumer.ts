import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ReactivationLicensed, ReactivationRefused, type EventOf } from '@partner-portal/contracts';
import { OnEvent, type InboxContext } from '@partner-portal/messaging';
import { PortalUsersService } from './portal-users.service';

/** Licensing's answers to reactivations (`licensing.events`): the waiting membership becomes active, or stays out. */
@Controller()
export class ReactivationAnswersConsumer {
  constructor(private readonly portalUsers: PortalUsersService) {}

  @OnEvent(ReactivationLicensed)
  async onLicensed(@Payload() event: EventOf<typeof ReactivationLicensed>, @Ctx() { manager }: InboxContext) {
    await this.portalUsers.answerReactivation(manager, event);
  }

  @OnEvent(ReactivationRefused)
  async onRefused(@Payload() event: EventOf<typeof ReactivationRefused>, @Ctx() { manager }: InboxContext) {
    await this.portalUsers.answerReactivation(manager, event);
  }
}
