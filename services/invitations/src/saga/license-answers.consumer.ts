import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { LicenseReservationRejected, LicenseReserved, type EventOf } from '@partner-portal/contracts';
import { OnEventBatch, type InboxContext } from '@partner-portal/messaging';
import { InvitationsConfig } from '../config/invitations.config';
import { EmailOutbox } from '../email/email-outbox';
import { hashCode, hashToken, newSecrets } from '../invitations/invitation-secrets';
import { INVITATION_COLUMNS, INVITATION_FROM, type InvitationRow } from '../invitations/invitation.view';
import { TenantSettingsService } from '../settings/tenant-settings';

/** Licensing's answer moves an invitation on: a hold sends the e-mail, a refusal ends it. */
@Controller()
export class LicenseAnswersConsumer {
  constructor(
    private readonly emails: EmailOutbox,
    private readonly settings: TenantSettingsService,
    @Inject(InvitationsConfig) private readonly config: InvitationsConfig,
  ) {}

  /** A run of holds (a bulk invitation) is applied in one transaction, in order; each queues its own e-mail. */
  @OnEventBatch(LicenseReserved)
  async onLicensesReserved(@Payload() events: EventOf<typeof LicenseReserved>[], @Ctx() { manager }: InboxContext) {
    for (const event of events) await this.reserved(manager, event);
  }

  private async reserved(manager: InboxContext['manager'], event: EventOf<typeof LicenseReserved>) {
    const invitation = await this.pending(manager, event.tenantId, event.payload.invitationId);
    // Revoked while licensing was deciding: licensing releases on InviteRevoked, nothing to send.
    if (!invitation) return;
    const secrets = newSecrets();
    const { invitationTtlHours } = await this.settings.get(manager, event.tenantId);
    const expiresAt = new Date(Date.now() + invitationTtlHours * 3_600_000);
    await manager.query(
      `UPDATE invitation SET status = 'invited', token_hash = $2, code_hash = $3, expires_at = $4, invited_at = now(), updated_at = now()
        WHERE id = $1`,
      [invitation.id, hashToken(secrets.token), hashCode(secrets.code, this.config.codePepper), expiresAt],
    );
    await this.emails.queue(manager, { ...invitation, status: 'invited' as never }, secrets, expiresAt);
  }

  @OnEventBatch(LicenseReservationRejected)
  async onLicenseReservationsRejected(
    @Payload() events: EventOf<typeof LicenseReservationRejected>[],
    @Ctx() { manager }: InboxContext,
  ) {
    for (const event of events) {
      await manager.query(
        `UPDATE invitation SET status = 'rejected', rejection_reason = $3, ended_at = now(), updated_at = now()
          WHERE tenant_id = $1 AND id = $2 AND status = 'pending_license'`,
        [event.tenantId, event.payload.invitationId, event.payload.reason],
      );
    }
  }

  private async pending(
    manager: InboxContext['manager'],
    tenantId: string,
    id: string,
  ): Promise<InvitationRow | undefined> {
    const [row] = await manager.query(
      `SELECT ${INVITATION_COLUMNS} FROM ${INVITATION_FROM} WHERE i.tenant_id = $1 AND i.id = $2 AND i.status = 'pending_license' FOR UPDATE OF i`,
      [tenantId, id],
    );
    return row;
  }
}
