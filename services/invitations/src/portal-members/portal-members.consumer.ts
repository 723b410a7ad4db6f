import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  PortalUserActivated,
  PortalUserDeactivated,
  type EventOf,
  type PortalUserRefV1,
} from '@partner-portal/contracts';
import { OnEvent, type InboxContext } from '@partner-portal/messaging';
import { holderKeyOf } from '../invitations/invite-checks';

/**
 * Who is already a portal user where, from `partner-identity.events`: such a contact is not invited again, and its
 * e-mail (as licensing keys a license: trimmed, lower-case) already holds a license.
 */
@Controller()
export class PortalMembersConsumer {
  @OnEvent(PortalUserActivated)
  async onActivated(@Payload() event: EventOf<typeof PortalUserActivated>, @Ctx() { manager }: InboxContext) {
    await this.record(manager, event.tenantId, event.payload, true);
  }

  @OnEvent(PortalUserDeactivated)
  async onDeactivated(@Payload() event: EventOf<typeof PortalUserDeactivated>, @Ctx() { manager }: InboxContext) {
    await this.record(manager, event.tenantId, event.payload, false);
  }

  private async record(manager: InboxContext['manager'], tenantId: string, ref: PortalUserRefV1, active: boolean) {
    await manager.query(
      `INSERT INTO portal_member (tenant_id, environment, company_id, partner_type, partner_no, contact_no, membership_id, active, email)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (tenant_id, environment, company_id, partner_type, partner_no, contact_no) DO UPDATE
         SET membership_id = EXCLUDED.membership_id, active = EXCLUDED.active, email = EXCLUDED.email, updated_at = now()`,
      [
        tenantId,
        ref.environment,
        ref.companyId,
        ref.partnerType,
        ref.partnerNo,
        ref.contactNo,
        ref.membershipId,
        active,
        holderKeyOf(ref.email),
      ],
    );
  }
}
