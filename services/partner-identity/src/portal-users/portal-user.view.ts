import type { PortalUserResponse } from '@partner-portal/api-contracts';
import type {
  EnvironmentType,
  LicenseReservationRejectionReason,
  PartnerType,
  PortalRole,
  PortalUserDeactivationReason,
} from '@partner-portal/contracts';
import type { MembershipStatus } from './membership-rules';

/** A portal user within one partner, as the internal API shows it: the API contract's shape. */
export type PortalUserView = PortalUserResponse;

/** Row shape of `PORTAL_USER_COLUMNS`. */
export interface PortalUserRow {
  membership_id: string;
  portal_user_id: string;
  tenant_id: string;
  environment: string;
  environment_type: EnvironmentType;
  company_id: string;
  partner_type: PartnerType;
  partner_no: string;
  contact_no: string;
  email: string;
  display_name: string | null;
  sign_in_email: string;
  issuer: string;
  subject: string;
  role: PortalRole;
  status: MembershipStatus;
  deactivation_reason: PortalUserDeactivationReason | null;
  reactivation_refusal: LicenseReservationRejectionReason | null;
  reactivation_request_id: string | null;
  created_at: Date;
  updated_at: Date;
}

/** The select list that yields `PortalUserRow` from `membership m JOIN portal_user u`. */
export const PORTAL_USER_COLUMNS = `
  m.id AS membership_id, m.portal_user_id, m.tenant_id, m.environment, m.environment_type, m.company_id,
  m.partner_type, m.partner_no, m.contact_no, m.email, u.display_name, u.email AS sign_in_email, u.issuer, u.subject,
  m.role, m.status, m.deactivation_reason, m.reactivation_refusal, m.reactivation_request_id, m.created_at, m.updated_at`;

/** The tables `PORTAL_USER_COLUMNS` reads: a membership and its portal user. */
export const PORTAL_USER_FROM = `membership m JOIN portal_user u ON u.id = m.portal_user_id`;

/** The API view of a row. */
export function toPortalUserView(row: PortalUserRow): PortalUserView {
  return {
    membershipId: row.membership_id,
    portalUserId: row.portal_user_id,
    tenantId: row.tenant_id,
    environment: row.environment,
    environmentType: row.environment_type,
    companyId: row.company_id,
    partnerType: row.partner_type,
    partnerNo: row.partner_no,
    contactNo: row.contact_no,
    email: row.email,
    displayName: row.display_name,
    signInEmail: row.sign_in_email,
    role: row.role,
    status: row.status,
    deactivationReason: row.deactivation_reason,
    reactivationRefusal: row.reactivation_refusal,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
