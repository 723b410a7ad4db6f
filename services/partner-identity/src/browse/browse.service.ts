import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  pageOf,
  Refusal,
  type CompanyResponse,
  type ContactPage,
  type ContactResponse,
  type EnvironmentResponse,
  type PartnerPage,
  type PartnerResponse,
} from '@partner-portal/api-contracts';
import type { EnvironmentType, PartnerType, PortalRole } from '@partner-portal/contracts';
import type { MembershipStatus } from '../portal-users/membership-rules';
import { containsPattern, escapeLike, selectListPage } from '@partner-portal/internal-api';
import { contactPortalStatus, type ContactPortalStatus } from './contact-portal-status';

/** An ERP environment of a tenant (the API contract's shape). */
export type EnvironmentView = EnvironmentResponse;

/** A company of an environment (the API contract's shape). */
export type CompanyView = CompanyResponse;

/** A partner in the browse list (the API contract's shape). */
export type PartnerView = PartnerResponse;

/** A contact with its portal standing (the API contract's shape). */
export type ContactView = ContactResponse;

/** Filters of a partner's contact list. */
export interface ContactFilter {
  page: number;
  pageSize: number;
  search?: string;
  portalStatus?: ContactPortalStatus;
}

/** A row of the partner list, as `PARTNER_COLUMNS` reads it. */
interface PartnerRow {
  partner_type: PartnerType;
  partner_no: string;
  name: string;
  email: string | null;
  portal_enabled: boolean;
  blocked: boolean;
  contacts: number;
  portal_users: number;
}

/** A partner with its live contacts and active portal users, over `partner p`. */
const PARTNER_COLUMNS = `p.partner_type, p.partner_no, p.name, p.email, p.portal_enabled, p.blocked,
  (SELECT count(*)::int FROM contact c
    WHERE (c.tenant_id, c.environment, c.company_id, c.partner_type, c.partner_no)
        = (p.tenant_id, p.environment, p.company_id, p.partner_type, p.partner_no)
      AND c.deleted_at IS NULL) AS contacts,
  (SELECT count(*)::int FROM membership m
    WHERE (m.tenant_id, m.environment, m.company_id, m.partner_type, m.partner_no)
        = (p.tenant_id, p.environment, p.company_id, p.partner_type, p.partner_no)
      AND m.status = 'active') AS portal_users`;

/** A row of a partner's contact list, as `CONTACT_COLUMNS` reads it from `CONTACT_FROM`. */
interface ContactRow {
  contact_no: string;
  name: string;
  email: string | null;
  language_code: string | null;
  portal_contact: boolean;
  portal_role: PortalRole | null;
  membership_id: string | null;
  membership_status: MembershipStatus | null;
  role: PortalRole | null;
  invitation_open: boolean;
}

/** A contact with its membership (at most one per contact) and its invitation (likewise), so one row per contact. */
const CONTACT_FROM = `contact c
  LEFT JOIN membership m USING (tenant_id, environment, company_id, partner_type, partner_no, contact_no)
  LEFT JOIN contact_invitation i USING (tenant_id, environment, company_id, partner_type, partner_no, contact_no)`;

/** The columns of `ContactRow` over `CONTACT_FROM`. */
const CONTACT_COLUMNS = `c.contact_no, c.name, c.email, c.language_code, c.portal_contact, c.portal_role,
  m.id AS membership_id, m.status AS membership_status, m.role, coalesce(i.open, false) AS invitation_open`;

/**
 * `contactPortalStatus` as SQL over the contact list's joins, for filtering by standing in the query (the page and its
 * total must agree); the same order of rules: active membership, open invitation, deactivated membership, none.
 */
const PORTAL_STATUS_SQL = `(CASE WHEN m.status = 'active' THEN 'portal_user'
                                WHEN coalesce(i.open, false) THEN 'invited'
                                WHEN m.status IN ('deactivated', 'reactivating') THEN 'deactivated'
                                ELSE 'not_invited' END)`;

/** What an administrator browses: environments, companies, partners and their contacts. */
@Injectable()
export class BrowseService {
  constructor(private readonly dataSource: DataSource) {}

  async environments(tenantId: string): Promise<EnvironmentView[]> {
    const rows = await this.dataSource.query(
      `SELECT environment, min(environment_type) AS environment_type, count(*)::int AS companies
         FROM company WHERE tenant_id = $1 GROUP BY environment ORDER BY environment`,
      [tenantId],
    );
    return rows.map(
      (r: { environment: string; environment_type: EnvironmentType; companies: number }): EnvironmentView => ({
        environment: r.environment,
        environmentType: r.environment_type,
        companies: r.companies,
      }),
    );
  }

  async companies(tenantId: string, environment: string): Promise<CompanyView[]> {
    const rows = await this.dataSource.query(
      `SELECT company_id, name, display_name FROM company WHERE tenant_id = $1 AND environment = $2 ORDER BY name`,
      [tenantId, environment],
    );
    if (rows.length === 0) throw new Refusal('not_found', 'not_found', `environment ${environment} not found`);
    return rows.map((r: { company_id: string; name: string; display_name: string | null }): CompanyView => ({
      companyId: r.company_id,
      name: r.name,
      displayName: r.display_name,
    }));
  }

  async partners(
    scope: { tenantId: string; environment: string; companyId: string },
    filter: { type?: PartnerType; search?: string; page: number; pageSize: number },
  ): Promise<PartnerPage> {
    const params: unknown[] = [scope.tenantId, scope.environment, scope.companyId];
    let where = 'p.tenant_id = $1 AND p.environment = $2 AND p.company_id = $3 AND p.deleted_at IS NULL';
    if (filter.type) {
      params.push(filter.type);
      where += ` AND p.partner_type = $${params.length}`;
    }
    if (filter.search) {
      params.push(escapeLike(filter.search.toLowerCase()));
      where += ` AND (lower(p.partner_no) LIKE $${params.length} || '%' OR lower(p.name) LIKE '%' || $${params.length} || '%')`;
    }
    // The company is fixed, where a partner is unique by type and number: a total order.
    const { rows, total } = await selectListPage<PartnerRow>(
      this.dataSource,
      { columns: PARTNER_COLUMNS, from: 'partner p', where, orderBy: 'p.partner_type, p.partner_no', params },
      filter,
    );
    return pageOf(
      rows.map((r): PartnerView => ({
        partnerType: r.partner_type,
        partnerNo: r.partner_no,
        name: r.name,
        email: r.email,
        portalEnabled: r.portal_enabled,
        blocked: r.blocked,
        contacts: r.contacts,
        portalUsers: r.portal_users,
      })),
      filter,
      total,
    );
  }

  /**
   * The contacts of one partner with their portal standing, a page at a time; administrators browse any partner of
   * their tenant, a customer representative its own (issue 13: my colleagues). `search` matches part of the number,
   * name or e-mail; `portalStatus` keeps the contacts of one standing.
   */
  async contacts(
    scope: { tenantId: string; environment: string; companyId: string; partnerType: PartnerType; partnerNo: string },
    filter: ContactFilter,
  ): Promise<ContactPage> {
    const key = [scope.tenantId, scope.environment, scope.companyId, scope.partnerType, scope.partnerNo];
    const [partner] = await this.dataSource.query(
      `SELECT 1 FROM partner WHERE tenant_id = $1 AND environment = $2 AND company_id = $3 AND partner_type = $4
          AND partner_no = $5 AND deleted_at IS NULL`,
      key,
    );
    if (!partner) {
      throw new Refusal('not_found', 'not_found', `partner ${scope.partnerType} ${scope.partnerNo} not found`);
    }
    const params: unknown[] = [...key];
    let where = `c.tenant_id = $1 AND c.environment = $2 AND c.company_id = $3 AND c.partner_type = $4
                   AND c.partner_no = $5 AND c.deleted_at IS NULL`;
    if (filter.search !== undefined) {
      params.push(containsPattern(filter.search));
      const p = `$${params.length}`;
      where += ` AND (lower(c.contact_no) LIKE ${p} OR lower(c.name) LIKE ${p} OR lower(c.email) LIKE ${p})`;
    }
    if (filter.portalStatus !== undefined) {
      params.push(filter.portalStatus);
      where += ` AND ${PORTAL_STATUS_SQL} = $${params.length}`;
    }
    // The partner is fixed, where a contact is unique by number: a total order.
    const { rows, total } = await selectListPage<ContactRow>(
      this.dataSource,
      { columns: CONTACT_COLUMNS, from: CONTACT_FROM, where, orderBy: 'c.contact_no', params },
      filter,
    );
    return pageOf(
      rows.map((r): ContactView => ({
        contactNo: r.contact_no,
        name: r.name,
        email: r.email,
        languageCode: r.language_code,
        portalContact: r.portal_contact,
        erpPortalRole: r.portal_role,
        portalStatus: contactPortalStatus(r.membership_status, r.invitation_open),
        membershipId: r.membership_id,
        role: r.role,
      })),
      filter,
      total,
    );
  }
}
