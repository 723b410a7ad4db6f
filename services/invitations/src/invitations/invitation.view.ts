import type { InvitationResponse } from '@partner-portal/api-contracts';
import type {
  EnvironmentType,
  LicenseReservationRejectionReason,
  PartnerType,
  PortalRole,
} from '@partner-portal/contracts';
import { MAX_CODE_ATTEMPTS, type InvitationStatus } from './invitation-status';

/** An invitation row as read with `INVITATION_COLUMNS`. */
export interface InvitationRow {
  id: string;
  tenant_id: string;
  environment: string;
  environment_type: EnvironmentType;
  company_id: string;
  partner_type: PartnerType;
  partner_no: string;
  contact_no: string;
  email: string;
  contact_name: string;
  role: PortalRole;
  language: string;
  status: InvitationStatus;
  rejection_reason: LicenseReservationRejectionReason | null;
  requested_by:
    { kind: 'admin'; subject: string } | { kind: 'erp' } | { kind: 'partner'; subject: string; membershipId: string };
  inviter_name: string;
  token_hash: string | null;
  code_hash: string | null;
  failed_code_attempts: number;
  resend_count: number;
  resends_in_window: number;
  resend_window_start: Date | null;
  expires_at: Date | null;
  invited_at: Date | null;
  accepted_at: Date | null;
  email_matched: boolean | null;
  created_at: Date;
  partner_name: string | null;
  company_name: string | null;
}

/** Every column plus the partner's and company's names from the mirror. */
export const INVITATION_COLUMNS = `i.*, p.name AS partner_name, c.name AS company_name`;
export const INVITATION_FROM = `invitation i
  LEFT JOIN partner p ON (p.tenant_id, p.environment, p.company_id, p.partner_type, p.partner_no)
                       = (i.tenant_id, i.environment, i.company_id, i.partner_type, i.partner_no)
  LEFT JOIN company c ON (c.tenant_id, c.environment, c.company_id) = (i.tenant_id, i.environment, i.company_id)`;

/** A timestamp column of a row that is known to be set (a sent invitation's expiry), as ISO-8601. */
export function isoOf(value: Date | string | null): string {
  if (value === null) throw new Error('timestamp expected');
  return new Date(value).toISOString();
}

/** An invitation as the admin view shows it, field by field as the API contract has it. */
export function toInvitationView(row: InvitationRow): InvitationResponse {
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    invitationId: row.id,
    tenantId: row.tenant_id,
    environment: row.environment,
    environmentType: row.environment_type,
    companyId: row.company_id,
    companyName: row.company_name,
    partnerType: row.partner_type,
    partnerNo: row.partner_no,
    partnerName: row.partner_name,
    contactNo: row.contact_no,
    contactName: row.contact_name,
    email: row.email,
    role: row.role,
    language: row.language,
    status: row.status,
    rejectionReason: row.rejection_reason,
    requestedBy: row.requested_by,
    invitedAt: iso(row.invited_at),
    acceptedAt: iso(row.accepted_at),
    expiresAt: iso(row.expires_at),
    resendCount: row.resend_count,
    locked: row.failed_code_attempts >= MAX_CODE_ATTEMPTS,
    emailMatched: row.email_matched,
    createdAt: isoOf(row.created_at),
  };
}

/** The admin view of an invitation: the API contract's shape. */
export type InvitationView = InvitationResponse;

/** The target part of every invitation event. */
export function targetOf(row: InvitationRow) {
  return {
    invitationId: row.id,
    environment: row.environment,
    environmentType: row.environment_type,
    companyId: row.company_id,
    partnerType: row.partner_type,
    partnerNo: row.partner_no,
    contactNo: row.contact_no,
    email: row.email,
  };
}
