import { PortalRole, type PartnerType } from '@partner-portal/contracts';
import { ORDER_TYPES } from '../projection/perspective';

/** The partner a membership belongs to. */
export interface PartnerScope {
  tenantId: string;
  environment: string;
  companyId: string;
  partnerType: PartnerType;
  partnerNo: string;
}

/** Who is looking, as far as the rows go. */
export type Viewer =
  | { kind: 'administrator'; tenantId: string }
  | ({ kind: 'representative' | 'authorized_user'; contactNo: string; membershipId: string } & PartnerScope)
  | { kind: 'nobody' };

/** A membership as the read model knows it. */
export interface MembershipFacts extends PartnerScope {
  membershipId: string;
  contactNo: string;
  role: PortalRole;
  active: boolean;
}

/**
 * An administrator sees the tenant; an active customer representative its partner; an active authorized user the
 * orders it placed and what follows from them; anyone else (deactivated, unknown, another tenant) nothing.
 */
export function viewerOf(
  principal: { kind: 'admin' | 'partner'; tenantId: string; membershipId?: string },
  membership: MembershipFacts | undefined,
): Viewer {
  if (principal.kind === 'admin') return { kind: 'administrator', tenantId: principal.tenantId };
  if (!membership || !membership.active || membership.tenantId !== principal.tenantId) return { kind: 'nobody' };
  const scope = {
    tenantId: membership.tenantId,
    environment: membership.environment,
    companyId: membership.companyId,
    partnerType: membership.partnerType,
    partnerNo: membership.partnerNo,
  };
  const who = { contactNo: membership.contactNo, membershipId: membership.membershipId };
  if (membership.role === PortalRole.CustomerRepresentative) return { kind: 'representative', ...scope, ...who };
  return { kind: 'authorized_user', ...scope, ...who };
}

/** A SQL condition on the `document` alias `d`, with its parameters numbered from `firstParam`. */
export interface Condition {
  sql: string;
  params: unknown[];
}

/**
 * The rows a viewer may see, as a WHERE condition: enforced in the query, so no row outside it ever leaves the
 * database. "Its own" order is one the ERP records with the user's contact, or one the user submitted through the
 * portal; a document follows from an order when its `order_no` names it.
 */
export function visibleDocuments(viewer: Viewer, firstParam = 1): Condition {
  const p = (i: number) => `$${firstParam + i}`;
  switch (viewer.kind) {
    case 'nobody':
      return { sql: 'false', params: [] };
    case 'administrator':
      return { sql: `d.tenant_id = ${p(0)} AND d.deleted_at IS NULL`, params: [viewer.tenantId] };
    case 'representative':
    case 'authorized_user': {
      const partner = `d.tenant_id = ${p(0)} AND d.environment = ${p(1)} AND d.company_id = ${p(2)} AND d.partner_type = ${p(3)} AND d.partner_no = ${p(4)} AND d.deleted_at IS NULL`;
      const params: unknown[] = [
        viewer.tenantId,
        viewer.environment,
        viewer.companyId,
        viewer.partnerType,
        viewer.partnerNo,
      ];
      if (viewer.kind === 'representative') return { sql: partner, params };
      const orders = `'${ORDER_TYPES.join("','")}'`;
      const own = (alias: string) =>
        `(${alias}.document_type IN (${orders}) AND (${alias}.contact_no = ${p(5)} OR ${alias}.portal_order_id IN (SELECT id FROM portal_order WHERE membership_id = ${p(6)})))`;
      return {
        sql: `${partner} AND (${own('d')} OR (d.order_no IS NOT NULL AND EXISTS (
                SELECT 1 FROM document o
                 WHERE o.tenant_id = d.tenant_id AND o.environment = d.environment AND o.company_id = d.company_id
                   AND o.partner_type = d.partner_type AND o.partner_no = d.partner_no AND o.document_no = d.order_no
                   AND o.deleted_at IS NULL AND ${own('o')})))`,
        params: [...params, viewer.contactNo, viewer.membershipId],
      };
    }
  }
}
