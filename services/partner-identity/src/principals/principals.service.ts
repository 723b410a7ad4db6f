import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { MembershipGrant, ResolvedPrincipal } from '@partner-portal/api-contracts';
import type { EnvironmentType, PartnerType, PortalRole } from '@partner-portal/contracts';
import { tenantsAdministered } from '../administrators/admin-recognition';
import { AdministratorsService } from '../administrators/administrators.service';
import { PartnerIdentityConfig } from '../config/partner-identity.config';

/** Turns a verified identity into the tenants it administers and the memberships it holds. */
@Injectable()
export class PrincipalsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly administrators: AdministratorsService,
    @Inject(PartnerIdentityConfig) private readonly config: PartnerIdentityConfig,
  ) {}

  async resolve(issuer: string, subject: string, claims: Record<string, unknown>): Promise<ResolvedPrincipal> {
    const rows = await this.dataSource.query(
      `SELECT u.id AS portal_user_id, m.id AS membership_id, m.tenant_id, m.environment, m.environment_type, m.company_id,
              m.partner_type, m.partner_no, p.name AS partner_name, m.contact_no, m.role
         FROM portal_user u
         LEFT JOIN membership m ON m.portal_user_id = u.id AND m.status = 'active'
         LEFT JOIN partner p ON (p.tenant_id, p.environment, p.company_id, p.partner_type, p.partner_no)
                              = (m.tenant_id, m.environment, m.company_id, m.partner_type, m.partner_no)
        WHERE u.issuer = $1 AND u.subject = $2
        ORDER BY m.tenant_id, m.environment, m.company_id, m.partner_no`,
      [issuer, subject],
    );
    const listed =
      this.config.adminRecognition === 'claim' ? [] : await this.administrators.tenantsListing(issuer, subject);
    return {
      portalUserId: rows[0]?.portal_user_id ?? null,
      administratorOf: tenantsAdministered(
        { mode: this.config.adminRecognition, role: this.config.adminRole, tenantClaim: this.config.adminTenantClaim },
        claims,
        listed,
      ),
      memberships: rows
        .filter((r: { membership_id: string | null }) => r.membership_id)
        .map(
          (r: {
            membership_id: string;
            tenant_id: string;
            environment: string;
            environment_type: EnvironmentType;
            company_id: string;
            partner_type: PartnerType;
            partner_no: string;
            partner_name: string | null;
            contact_no: string;
            role: PortalRole;
          }): MembershipGrant => ({
            membershipId: r.membership_id,
            tenantId: r.tenant_id,
            environment: r.environment,
            environmentType: r.environment_type,
            companyId: r.company_id,
            partnerType: r.partner_type,
            partnerNo: r.partner_no,
            partnerName: r.partner_name,
            contactNo: r.contact_no,
            role: r.role,
          }),
        ),
    };
  }
}
