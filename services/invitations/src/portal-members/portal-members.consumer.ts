import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  PortalUserActivated,
  PortalUserDeactivated,
  PortalUserDeactivatedVersion2,
  PortalUserRoleChanged,
  type EventOf,
  type PortalRole,
  type PortalUserRefV1,
} from '@partner-portal/contracts';
import { OnEvent, type InboxContext } from '@partner-portal/messaging';
import { holderKeyOf } from '../invitations/invite-checks';

/**
 * Who is already a portal user where, from `partner-identity.events`: such a contact is not invited again, and its
 * e-mail (as licensing keys a license: trimmed, lower-case) already holds a license. The role tells whether a member
 * may invite colleagues of its partner (a customer representative).
 */
@Controller()
export class PortalMembersConsumer {
  @OnEvent(PortalUserActivated)
  async onActivated(@Payload() event: EventOf<typeof PortalUserActivated>, @Ctx() { manager }: InboxContext) {
    await this.record(manager, event.tenantId, event.payload, true, event.payload.role);
  }

  @OnEvent(PortalUserDeactivated)
  async onDeactivated(@Payload() event: EventOf<typeof PortalUserDeactivated>, @Ctx() { manager }: InboxContext) {
    await this.record(manager, event.tenantId, event.payload, false);
  }

  /** Version 2: the ERP ended the access; the contact may be invited again once the ERP marks it again. */
  @OnEvent(PortalUserDeactivatedVersion2)
  async onDeactivatedByErp(
    @Payload() event: EventOf<typeof PortalUserDeactivatedVersion2>,
    @Ctx() { manager }: InboxContext,
  ) {
    await this.record(manager, event.tenantId, event.payload, false);
  }

  @OnEvent(PortalUserRoleChanged)
  async onRoleChanged(@Payload() event: EventOf<typeof PortalUserRoleChanged>, @Ctx() { manager }: InboxContext) {
    const { payload } = event;
    await manager.query(
      `UPDATE portal_member SET role = $8, updated_at = now()
        WHERE tenant_id = $1 AND environment = $2 AND company_id = $3 AND partner_type = $4 AND partner_no = $5
          AND contact_no = $6 AND membership_id = $7`,
      [
        event.tenantId,
        payload.environment,
        payload.companyId,
        payload.partnerType,
        payload.partnerNo,
        payload.contactNo,
        payload.membershipId,
        payload.role,
      ],
    );
  }

  /** A deactivation keeps the role it had: a reactivation (`PortalUserActivated`) names the role again anyway. */
  private async record(
    manager: InboxContext['manager'],
    tenantId: string,
    ref: PortalUserRefV1,
    active: boolean,
    role?: PortalRole,
  ) {
    await manager.query(
      `INSERT INTO portal_member (tenant_id, environment, company_id, partner_type, partner_no, contact_no, membership_id, active, email, role)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (tenant_id, environment, company_id, partner_type, partner_no, contact_no) DO UPDATE
         SET membership_id = EXCLUDED.membership_id, active = EXCLUDED.active, email = EXCLUDED.email,
             role = coalesce(EXCLUDED.role, portal_member.role), updated_at = now()`,
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
        role ?? null,
      ],
    );
  }
}
