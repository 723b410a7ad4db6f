import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  ErpAccessChange,
  PortalRole,
  PortalUserActivated,
  PortalUserDeactivated,
  PortalUserDeactivatedVersion2,
  PortalUserDeactivationReason,
  PortalUserReactivationRequested,
  PortalUserRoleChanged,
  type EventEnvelope,
  type EventOf,
  type InviteAccepted,
  type PortalUserRefV1,
  type ReactivationLicensed,
  type ReactivationRefused,
} from '@partner-portal/contracts';
import { Outbox } from '@partner-portal/messaging';
import { pageOf, Refusal, type PageRequest } from '@partner-portal/api-contracts';
import { containsPattern, selectListPage, type Page } from '@partner-portal/internal-api';
import type { ContactKey, PartnerKey } from '@partner-portal/erp-mirror';
import {
  assertIsActiveRepresentative,
  activateFromInvitation,
  assertKeepsARepresentative,
  changeRole,
  deactivate,
  MembershipStatus,
  reactivate,
  reactivationLicensed,
  reactivationRefused,
  samePartner,
  type ErpStanding,
  type MembershipFacts,
  type Transition,
} from './membership-rules';
import {
  PORTAL_USER_COLUMNS,
  PORTAL_USER_FROM,
  toPortalUserView,
  type PortalUserRow,
  type PortalUserView,
} from './portal-user.view';

/** Who asks for a change, for events and for scope: an administrator, or a representative acting for its partner. */
export type Actor =
  | { kind: 'admin'; tenantId: string; subject: string }
  | { kind: 'partner'; tenantId: string; subject: string; membershipId: string };

/** What causes a change: the request or event it comes from. */
export interface Cause {
  correlationId: string;
  causationId?: string;
}

/** What the ERP did that ends the portal access of a contact, or of every contact of a partner. */
export type ErpEnding =
  | { reason: PortalUserDeactivationReason.ContactDeleted | PortalUserDeactivationReason.PartnerDeleted }
  | { reason: PortalUserDeactivationReason.Erp; erpChange: ErpAccessChange };

/** Filters of a portal user list. */
export interface PortalUserFilter {
  environment?: string;
  companyId?: string;
  partnerType?: string;
  partnerNo?: string;
  status?: MembershipStatus;
  /** Part of the invited or signed-in e-mail, the display name, the contact number or the partner number. */
  search?: string;
  page: number;
  pageSize: number;
}

type Change = { kind: 'role'; role: PortalRole } | { kind: 'deactivate' } | { kind: 'reactivate' };

function facts(row: PortalUserRow): MembershipFacts {
  return {
    status: row.status,
    role: row.role,
    deactivationReason: row.deactivation_reason,
    reactivationRefusal: row.reactivation_refusal,
    reactivationRequestId: row.reactivation_request_id,
  };
}

function scopeOf(row: PortalUserRow) {
  return {
    tenantId: row.tenant_id,
    environment: row.environment,
    companyId: row.company_id,
    partnerType: row.partner_type,
    partnerNo: row.partner_no,
  };
}

/** The transition a change asks for, by the rules; a refusal is thrown as the rules' `MembershipRuleViolation`. */
function transitionOf(before: MembershipFacts, change: Change, actor: Actor, erp: ErpStanding): Transition {
  switch (change.kind) {
    case 'role':
      return changeRole(before, change.role);
    case 'deactivate':
      return deactivate(
        before,
        actor.kind === 'admin' ? PortalUserDeactivationReason.Admin : PortalUserDeactivationReason.PartnerAdmin,
      );
    case 'reactivate':
      return reactivate(before, erp, actor.kind === 'admin' ? 'administrator' : 'partner', randomUUID());
  }
}

/** A portal user the actor may not see answers like one that does not exist. */
function portalUserNotFound(membershipId: string): Refusal {
  return new Refusal('not_found', 'not_found', `portal user ${membershipId} not found`);
}

function refOf(row: PortalUserRow): PortalUserRefV1 {
  return {
    portalUserId: row.portal_user_id,
    membershipId: row.membership_id,
    environment: row.environment,
    companyId: row.company_id,
    partnerType: row.partner_type,
    partnerNo: row.partner_no,
    contactNo: row.contact_no,
    email: row.email,
  };
}

/** Portal users and their memberships: activation from invitations, role changes, deactivation, reactivation. */
@Injectable()
export class PortalUsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  /**
   * `InviteAccepted`: links the signed-in identity to the contact as an active membership with the invited role.
   * A membership of the contact that exists already (deactivated, or accepted by another identity) is taken over.
   */
  async activateFromInvitation(manager: EntityManager, event: EventOf<typeof InviteAccepted>): Promise<void> {
    const { payload } = event;
    const [{ id: portalUserId }] = await manager.query(
      `INSERT INTO portal_user (id, issuer, subject, email, display_name) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (issuer, subject) DO UPDATE
         SET email = EXCLUDED.email, display_name = COALESCE(EXCLUDED.display_name, portal_user.display_name), updated_at = now()
       RETURNING id`,
      [
        randomUUID(),
        payload.identity.issuer,
        payload.identity.subject,
        payload.identity.email.toLowerCase(),
        payload.identity.name ?? null,
      ],
    );
    const key: ContactKey = { tenantId: event.tenantId, ...payload };
    const [existing] = await this.lockByContact(manager, key);
    const transition = activateFromInvitation(
      existing && { facts: facts(existing), portalUserId: existing.portal_user_id },
      { role: payload.role, portalUserId },
    );
    if (!transition.changed) return;
    const membershipId = existing?.membership_id ?? randomUUID();
    await manager.query(
      `INSERT INTO membership (id, portal_user_id, tenant_id, environment, environment_type, company_id, partner_type,
                               partner_no, contact_no, email, role, status, invitation_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (id) DO UPDATE SET portal_user_id = EXCLUDED.portal_user_id, email = EXCLUDED.email,
         role = EXCLUDED.role, status = EXCLUDED.status, deactivation_reason = NULL, reactivation_refusal = NULL,
         invitation_id = EXCLUDED.invitation_id, updated_at = now()`,
      [
        membershipId,
        portalUserId,
        event.tenantId,
        payload.environment,
        payload.environmentType,
        payload.companyId,
        payload.partnerType,
        payload.partnerNo,
        payload.contactNo,
        payload.email.toLowerCase(),
        transition.next.role,
        transition.next.status,
        payload.invitationId,
      ],
    );
    const [row] = await this.rows(manager, 'm.id = $1', [membershipId]);
    await this.outbox.append(manager, [
      this.outbox.create(PortalUserActivated, {
        tenantId: event.tenantId,
        correlationId: event.correlationId,
        causationId: event.eventId,
        payload: {
          ...refOf(row),
          role: row.role,
          identity: { issuer: row.issuer, subject: row.subject },
          invitationId: payload.invitationId,
        },
      }),
    ]);
  }

  /**
   * Deactivates the active memberships of a contact (or of every contact of a partner) whose access the ERP ended:
   * by deleting it, blocking the partner, switching the partner's portal off, or un-marking the contact.
   */
  async deactivateByErp(
    manager: EntityManager,
    key: PartnerKey | ContactKey,
    ending: ErpEnding,
    cause: EventEnvelope<object>,
  ): Promise<number> {
    const params = [key.tenantId, key.environment, key.companyId, key.partnerType, key.partnerNo];
    let where = `m.tenant_id = $1 AND m.environment = $2 AND m.company_id = $3 AND m.partner_type = $4 AND m.partner_no = $5 AND m.status IN ('active', 'reactivating')`;
    if ('contactNo' in key) {
      params.push(key.contactNo);
      where += ' AND m.contact_no = $6';
    }
    const rows = await this.rows(manager, where, params, true);
    for (const row of rows) {
      await this.apply(
        manager,
        row,
        deactivate(facts(row), ending.reason),
        { correlationId: cause.correlationId, causationId: cause.eventId },
        { erpChange: 'erpChange' in ending ? ending.erpChange : undefined },
      );
    }
    return rows.length;
  }

  /** Licensing's answer to a reactivation: active with a license, or deactivated still, saying why. */
  async answerReactivation(
    manager: EntityManager,
    event: EventOf<typeof ReactivationLicensed> | EventOf<typeof ReactivationRefused>,
  ): Promise<void> {
    const [row] = await this.rows(
      manager,
      'm.id = $1 AND m.tenant_id = $2',
      [event.payload.membershipId, event.tenantId],
      true,
    );
    if (!row) return;
    const transition =
      'reason' in event.payload
        ? reactivationRefused(facts(row), event.payload.reason, event.causationId)
        : reactivationLicensed(facts(row), event.causationId);
    await this.apply(manager, row, transition, { correlationId: event.correlationId, causationId: event.eventId });
  }

  /** Portal users of a tenant, filtered; for administrators. */
  async list(tenantId: string, filter: PortalUserFilter): Promise<Page<PortalUserView>> {
    const params: unknown[] = [tenantId];
    const conditions = ['m.tenant_id = $1'];
    for (const [column, value] of [
      ['m.environment', filter.environment],
      ['m.company_id', filter.companyId],
      ['m.partner_type', filter.partnerType],
      ['m.partner_no', filter.partnerNo],
      ['m.status', filter.status],
    ] as const) {
      if (value === undefined) continue;
      params.push(value);
      conditions.push(`${column} = $${params.length}`);
    }
    if (filter.search !== undefined) {
      params.push(containsPattern(filter.search));
      const p = `$${params.length}`;
      conditions.push(
        `(lower(m.email) LIKE ${p} OR lower(u.email) LIKE ${p} OR lower(u.display_name) LIKE ${p}
          OR lower(m.contact_no) LIKE ${p} OR lower(m.partner_no) LIKE ${p})`,
      );
    }
    return this.page(conditions.join(' AND '), params, filter);
  }

  /**
   * The partner an active customer representative acts for (from its membership, never from the request); 403 with
   * `not_a_representative` for anyone else.
   */
  async representedPartner(actor: Extract<Actor, { kind: 'partner' }>): Promise<PartnerKey> {
    const [me] = await this.rows(this.dataSource.manager, 'm.id = $1 AND m.tenant_id = $2', [
      actor.membershipId,
      actor.tenantId,
    ]);
    if (!me) throw new Refusal('not_found', 'not_found', 'membership not found');
    assertIsActiveRepresentative(facts(me));
    return scopeOf(me);
  }

  /** The portal users of the partner a representative acts for. */
  async listForPartner(
    actor: Extract<Actor, { kind: 'partner' }>,
    page: number,
    pageSize: number,
  ): Promise<Page<PortalUserView>> {
    const scope = await this.representedPartner(actor);
    return this.page(
      'm.tenant_id = $1 AND m.environment = $2 AND m.company_id = $3 AND m.partner_type = $4 AND m.partner_no = $5',
      [scope.tenantId, scope.environment, scope.companyId, scope.partnerType, scope.partnerNo],
      { page, pageSize },
    );
  }

  /** One portal user, if the actor may see it; 404 otherwise (never revealing that it exists). */
  async get(actor: Actor, membershipId: string): Promise<PortalUserView> {
    const row = await this.findInScope(this.dataSource.manager, actor, membershipId, false);
    return toPortalUserView(row);
  }

  /** Role change, deactivation or reactivation, checked against the actor's scope and the membership rules. */
  async change(actor: Actor, membershipId: string, change: Change, cause: Cause): Promise<PortalUserView> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.findInScope(manager, actor, membershipId, true);
      const before = facts(row);
      const transition = transitionOf(before, change, actor, row.erp);
      if (actor.kind === 'partner' && transition.changed) {
        const representatives = await this.lockActiveRepresentatives(manager, scopeOf(row));
        assertKeepsARepresentative(before, transition.next, representatives);
      }
      await this.apply(manager, row, transition, cause, { changedBy: actor.subject });
      const [after] = await this.rows(manager, 'm.id = $1', [membershipId]);
      return toPortalUserView(after);
    });
  }

  private async apply(
    manager: EntityManager,
    row: PortalUserRow,
    transition: Transition,
    cause: Cause,
    { changedBy, erpChange }: { changedBy?: string; erpChange?: ErpAccessChange } = {},
  ): Promise<void> {
    if (!transition.changed) return;
    const { next } = transition;
    await manager.query(
      `UPDATE membership SET role = $2, status = $3, deactivation_reason = $4, reactivation_refusal = $5,
              reactivation_request_id = $6, updated_at = now()
        WHERE id = $1`,
      [
        row.membership_id,
        next.role,
        next.status,
        next.deactivationReason,
        next.reactivationRefusal,
        next.reactivationRequestId,
      ],
    );
    const base = { tenantId: row.tenant_id, correlationId: cause.correlationId, causationId: cause.causationId };
    const ref = refOf(row);
    const events = [];
    if (next.role !== row.role) {
      events.push(
        this.outbox.create(PortalUserRoleChanged, {
          ...base,
          payload: { ...ref, role: next.role, previousRole: row.role, changedBy: changedBy ?? 'erp' },
        }),
      );
    }
    // A refused reactivation ends nothing: licensing holds no seat for it.
    const refused = row.status === MembershipStatus.Reactivating && next.reactivationRefusal !== null;
    if (
      next.status === MembershipStatus.Deactivated &&
      row.status !== next.status &&
      !refused &&
      next.deactivationReason
    ) {
      // Version 1's consumers do not know reason `erp`: only that reason goes out as version 2.
      events.push(
        next.deactivationReason === PortalUserDeactivationReason.Erp
          ? this.outbox.create(PortalUserDeactivatedVersion2, {
              ...base,
              payload: {
                ...ref,
                reason: next.deactivationReason,
                erpChange: erpChange ?? ErpAccessChange.ContactUnmarked,
              },
            })
          : this.outbox.create(PortalUserDeactivated, {
              ...base,
              payload: { ...ref, reason: next.deactivationReason, ...(changedBy ? { changedBy } : {}) },
            }),
      );
    }
    if (next.status === MembershipStatus.Reactivating && row.status === MembershipStatus.Deactivated) {
      events.push(
        this.outbox.create(PortalUserReactivationRequested, {
          ...base,
          // Licensing's answer names this event as its cause: that is how the membership knows it is the answer.
          eventId: next.reactivationRequestId ?? undefined,
          payload: { ...ref, role: next.role, requestedBy: changedBy ?? 'erp' },
        }),
      );
    }
    if (next.status === MembershipStatus.Active && row.status === MembershipStatus.Reactivating) {
      events.push(
        this.outbox.create(PortalUserActivated, {
          ...base,
          payload: { ...ref, role: next.role, identity: { issuer: row.issuer, subject: row.subject } },
        }),
      );
    }
    await this.outbox.append(manager, events);
  }

  private async findInScope(
    manager: EntityManager,
    actor: Actor,
    membershipId: string,
    lock: boolean,
  ): Promise<PortalUserRow & { erp: ErpStanding }> {
    const [row] = await this.rows(manager, 'm.id = $1 AND m.tenant_id = $2', [membershipId, actor.tenantId], lock);
    if (!row) throw portalUserNotFound(membershipId);
    if (actor.kind === 'partner') {
      const [me] = await this.rows(manager, 'm.id = $1 AND m.tenant_id = $2', [actor.membershipId, actor.tenantId]);
      if (!me || !samePartner(scopeOf(me), scopeOf(row))) throw portalUserNotFound(membershipId);
      assertIsActiveRepresentative(facts(me));
    }
    const [standing]: { partner_open: boolean }[] = await manager.query(
      `SELECT coalesce(p.portal_enabled AND NOT p.blocked, false) AS partner_open
         FROM contact c JOIN partner p USING (tenant_id, environment, company_id, partner_type, partner_no)
        WHERE c.tenant_id = $1 AND c.environment = $2 AND c.company_id = $3 AND c.partner_type = $4
          AND c.partner_no = $5 AND c.contact_no = $6 AND c.deleted_at IS NULL AND p.deleted_at IS NULL`,
      [row.tenant_id, row.environment, row.company_id, row.partner_type, row.partner_no, row.contact_no],
    );
    return { ...row, erp: { exists: standing !== undefined, partnerOpen: standing?.partner_open ?? false } };
  }

  private async lockActiveRepresentatives(manager: EntityManager, scope: ReturnType<typeof scopeOf>): Promise<number> {
    // Locking the partner's representatives serializes concurrent demotions, so two cannot both pass the check.
    const rows = await manager.query(
      `SELECT id FROM membership
        WHERE tenant_id = $1 AND environment = $2 AND company_id = $3 AND partner_type = $4 AND partner_no = $5
          AND status = 'active' AND role = 'customer_representative'
        FOR UPDATE`,
      [scope.tenantId, scope.environment, scope.companyId, scope.partnerType, scope.partnerNo],
    );
    return rows.length;
  }

  private lockByContact(manager: EntityManager, key: ContactKey): Promise<PortalUserRow[]> {
    return this.rows(
      manager,
      'm.tenant_id = $1 AND m.environment = $2 AND m.company_id = $3 AND m.partner_type = $4 AND m.partner_no = $5 AND m.contact_no = $6',
      [key.tenantId, key.environment, key.companyId, key.partnerType, key.partnerNo, key.contactNo],
      true,
    );
  }

  private rows(manager: EntityManager, where: string, params: unknown[], lock = false): Promise<PortalUserRow[]> {
    return manager.query(
      `SELECT ${PORTAL_USER_COLUMNS} FROM ${PORTAL_USER_FROM}
        WHERE ${where} ORDER BY m.partner_no, m.contact_no ${lock ? 'FOR UPDATE OF m' : ''}`,
      params,
    );
  }

  /** A page of portal users; every `where` names the tenant, where a membership is unique per contact: a total order. */
  private async page(where: string, params: unknown[], request: PageRequest): Promise<Page<PortalUserView>> {
    const { rows, total } = await selectListPage<PortalUserRow>(
      this.dataSource,
      {
        columns: PORTAL_USER_COLUMNS,
        from: PORTAL_USER_FROM,
        where,
        orderBy: 'm.environment, m.company_id, m.partner_type, m.partner_no, m.contact_no',
        params,
      },
      request,
    );
    return pageOf(rows.map(toPortalUserView), request, total);
  }
}
