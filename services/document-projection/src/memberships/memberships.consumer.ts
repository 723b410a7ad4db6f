import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  PortalUserActivated,
  PortalUserDeactivated,
  PortalUserDeactivatedVersion2,
  PortalUserRoleChanged,
  type EventOf,
  type PortalUserRefV1,
} from '@partner-portal/contracts';
import { OnEvent, type InboxContext } from '@partner-portal/messaging';
import { ViewerService } from '../documents/viewer.service';

/** Who may see what: portal users' memberships and roles, from `partner-identity.events`. */
@Controller()
export class MembershipsConsumer {
  constructor(private readonly viewers: ViewerService) {}

  @OnEvent(PortalUserActivated)
  async onActivated(@Payload() event: EventOf<typeof PortalUserActivated>, @Ctx() { manager }: InboxContext) {
    await this.record(manager, event.tenantId, event.payload, { role: event.payload.role, active: true });
  }

  @OnEvent(PortalUserRoleChanged)
  async onRoleChanged(@Payload() event: EventOf<typeof PortalUserRoleChanged>, @Ctx() { manager }: InboxContext) {
    await this.record(manager, event.tenantId, event.payload, { role: event.payload.role });
  }

  @OnEvent(PortalUserDeactivated)
  async onDeactivated(@Payload() event: EventOf<typeof PortalUserDeactivated>, @Ctx() { manager }: InboxContext) {
    await this.record(manager, event.tenantId, event.payload, { active: false });
  }

  /** Version 2: the ERP ended the access (partner blocked, portal off, contact un-marked); the same for visibility. */
  @OnEvent(PortalUserDeactivatedVersion2)
  async onDeactivatedByErp(
    @Payload() event: EventOf<typeof PortalUserDeactivatedVersion2>,
    @Ctx() { manager }: InboxContext,
  ) {
    await this.record(manager, event.tenantId, event.payload, { active: false });
  }

  private async record(
    manager: InboxContext['manager'],
    tenantId: string,
    ref: PortalUserRefV1,
    change: { role?: string; active?: boolean },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO membership (membership_id, portal_user_id, tenant_id, environment, company_id, partner_type, partner_no,
                               contact_no, email, role, active)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, COALESCE($10, 'authorized_user'), COALESCE($11, false))
       ON CONFLICT (membership_id) DO UPDATE SET portal_user_id = EXCLUDED.portal_user_id, email = EXCLUDED.email,
         role = COALESCE($10, membership.role), active = COALESCE($11, membership.active), updated_at = now()`,
      [
        ref.membershipId,
        ref.portalUserId,
        tenantId,
        ref.environment,
        ref.companyId,
        ref.partnerType,
        ref.partnerNo,
        ref.contactNo,
        ref.email,
        change.role ?? null,
        change.active ?? null,
      ],
    );
    this.viewers.forget(ref.membershipId);
  }
}
