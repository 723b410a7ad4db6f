import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  InvitationRequested,
  InvitationRequestedVersion2,
  InviteAccepted,
  InviteExpired,
  InviteRevoked,
  LicenseReleaseReason,
  PortalUserActivated,
  PortalUserDeactivated,
  PortalUserDeactivatedVersion2,
  PortalUserReactivationRequested,
  type EventOf,
} from '@partner-portal/contracts';
import { OnEvent, OnEventBatch, type InboxContext } from '@partner-portal/messaging';
import { HoldsService } from './holds.service';

/** Reacts to the invitation saga (`invitations.events`) and to portal users (`partner-identity.events`). */
@Controller()
export class InvitationSagaConsumer {
  constructor(private readonly holds: HoldsService) {}

  /**
   * A tenant's requests arrive in order on one partition (keyed by tenant): a run of them is decided in one
   * transaction, one after the other, so that a bulk invitation costs one commit per batch rather than per person.
   */
  @OnEventBatch(InvitationRequested)
  async onInvitationsRequested(
    @Payload() events: EventOf<typeof InvitationRequested>[],
    @Ctx() { manager }: InboxContext,
  ) {
    for (const event of events) await this.holds.reserve(manager, event);
  }

  /** Version 2: a customer representative invites a colleague; the license is held exactly as for version 1. */
  @OnEventBatch(InvitationRequestedVersion2)
  async onInvitationsRequestedByPartners(
    @Payload() events: EventOf<typeof InvitationRequestedVersion2>[],
    @Ctx() { manager }: InboxContext,
  ) {
    for (const event of events) await this.holds.reserve(manager, event);
  }

  @OnEvent(InviteAccepted)
  async onInviteAccepted(@Payload() event: EventOf<typeof InviteAccepted>, @Ctx() { manager }: InboxContext) {
    await this.holds.consume(manager, event);
  }

  @OnEvent(InviteExpired)
  async onInviteExpired(@Payload() event: EventOf<typeof InviteExpired>, @Ctx() { manager }: InboxContext) {
    await this.holds.endInvitation(manager, event, LicenseReleaseReason.InviteExpired);
  }

  @OnEvent(InviteRevoked)
  async onInviteRevoked(@Payload() event: EventOf<typeof InviteRevoked>, @Ctx() { manager }: InboxContext) {
    await this.holds.endInvitation(manager, event, LicenseReleaseReason.InviteRevoked);
  }

  @OnEvent(PortalUserDeactivated)
  async onPortalUserDeactivated(
    @Payload() event: EventOf<typeof PortalUserDeactivated>,
    @Ctx() { manager }: InboxContext,
  ) {
    await this.holds.endSeat(manager, event);
  }

  /** Version 2: the ERP ended the access; the seat ends the same way. */
  @OnEvent(PortalUserDeactivatedVersion2)
  async onPortalUserDeactivatedByErp(
    @Payload() event: EventOf<typeof PortalUserDeactivatedVersion2>,
    @Ctx() { manager }: InboxContext,
  ) {
    await this.holds.endSeat(manager, event);
  }

  @OnEvent(PortalUserReactivationRequested)
  async onReactivationRequested(
    @Payload() event: EventOf<typeof PortalUserReactivationRequested>,
    @Ctx() { manager }: InboxContext,
  ) {
    await this.holds.reactivateSeat(manager, event);
  }

  @OnEvent(PortalUserActivated)
  async onPortalUserActivated(@Payload() event: EventOf<typeof PortalUserActivated>, @Ctx() { manager }: InboxContext) {
    await this.holds.resumeSeat(manager, event);
  }
}
