import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { InvitationTargetV1 } from '@partner-portal/contracts';

/** Tracks each contact's latest invitation, so that browsing can say "invited". */
@Injectable()
export class InvitationStatusService {
  /** The invitation e-mail went out: the contact has an open invitation (a newer one replaces an older one). */
  async open(manager: EntityManager, tenantId: string, target: InvitationTargetV1): Promise<void> {
    await manager.query(
      `INSERT INTO contact_invitation (tenant_id, environment, company_id, partner_type, partner_no, contact_no, invitation_id, open)
       VALUES ($1, $2, $3, $4, $5, $6, $7, true)
       ON CONFLICT (tenant_id, environment, company_id, partner_type, partner_no, contact_no) DO UPDATE
         SET invitation_id = EXCLUDED.invitation_id, open = true, updated_at = now()`,
      [
        tenantId,
        target.environment,
        target.companyId,
        target.partnerType,
        target.partnerNo,
        target.contactNo,
        target.invitationId,
      ],
    );
  }

  /** The invitation ended (accepted, revoked, expired); an end of an older invitation leaves a newer one open. */
  async close(manager: EntityManager, tenantId: string, target: InvitationTargetV1): Promise<void> {
    await manager.query(
      `UPDATE contact_invitation SET open = false, updated_at = now()
        WHERE tenant_id = $1 AND environment = $2 AND company_id = $3 AND partner_type = $4 AND partner_no = $5
          AND contact_no = $6 AND invitation_id = $7`,
      [
        tenantId,
        target.environment,
        target.companyId,
        target.partnerType,
        target.partnerNo,
        target.contactNo,
        target.invitationId,
      ],
    );
  }
}
