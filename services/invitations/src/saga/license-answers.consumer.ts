import { Controller, Logger } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { LicenseReservationRejected, LicenseReserved, type EventOf } from '@partner-portal/contracts';
import { OnEventBatch, type InboxContext } from '@partner-portal/messaging';
import { decide, type InvitationCommand } from '../invitations/invitation-lifecycle';
import { InvitationRefusal } from '../invitations/invitation-status';
import { InvitationStore, stateOf } from '../invitations/invitation-store';
import { INVITATION_COLUMNS, INVITATION_FROM, type InvitationRow } from '../invitations/invitation.view';
import { TenantSettingsService } from '../settings/tenant-settings';

/** Licensing's answer moves an invitation on: a hold sends the e-mail, a refusal ends it. */
@Controller()
export class LicenseAnswersConsumer {
  private readonly logger = new Logger(LicenseAnswersConsumer.name);

  constructor(
    private readonly store: InvitationStore,
    private readonly settings: TenantSettingsService,
  ) {}

  /** A run of holds (a bulk invitation) is applied in one transaction, in order; each queues its own e-mail. */
  @OnEventBatch(LicenseReserved)
  async onLicensesReserved(@Payload() events: EventOf<typeof LicenseReserved>[], @Ctx() { manager }: InboxContext) {
    for (const event of events) {
      const { invitationTtlHours } = await this.settings.get(manager, event.tenantId);
      await this.answer(manager, event, { type: 'licenseReserved', validForHours: invitationTtlHours });
    }
  }

  @OnEventBatch(LicenseReservationRejected)
  async onLicenseReservationsRejected(
    @Payload() events: EventOf<typeof LicenseReservationRejected>[],
    @Ctx() { manager }: InboxContext,
  ) {
    for (const event of events) {
      await this.answer(manager, event, { type: 'licenseRejected', reason: event.payload.reason });
    }
  }

  private async answer(
    manager: InboxContext['manager'],
    event: { eventId: string; tenantId: string; type: string; payload: { invitationId: string } },
    command: InvitationCommand,
  ): Promise<void> {
    const [invitation]: InvitationRow[] = await manager.query(
      `SELECT ${INVITATION_COLUMNS} FROM ${INVITATION_FROM} WHERE i.tenant_id = $1 AND i.id = $2 FOR UPDATE OF i`,
      [event.tenantId, event.payload.invitationId],
    );
    if (!invitation) return;
    const outcome = decide(stateOf(invitation), command, new Date());
    if (outcome instanceof InvitationRefusal) {
      // Revoked while licensing was deciding: licensing releases on InviteRevoked, nothing to send or to end.
      this.logger.log({
        message: 'license answer not applied',
        eventId: event.eventId,
        type: event.type,
        invitationId: invitation.id,
        refusal: outcome.code,
        reason: outcome.message,
      });
      return;
    }
    await this.store.apply(manager, invitation, outcome);
  }
}
