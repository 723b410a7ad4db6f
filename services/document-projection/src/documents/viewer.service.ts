import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@partner-portal/internal-api';
import { viewerOf, type MembershipFacts, type Viewer } from './visibility';

/** Turns the gateway's principal into a viewer, using this service's own read model of memberships. */
@Injectable()
export class ViewerService {
  constructor(private readonly dataSource: DataSource) {}

  async viewerFor(principal: Principal): Promise<Viewer> {
    if (principal.kind !== 'partner' || !principal.membershipId) return viewerOf(principal, undefined);
    const [row] = await this.dataSource.query(
      `SELECT membership_id AS "membershipId", tenant_id AS "tenantId", environment, company_id AS "companyId",
              partner_type AS "partnerType", partner_no AS "partnerNo", contact_no AS "contactNo", role, active
         FROM membership WHERE membership_id = $1`,
      [principal.membershipId],
    );
    return viewerOf(principal, row as MembershipFacts | undefined);
  }
}
