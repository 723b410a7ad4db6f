import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  pageOf,
  REFUSAL_STATUS,
  Refusal,
  type BulkInviteResponse,
  type BulkInviteResultResponse,
  type ColleagueInvitationResponse,
  type InvitationSort,
  type InviteRequest,
  type ListColleagueInvitationsQuery,
  type ListInvitationsQuery,
  type PartnerInviteRequest,
} from '@partner-portal/api-contracts';
import type { ActorV1, ActorV2 } from '@partner-portal/contracts';
import { containsPattern, selectListPage, type Page } from '@partner-portal/internal-api';
import { InvitationsConfig } from '../config/invitations.config';
import { templateLanguage } from '../email/invitation-email';
import { TenantSettingsService } from '../settings/tenant-settings';
import { decide } from './invitation-lifecycle';
import { allowedOrThrow, OPEN_STATUSES, STATUS_SORT_ORDER } from './invitation-status';
import { InvitationStore, stateOf } from './invitation-store';
import {
  holderKeyOf,
  invitationOpen,
  inviteRefusal,
  licensesNeeded,
  planBulkInvite,
  type InviteRefusal,
  type InviteTarget,
  type TargetFacts,
} from './invite-checks';
import {
  INVITATION_COLUMNS,
  INVITATION_FROM,
  toInvitationView,
  type InvitationRow,
  type InvitationView,
} from './invitation.view';
import { ofPartner, representedPartner, type InvitingMember, type RepresentedPartner } from './partner-invite';

/**
 * Who asks: an administrator (subject, and the name the e-mail shows), the ERP, or a customer representative for its
 * own partner (subject, the membership it acts through, and the name the e-mail shows).
 */
export type Requester =
  | { kind: 'admin'; subject: string; name?: string }
  | { kind: 'erp' }
  | { kind: 'partner'; subject: string; membershipId: string; name?: string };

/** A representative as the gateway verified it: its tenant, identity subject and the membership it acts through. */
export interface Representative {
  tenantId: string;
  subject: string;
  membershipId: string;
}

/** The outcome of one invitation of a bulk request (`would_create` only in a dry run), within the API contract. */
export type BulkResult = BulkInviteResultResponse &
  (
    | { index: number; outcome: 'created'; invitation: InvitationView }
    | { index: number; outcome: 'would_create' }
    | {
        index: number;
        outcome: 'refused';
        status: number;
        code: string;
        detail: string;
        existingInvitationId?: string;
        otherContact?: string;
      }
  );

/** The answer of a bulk request: one result per row, and the licenses the rows created (or to create) newly take. */
export type BulkAnswer = BulkInviteResponse & { results: BulkResult[] };

const CLOSED = `'${OPEN_STATUSES.join("','")}'`;

/** What the mirror, the portal members and the open invitations say about a target, for the checks and the insert. */
interface TargetRow extends TargetFacts {
  companyName: string | null;
  environmentType: string | null;
  partnerLanguage: string | null;
  contactName: string | null;
  contactLanguage: string | null;
}

/** Sort expressions of the list; null values (no expiry yet, a partner the mirror does not know) come last. */
const SORT_EXPRESSIONS: Record<InvitationSort, string> = {
  createdAt: 'i.created_at',
  expiresAt: 'i.expires_at',
  status: `array_position(ARRAY['${STATUS_SORT_ORDER.join("','")}']::text[], i.status)`,
  contactName: 'lower(i.contact_name)',
  partnerName: 'lower(p.name)',
  email: 'i.email',
};

/** A refused row of a bulk request: what a single invitation would answer, as the row's result. */
function refusedResult(index: number, refused: Refusal): BulkResult {
  const { existingInvitationId, otherContact } = (refused as InviteRefusal).details;
  return {
    index,
    outcome: 'refused',
    status: REFUSAL_STATUS[refused.kind],
    code: refused.code,
    detail: refused.message,
    existingInvitationId,
    otherContact,
  };
}

/** An invitation that does not exist, or that the asker may not see. */
function invitationNotFound(id: string): Refusal {
  return new Refusal('not_found', 'not_found', `invitation ${id} not found`);
}

/** The name the e-mail gives whoever invites: the person's, else the company's team (the ERP: the company). */
function inviterNameOf(requester: Requester, companyName: string | null): string {
  if (requester.kind === 'erp') return companyName ?? '';
  return requester.name ?? (requester.kind === 'admin' ? `the ${companyName} team` : `a colleague`);
}

/** Where an invitation is: environment, company and partner. */
function placeOf(row: InvitationRow): RepresentedPartner {
  return {
    environment: row.environment,
    companyId: row.company_id,
    partnerType: row.partner_type,
    partnerNo: row.partner_no,
  };
}

/** An invitation as a partner's representatives see it: without the tenant's administrators' identities. */
function toColleagueInvitation(row: InvitationRow): ColleagueInvitationResponse {
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    invitationId: row.id,
    contactNo: row.contact_no,
    contactName: row.contact_name,
    email: row.email,
    role: row.role,
    status: row.status,
    rejectionReason: row.rejection_reason,
    requestedBy: row.requested_by.kind,
    invitedAt: iso(row.invited_at),
    expiresAt: iso(row.expires_at),
    acceptedAt: iso(row.accepted_at),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** Creating, listing, resending and revoking invitations. */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: InvitationStore,
    private readonly settings: TenantSettingsService,
    @Inject(InvitationsConfig) private readonly config: InvitationsConfig,
  ) {}

  /**
   * Validates the target against the ERP mirror and the portal users, records the invitation as
   * `pending_license` and publishes `InvitationRequested`, in the given transaction or a new one.
   */
  async create(
    tenantId: string,
    request: InviteRequest,
    requester: Requester,
    correlationId: string,
    manager?: EntityManager,
  ): Promise<InvitationView> {
    if (!manager)
      return this.dataSource.transaction((m) => this.create(tenantId, request, requester, correlationId, m));
    const [facts] = await this.targetFacts(manager, tenantId, [request]);
    const refused = inviteRefusal(request, facts);
    if (refused) throw refused;
    const contact = facts.contact as { email: string };
    const id = randomUUID();
    const requestedBy: ActorV2 =
      requester.kind === 'admin'
        ? { kind: 'admin', subject: requester.subject }
        : requester.kind === 'partner'
          ? { kind: 'partner', subject: requester.subject, membershipId: requester.membershipId }
          : { kind: 'erp' };
    const decision = allowedOrThrow(decide(undefined, { type: 'request', requestedBy }, new Date()));
    const inserted = await manager.query(
      `INSERT INTO invitation (id, tenant_id, environment, environment_type, company_id, partner_type, partner_no, contact_no,
                               email, contact_name, role, language, status, requested_by, inviter_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       ON CONFLICT (tenant_id, environment, company_id, partner_type, partner_no, contact_no) WHERE status IN (${CLOSED}) DO NOTHING
       RETURNING id`,
      [
        id,
        tenantId,
        request.environment,
        facts.environmentType,
        request.companyId,
        request.partnerType,
        request.partnerNo,
        request.contactNo,
        contact.email.toLowerCase(),
        facts.contactName,
        request.role,
        templateLanguage(request.language ?? facts.contactLanguage ?? facts.partnerLanguage),
        decision.next.status,
        JSON.stringify(requestedBy),
        inviterNameOf(requester, facts.companyName),
      ],
    );
    if (inserted.length === 0) {
      // Another request opened one since the check (the partial unique index decides).
      throw invitationOpen(request, await this.openFor(manager, tenantId, request));
    }
    const row = await this.row(manager, tenantId, id);
    await this.store.publish(manager, row, decision.events, correlationId);
    return toInvitationView(row);
  }

  /**
   * A customer representative invites a contact of its own partner: the partner is its membership's (as this service
   * knows it from `partner-identity.events`), the checks and the license saga those of any invitation.
   */
  async inviteForPartner(
    representative: Representative,
    request: PartnerInviteRequest,
    correlationId: string,
  ): Promise<ColleagueInvitationResponse> {
    return this.dataSource.transaction(async (manager) => {
      const partner = await this.partnerOf(manager, representative);
      const invitation = await this.create(
        representative.tenantId,
        { ...partner, contactNo: request.contactNo, role: request.role, language: request.language },
        {
          kind: 'partner',
          subject: representative.subject,
          membershipId: representative.membershipId,
          name: request.inviterName,
        },
        correlationId,
        manager,
      );
      return toColleagueInvitation(await this.row(manager, representative.tenantId, invitation.invitationId));
    });
  }

  /** The invitations of a representative's own partner, newest first. */
  async listForPartner(
    representative: Representative,
    query: ListColleagueInvitationsQuery,
  ): Promise<Page<ColleagueInvitationResponse>> {
    const partner = await this.partnerOf(this.dataSource.manager, representative);
    const params: unknown[] = [
      representative.tenantId,
      partner.environment,
      partner.companyId,
      partner.partnerType,
      partner.partnerNo,
    ];
    const conditions = [
      'i.tenant_id = $1 AND i.environment = $2 AND i.company_id = $3 AND i.partner_type = $4 AND i.partner_no = $5',
    ];
    if (query.status !== undefined) {
      params.push(query.status);
      conditions.push(`i.status = $${params.length}`);
    }
    if (query.search !== undefined) {
      params.push(containsPattern(query.search));
      const p = `$${params.length}`;
      conditions.push(`(lower(i.contact_name) LIKE ${p} OR lower(i.email) LIKE ${p} OR lower(i.contact_no) LIKE ${p})`);
    }
    const { rows, total } = await selectListPage<InvitationRow>(
      this.dataSource,
      {
        columns: INVITATION_COLUMNS,
        from: INVITATION_FROM,
        where: conditions.join(' AND '),
        orderBy: 'i.created_at DESC, i.id',
        params,
      },
      query,
    );
    return pageOf(rows.map(toColleagueInvitation), query, total);
  }

  /** One invitation of a representative's own partner; 404 for any other, as if it did not exist. */
  async getForPartner(representative: Representative, id: string): Promise<ColleagueInvitationResponse> {
    const partner = await this.partnerOf(this.dataSource.manager, representative);
    const row = await this.row(this.dataSource.manager, representative.tenantId, id);
    if (!ofPartner(placeOf(row), partner)) throw invitationNotFound(id);
    return toColleagueInvitation(row);
  }

  /** The partner an active representative acts for, from this service's own record of portal members; else 403. */
  private async partnerOf(manager: EntityManager, representative: Representative): Promise<RepresentedPartner> {
    const [member]: InvitingMember[] = await manager.query(
      `SELECT active, role, environment, company_id AS "companyId", partner_type AS "partnerType",
              partner_no AS "partnerNo"
         FROM portal_member WHERE tenant_id = $1 AND membership_id = $2`,
      [representative.tenantId, representative.membershipId],
    );
    const partner = representedPartner(member);
    if (partner instanceof Refusal) throw partner;
    return partner;
  }

  /**
   * A bulk request, checked row by row like single invitations (`planBulkInvite`) against one read of the mirror,
   * the portal members and the open invitations. A dry run writes and publishes nothing and says `would_create`
   * where a real run would create; a real run creates each such row in its own transaction (one refused does not
   * stop the others; `create` checks again, so a concurrent change still refuses correctly).
   */
  async inviteMany(
    tenantId: string,
    requests: InviteRequest[],
    requester: Requester,
    correlationId: string,
    dryRun: boolean,
  ): Promise<BulkAnswer> {
    const manager = this.dataSource.manager;
    const facts = await this.targetFacts(manager, tenantId, requests);
    const holders = await this.licensedHolders(
      manager,
      tenantId,
      facts.flatMap((f) => (f.contact?.email ? [f.contact.email] : [])),
    );
    const plan = planBulkInvite(
      requests.map((target, index) => ({ target, facts: facts[index] })),
      holders,
    );
    if (dryRun) {
      return {
        dryRun,
        licensesNeeded: plan.licensesNeeded,
        results: plan.decisions.map((decision, index) =>
          decision.outcome === 'create' ? { index, outcome: 'would_create' } : refusedResult(index, decision.refusal),
        ),
      };
    }
    const results: BulkResult[] = [];
    for (const [index, decision] of plan.decisions.entries()) {
      if (decision.outcome === 'refused') {
        results.push(refusedResult(index, decision.refusal));
        continue;
      }
      try {
        results.push({
          index,
          outcome: 'created',
          invitation: await this.create(tenantId, requests[index], requester, correlationId),
        });
      } catch (error) {
        // Refused by `create`'s own check: what changed since the plan (a concurrent invitation) refuses this row only.
        if (!(error instanceof Refusal)) throw error;
        results.push(refusedResult(index, error));
      }
    }
    const created = results.flatMap((r) => (r.outcome === 'created' ? [r.invitation.email] : []));
    return { dryRun, licensesNeeded: licensesNeeded(created, holders), results };
  }

  /** One read of everything the checks need about each target, in request order. */
  private async targetFacts(manager: EntityManager, tenantId: string, targets: InviteTarget[]): Promise<TargetRow[]> {
    const column = (pick: (t: InviteTarget) => string) => targets.map(pick);
    const rows: Array<{
      company_found: boolean;
      company_name: string | null;
      environment_type: string | null;
      partner_found: boolean;
      portal_enabled: boolean | null;
      blocked: boolean | null;
      partner_language: string | null;
      contact_found: boolean;
      contact_name: string | null;
      email: string | null;
      contact_language: string | null;
      membership_id: string | null;
      open_invitation_id: string | null;
      other_name: string | null;
      other_partner_no: string | null;
      other_contact_no: string | null;
    }> = await manager.query(
      `SELECT c.company_id IS NOT NULL AS company_found, c.name AS company_name, c.environment_type,
              p.partner_no IS NOT NULL AS partner_found, p.portal_enabled, p.blocked, p.language_code AS partner_language,
              ct.contact_no IS NOT NULL AS contact_found, ct.name AS contact_name, ct.email,
              ct.language_code AS contact_language, pm.membership_id, oi.id AS open_invitation_id,
              other.name AS other_name, other.partner_no AS other_partner_no, other.contact_no AS other_contact_no
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY
              AS r(environment, company_id, partner_type, partner_no, contact_no, position)
         LEFT JOIN company c ON c.tenant_id = $1 AND (c.environment, c.company_id) = (r.environment, r.company_id)
         LEFT JOIN partner p ON p.tenant_id = $1 AND p.deleted_at IS NULL
              AND (p.environment, p.company_id, p.partner_type, p.partner_no)
                = (r.environment, r.company_id, r.partner_type, r.partner_no)
         LEFT JOIN contact ct ON ct.tenant_id = $1 AND ct.deleted_at IS NULL
              AND (ct.environment, ct.company_id, ct.partner_type, ct.partner_no, ct.contact_no)
                = (r.environment, r.company_id, r.partner_type, r.partner_no, r.contact_no)
         LEFT JOIN portal_member pm ON pm.tenant_id = $1 AND pm.active
              AND (pm.environment, pm.company_id, pm.partner_type, pm.partner_no, pm.contact_no)
                = (r.environment, r.company_id, r.partner_type, r.partner_no, r.contact_no)
         LEFT JOIN invitation oi ON oi.tenant_id = $1 AND oi.status IN (${CLOSED})
              AND (oi.environment, oi.company_id, oi.partner_type, oi.partner_no, oi.contact_no)
                = (r.environment, r.company_id, r.partner_type, r.partner_no, r.contact_no)
         -- Another contact holding this address's license (one license, one person); the same contact elsewhere is not.
         LEFT JOIN LATERAL (
              SELECT h.name, h.partner_no, h.contact_no FROM (
                SELECT i.partner_type, i.partner_no, i.contact_no, i.contact_name AS name FROM invitation i
                 WHERE i.tenant_id = $1 AND i.status IN (${CLOSED}) AND lower(btrim(i.email)) = lower(btrim(ct.email))
                UNION ALL
                SELECT m.partner_type, m.partner_no, m.contact_no, coalesce(mc.name, m.contact_no) FROM portal_member m
                  LEFT JOIN contact mc ON mc.tenant_id = m.tenant_id
                       AND (mc.environment, mc.company_id, mc.partner_type, mc.partner_no, mc.contact_no)
                         = (m.environment, m.company_id, m.partner_type, m.partner_no, m.contact_no)
                 WHERE m.tenant_id = $1 AND m.active AND m.email = lower(btrim(ct.email))
              ) h
              WHERE (h.partner_type, h.partner_no, h.contact_no) <> (r.partner_type, r.partner_no, r.contact_no)
              LIMIT 1
         ) other ON true
        ORDER BY r.position`,
      [
        tenantId,
        column((t) => t.environment),
        column((t) => t.companyId),
        column((t) => t.partnerType),
        column((t) => t.partnerNo),
        column((t) => t.contactNo),
      ],
    );
    return rows.map((r) => ({
      companyFound: r.company_found,
      partner: r.partner_found ? { portalEnabled: r.portal_enabled, blocked: r.blocked } : null,
      contact: r.contact_found ? { email: r.email } : null,
      activeMembershipId: r.membership_id,
      openInvitationId: r.open_invitation_id,
      otherHolder:
        r.other_partner_no && r.other_contact_no
          ? { name: r.other_name ?? r.other_contact_no, partnerNo: r.other_partner_no, contactNo: r.other_contact_no }
          : null,
      companyName: r.company_name,
      environmentType: r.environment_type,
      partnerLanguage: r.partner_language,
      contactName: r.contact_name,
      contactLanguage: r.contact_language,
    }));
  }

  /** Which of these people hold a license in the tenant already: an open invitation or an active portal membership. */
  private async licensedHolders(manager: EntityManager, tenantId: string, emails: string[]): Promise<Set<string>> {
    const keys = [...new Set(emails.map(holderKeyOf))];
    if (keys.length === 0) return new Set();
    const rows: Array<{ holder: string }> = await manager.query(
      `SELECT lower(btrim(email)) AS holder FROM invitation
        WHERE tenant_id = $1 AND status IN (${CLOSED}) AND lower(btrim(email)) = ANY($2::text[])
       UNION
       SELECT email FROM portal_member WHERE tenant_id = $1 AND active AND email = ANY($2::text[])`,
      [tenantId, keys],
    );
    return new Set(rows.map((r) => r.holder));
  }

  /** A page of the tenant's invitations: filtered, searched, sorted by the query with creation time and id as ties. */
  async list(tenantId: string, query: ListInvitationsQuery): Promise<Page<InvitationView>> {
    const params: unknown[] = [tenantId];
    const conditions = ['i.tenant_id = $1'];
    for (const [column, value] of [
      ['i.status', query.status],
      ['i.environment', query.environment],
      ['i.company_id', query.companyId],
      ['i.partner_type', query.partnerType],
      ['i.partner_no', query.partnerNo],
      ['i.contact_no', query.contactNo],
    ] as const) {
      if (value === undefined) continue;
      params.push(value);
      conditions.push(`${column} = $${params.length}`);
    }
    if (query.search !== undefined) {
      params.push(containsPattern(query.search));
      const p = `$${params.length}`;
      conditions.push(
        `(lower(i.contact_name) LIKE ${p} OR lower(i.email) LIKE ${p} OR lower(i.contact_no) LIKE ${p}
          OR lower(i.partner_no) LIKE ${p} OR lower(p.name) LIKE ${p})`,
      );
    }
    const direction = query.order === 'asc' ? 'ASC' : 'DESC';
    const sort = query.sort ?? 'createdAt';
    const orderBy =
      sort === 'createdAt'
        ? `i.created_at ${direction}, i.id`
        : `${SORT_EXPRESSIONS[sort]} ${direction} NULLS LAST, i.created_at DESC, i.id`;
    const { rows, total } = await selectListPage<InvitationRow>(
      this.dataSource,
      { columns: INVITATION_COLUMNS, from: INVITATION_FROM, where: conditions.join(' AND '), orderBy, params },
      query,
    );
    return pageOf(rows.map(toInvitationView), query, total);
  }

  async get(tenantId: string, id: string): Promise<InvitationView> {
    return toInvitationView(await this.row(this.dataSource.manager, tenantId, id));
  }

  /**
   * New link and code, a new expiry, the same license hold; a new e-mail. The old link and code stop working; their
   * hashes are kept in `superseded_secret` (same transaction) so that they answer "replaced" rather than "unknown".
   */
  async resend(tenantId: string, id: string): Promise<InvitationView> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.row(manager, tenantId, id, true);
      const { invitationTtlHours } = await this.settings.get(manager, tenantId);
      const decision = allowedOrThrow(
        decide(
          stateOf(row),
          { type: 'resend', validForHours: invitationTtlHours, dailyLimit: this.config.resendDailyLimit },
          new Date(),
        ),
      );
      return toInvitationView(await this.store.apply(manager, row, decision));
    });
  }

  /** Ends an open invitation; licensing releases its hold on `InviteRevoked`. */
  async revoke(
    tenantId: string,
    id: string,
    revokedBy: ActorV1,
    correlationId: string,
    reason?: string,
    manager?: EntityManager,
  ): Promise<InvitationView> {
    if (!manager)
      return this.dataSource.transaction((m) => this.revoke(tenantId, id, revokedBy, correlationId, reason, m));
    const row = await this.row(manager, tenantId, id, true);
    const decision = allowedOrThrow(decide(stateOf(row), { type: 'revoke', by: revokedBy, reason }, new Date()));
    return toInvitationView(await this.store.apply(manager, row, decision, correlationId));
  }

  /** The open invitation of a contact, if any. */
  async openFor(
    manager: EntityManager,
    tenantId: string,
    target: { environment: string; companyId: string; partnerType: string; partnerNo: string; contactNo: string },
  ): Promise<string | undefined> {
    const [open] = await manager.query(
      `SELECT id FROM invitation WHERE tenant_id = $1 AND environment = $2 AND company_id = $3 AND partner_type = $4
          AND partner_no = $5 AND contact_no = $6 AND status IN (${CLOSED})`,
      [tenantId, target.environment, target.companyId, target.partnerType, target.partnerNo, target.contactNo],
    );
    return open?.id;
  }

  /** The open invitations of every contact of a partner. */
  async openForPartner(
    manager: EntityManager,
    tenantId: string,
    partner: { environment: string; companyId: string; partnerType: string; partnerNo: string },
  ): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM invitation WHERE tenant_id = $1 AND environment = $2 AND company_id = $3 AND partner_type = $4
          AND partner_no = $5 AND status IN (${CLOSED}) ORDER BY created_at`,
      [tenantId, partner.environment, partner.companyId, partner.partnerType, partner.partnerNo],
    );
    return rows.map((r) => r.id);
  }

  async row(manager: EntityManager, tenantId: string, id: string, lock = false): Promise<InvitationRow> {
    const [row] = await manager.query(
      `SELECT ${INVITATION_COLUMNS} FROM ${INVITATION_FROM} WHERE i.tenant_id = $1 AND i.id = $2 ${lock ? 'FOR UPDATE OF i' : ''}`,
      [tenantId, id],
    );
    if (!row) throw invitationNotFound(id);
    return row;
  }
}
