import { createContext, useContext, type ReactNode } from 'react';
import type { Me, Membership } from '../../app/me';

export type PartnerPerspective = Me['perspectives'][number];
export type PartnerTypeValue = PartnerPerspective['partnerType'];
export type PartnerDocumentTypeValue = PartnerPerspective['documentTypes'][number];

/** The partner whose documents, stock and orders a page shows. */
export interface WorkspacePartner {
  environment: string;
  companyId: string;
  partnerType: PartnerTypeValue;
  partnerNo: string;
  partnerName: string | null;
}

/**
 * Whose workspace the partner pages show, and how they reach it: a partner user through a membership
 * (`/api/portal/...` with `X-Portal-Membership`), or a tenant administrator looking at one partner read-only
 * (`/api/admin/tenants/{tenantId}/...` filtered to that partner). Pages never decide what a role may do: the
 * abilities come from the gateway (`GET /api/portal/me`).
 */
export interface Workspace {
  kind: 'member' | 'admin';
  tenantId: string;
  partner: WorkspacePartner;
  /** The membership acted through (partner users only). */
  membership: Membership | null;
  /** The partner type's view: document types in its words, stock, ordering. */
  perspective: PartnerPerspective;
  may: {
    /** Place and upload orders (customer users; never an administrator's read-only view). */
    placeOrders: boolean;
    /** Invite and manage colleagues (customer representatives). */
    manageColleagues: boolean;
    seeStock: boolean;
  };
  /** An administrator's view: nothing can be changed. */
  readOnly: boolean;
  /** The address of one of this workspace's pages: `to('documents/purchase_order')`, `to()` for its home. */
  to(path?: string): string;
  /** Prefix of every query key of this workspace's data; starts with 'partner' (invalidated on a membership switch). */
  queryKey: readonly unknown[];
  /** For administrators: the query that narrows the admin API to this partner. */
  adminFilter: { environment: string; companyId: string; partnerType: PartnerTypeValue; partnerNo: string };
}

const WorkspaceContext = createContext<Workspace | null>(null);

export function WorkspaceProvider({ workspace, children }: { workspace: Workspace; children: ReactNode }) {
  return <WorkspaceContext.Provider value={workspace}>{children}</WorkspaceContext.Provider>;
}

/** The workspace of the page being shown (inside the partner area or an administrator's partner view). */
export function useWorkspace(): Workspace {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error('useWorkspace outside a workspace: the route must sit under a workspace layout');
  return workspace;
}

const join = (base: string, path?: string) => (path ? `${base}/${path.replace(/^\//, '')}` : base);

/** A partner user's workspace, through one membership. */
export function memberWorkspace(me: Me, membership: Membership): Workspace {
  const perspective = perspectiveOf(me, membership.partnerType);
  return {
    kind: 'member',
    tenantId: membership.tenantId,
    partner: {
      environment: membership.environment,
      companyId: membership.companyId,
      partnerType: membership.partnerType,
      partnerNo: membership.partnerNo,
      partnerName: membership.partnerName,
    },
    membership,
    perspective,
    may: {
      placeOrders: perspective.placesOrders,
      manageColleagues: membership.managesColleagues,
      seeStock: perspective.seesStock,
    },
    readOnly: false,
    to: (path) => join('/portal', path),
    queryKey: ['partner', membership.membershipId],
    adminFilter: {
      environment: membership.environment,
      companyId: membership.companyId,
      partnerType: membership.partnerType,
      partnerNo: membership.partnerNo,
    },
  };
}

/** The address of an administrator's read-only view of one partner. */
export function adminPartnerPath(tenantId: string, partner: Omit<WorkspacePartner, 'partnerName'>): string {
  const segments = [
    tenantId,
    'partners',
    partner.environment,
    partner.companyId,
    partner.partnerType,
    partner.partnerNo,
  ];
  return `/admin/${segments.map(encodeURIComponent).join('/')}`;
}

/** An administrator's read-only view of one partner. */
export function adminWorkspace(me: Me, tenantId: string, partner: WorkspacePartner): Workspace {
  const perspective = perspectiveOf(me, partner.partnerType);
  const base = adminPartnerPath(tenantId, partner);
  const adminFilter = {
    environment: partner.environment,
    companyId: partner.companyId,
    partnerType: partner.partnerType,
    partnerNo: partner.partnerNo,
  };
  return {
    kind: 'admin',
    tenantId,
    partner,
    membership: null,
    perspective,
    may: { placeOrders: false, manageColleagues: false, seeStock: perspective.seesStock },
    readOnly: true,
    to: (path) => join(base, path),
    queryKey: ['partner', 'admin', tenantId, adminFilter],
    adminFilter,
  };
}

function perspectiveOf(me: Me, partnerType: PartnerTypeValue): PartnerPerspective {
  return (
    me.perspectives.find((p) => p.partnerType === partnerType) ?? {
      partnerType,
      documentTypes: [],
      seesStock: false,
      placesOrders: false,
    }
  );
}
