import { Controller, Logger } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  CompanyUpserted,
  ContactDeleted,
  ContactUpserted,
  PartnerDeleted,
  PartnerUpserted,
  PortalRole,
  type EventOf,
} from '@partner-portal/contracts';
import { ErpMirror } from '@partner-portal/erp-mirror';
import { ProblemException } from '@partner-portal/internal-api';
import { OnEvent, type InboxContext } from '@partner-portal/messaging';
import { InvitationsService } from '../invitations/invitations.service';
import { TenantSettingsService } from '../settings/tenant-settings';

/**
 * The ERP mirror this service validates invitations against, and automatic invitations: when the tenant enables
 * them, a contact the ERP marks as portal contact is invited with the ERP's role, and unmarking (or deleting) it
 * revokes its open invitation.
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
    await new ErpMirror(manager).upsertPartner(event);
  }

  @OnEvent(PartnerDeleted)
  async onPartnerDeleted(@Payload() event: EventOf<typeof PartnerDeleted>, @Ctx() { manager }: InboxContext) {
    await new ErpMirror(manager).deletePartner(event);
  }

  @OnEvent(ContactUpserted)
  async onContactUpserted(@Payload() event: EventOf<typeof ContactUpserted>, @Ctx() { manager }: InboxContext) {
    if (!(await new ErpMirror(manager).upsertContact(event))) return;
    if (!(await this.settings.get(manager, event.tenantId)).autoInvite) return;
    const p = event.payload;
    const open = await this.invitations.openFor(manager, event.tenantId, p);
    if (!p.portalContact) {
      if (open)
        await this.invitations.revoke(
          event.tenantId,
          open,
          { kind: 'erp' },
          event.correlationId,
          'the ERP no longer marks the contact as portal contact',
          manager,
        );
      return;
    }
    if (open) return;
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
      // in the message: log why and move on.
      if (!(error instanceof ProblemException)) throw error;
      this.logger.warn({
        message: 'automatic invitation not made',
        tenantId: event.tenantId,
        contactNo: p.contactNo,
        reason: (error.getResponse() as { detail: string }).detail,
      });
    }
  }

  @OnEvent(ContactDeleted)
  async onContactDeleted(@Payload() event: EventOf<typeof ContactDeleted>, @Ctx() { manager }: InboxContext) {
    if (!(await new ErpMirror(manager).deleteContact(event))) return;
    const open = await this.invitations.openFor(manager, event.tenantId, event.payload);
    if (open)
      await this.invitations.revoke(
        event.tenantId,
        open,
        { kind: 'erp' },
        event.correlationId,
        'the contact was deleted in the ERP',
        manager,
      );
  }
}
