import { Controller, Logger } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  CompanyUpserted,
  ContactDeleted,
  ContactUpserted,
  PartnerDeleted,
  PartnerUpserted,
  ErpAccessChange,
  PortalRole,
  type EventEnvelope,
  type EventOf,
} from '@partner-portal/contracts';
import { Refusal } from '@partner-portal/api-contracts';
import { ErpMirror } from '@partner-portal/erp-mirror';
import { OnEvent, type InboxContext } from '@partner-portal/messaging';
import { InvitationRefusal } from '../invitations/invitation-status';
import { InvitationsService } from '../invitations/invitations.service';
import { TenantSettingsService } from '../settings/tenant-settings';

/** Why an open invitation is revoked when the ERP closes the portal to its contact, in the words of `InviteRevoked`. */
const REVOCATION_REASONS: Record<ErpAccessChange, string> = {
  [ErpAccessChange.PartnerBlocked]: 'the ERP blocked the partner',
  [ErpAccessChange.PartnerPortalDisabled]: "the ERP switched the partner's portal off",
  [ErpAccessChange.ContactUnmarked]: 'the ERP no longer marks the contact as portal contact',
};

/**
 * The ERP mirror this service validates invitations against, and automatic invitations: when the tenant enables
 * them, a contact the ERP marks as portal contact is invited with the ERP's role. Whatever the setting, the ERP
 * closing the portal (blocking the partner, switching its portal off, un-marking or deleting the contact) revokes
 * the open invitations it concerns.
 */
@Controller()
export class MasterDataConsumer {
  private readonly logger = new Logger(MasterDataConsumer.name);

  constructor(
    private readonly invitations: InvitationsService,
    private readonly settings: TenantSettingsService,
  ) {}

  @OnEvent(CompanyUpserted)
  async onCompanyUpserted(@Payload() event: EventOf<typeof CompanyUpserted>, @Ctx() { manager }: InboxContext) {
    await new ErpMirror(manager).upsertCompany(event);
  }

  @OnEvent(PartnerUpserted)
  async onPartnerUpserted(@Payload() event: EventOf<typeof PartnerUpserted>, @Ctx() { manager }: InboxContext) {
    const applied = await new ErpMirror(manager).upsertPartner(event);
    if (!applied?.accessEnded) return;
    await this.endMembers(manager, event.tenantId, event.payload);
    const reason = REVOCATION_REASONS[applied.accessEnded];
    for (const id of await this.invitations.openForPartner(manager, event.tenantId, event.payload)) {
      await this.revoke(manager, event, id, reason);
    }
  }

  @OnEvent(PartnerDeleted)
  async onPartnerDeleted(@Payload() event: EventOf<typeof PartnerDeleted>, @Ctx() { manager }: InboxContext) {
    if (!(await new ErpMirror(manager).deletePartner(event))) return;
    for (const id of await this.invitations.openForPartner(manager, event.tenantId, event.payload)) {
      await this.revoke(manager, event, id, 'the partner was deleted in the ERP');
    }
  }

  @OnEvent(ContactUpserted)
  async onContactUpserted(@Payload() event: EventOf<typeof ContactUpserted>, @Ctx() { manager }: InboxContext) {
    const applied = await new ErpMirror(manager).upsertContact(event);
    if (!applied) return;
    const p = event.payload;
    const open = await this.invitations.openFor(manager, event.tenantId, p);
    if (applied.accessEnded) {
      await this.endMembers(manager, event.tenantId, p);
      if (open) await this.revoke(manager, event, open, REVOCATION_REASONS[applied.accessEnded]);
      return;
    }
    if (!p.portalContact || open) return;
    if (!(await this.settings.get(manager, event.tenantId)).autoInvite) return;
    try {
      await this.invitations.create(
        event.tenantId,
        { ...p, role: p.portalRole ?? PortalRole.AuthorizedUser },
        { kind: 'erp' },
        event.correlationId,
        manager,
      );
    } catch (error) {
      // A portal contact the portal cannot invite (no e-mail, partner not enabled, already a user) is not an error
      // in the message: the refusal is the outcome, logged with its code, and the message is done.
      if (!(error instanceof Refusal)) throw error;
      this.logger.warn({
        message: 'automatic invitation not made',
        eventId: event.eventId,
        type: event.type,
        tenantId: event.tenantId,
        contactNo: p.contactNo,
        refusal: error.code,
        reason: error.message,
      });
    }
  }

  @OnEvent(ContactDeleted)
  async onContactDeleted(@Payload() event: EventOf<typeof ContactDeleted>, @Ctx() { manager }: InboxContext) {
    if (!(await new ErpMirror(manager).deleteContact(event))) return;
    const open = await this.invitations.openFor(manager, event.tenantId, event.payload);
    if (open) await this.revoke(manager, event, open, 'the contact was deleted in the ERP');
  }

  /**
   * Revokes an open invitation for the ERP. One that stopped being open since it was found (accepted meanwhile) is
   * refused by the rules: that is the outcome, logged with its code, not an error to retry the message for. The
   * rules refuse before anything is written, so the message's transaction goes on.
   */
  private async revoke(
    manager: InboxContext['manager'],
    event: EventEnvelope<object>,
    invitationId: string,
    reason: string,
  ): Promise<void> {
    try {
      await this.invitations.revoke(
        event.tenantId,
        invitationId,
        { kind: 'erp' },
        event.correlationId,
        reason,
        manager,
      );
    } catch (error) {
      if (!(error instanceof InvitationRefusal)) throw error;
      this.logger.log({
        message: 'invitation not revoked',
        eventId: event.eventId,
        type: event.type,
        tenantId: event.tenantId,
        invitationId,
        refusal: error.code,
        reason: error.message,
      });
    }
  }

  /**
   * Partner-identity ends these memberships for the same ERP change; saying so here at once, rather than when its
   * `PortalUserDeactivated` arrives on another topic, lets the ERP's next marking invite the contact again.
   */
  private async endMembers(
    manager: InboxContext['manager'],
    tenantId: string,
    scope: { environment: string; companyId: string; partnerType: string; partnerNo: string; contactNo?: string },
  ): Promise<void> {
    await manager.query(
      `UPDATE portal_member SET active = false, updated_at = now()
        WHERE tenant_id = $1 AND environment = $2 AND company_id = $3 AND partner_type = $4 AND partner_no = $5
          AND ($6::text IS NULL OR contact_no = $6) AND active`,
      [tenantId, scope.environment, scope.companyId, scope.partnerType, scope.partnerNo, scope.contactNo ?? null],
    );
  }
}
