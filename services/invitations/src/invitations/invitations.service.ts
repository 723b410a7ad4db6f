import { randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { InviteRequest, ListInvitationsQuery } from '@partner-portal/api-contracts';
import { InvitationRequested, InviteRevoked, type ActorV1 } from '@partner-portal/contracts';
import { ProblemException, type Page } from '@partner-portal/internal-api';
import { Outbox } from '@partner-portal/messaging';
import { InvitationsConfig } from '../config/invitations.config';
import { EmailOutbox } from '../email/email-outbox';
import { templateLanguage } from '../email/invitation-email';
import { TenantSettingsService } from '../settings/tenant-settings';
import { hashCode, hashToken, newSecrets } from './invitation-secrets';
import { assertResendable, assertRevocable, InvitationRefusal, OPEN_STATUSES } from './invitation-status';
import {
  INVITATION_COLUMNS,
  INVITATION_FROM,
  targetOf,
  toInvitationView,
  type InvitationRow,
  type InvitationView,
} from './invitation.view';

/** Who asks: an administrator (subject, and the name the e-mail shows) or the ERP. */
export type Requester = { kind: 'admin'; subject: string; name?: string } | { kind: 'erp' };

/** The outcome of one invitation of a bulk request. */
export type BulkResult =
  | { index: number; outcome: 'created'; invitation: InvitationView }
  | { index: number; outcome: 'refused'; status: number; code: string; detail: string; existingInvitationId?: string };

const CLOSED = `'${OPEN_STATUSES.join("','")}'`;

function refusal(status: HttpStatus, code: string, detail: string, extra: Record<string, unknown> = {}) {
  return new ProblemException(status, detail, { code, ...extra });
}

/** Problem for a rule's refusal. */
export function asProblem(error: InvitationRefusal): ProblemException {
  const status = {
    not_open: HttpStatus.CONFLICT,
    not_sent_yet: HttpStatus.CONFLICT,
    expired: HttpStatus.GONE,
    revoked: HttpStatus.GONE,
    already_accepted: HttpStatus.GONE,
    rejected: HttpStatus.GONE,
    locked: HttpStatus.LOCKED,
    email_mismatch: HttpStatus.FORBIDDEN,
    resend_limit: HttpStatus.TOO_MANY_REQUESTS,
  }[error.code];
  return refusal(status, error.code, error.message);
}

/** Creating, listing, resending and revoking invitations. */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly emails: EmailOutbox,
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
    const key = [tenantId, request.environment, request.companyId, request.partnerType, request.partnerNo];
    const [company] = await manager.query(
      `SELECT name, environment_type FROM company WHERE tenant_id = $1 AND environment = $2 AND company_id = $3`,
      key.slice(0, 3),
    );
    if (!company) {
      throw refusal(
        HttpStatus.NOT_FOUND,
        'company_not_found',
        `company ${request.companyId} does not exist in environment ${request.environment}`,
      );
    }
    const [partner] = await manager.query(
      `SELECT name, portal_enabled, blocked, language_code FROM partner
        WHERE tenant_id = $1 AND environment = $2 AND company_id = $3 AND partner_type = $4 AND partner_no = $5 AND deleted_at IS NULL`,
      key,
    );
    if (!partner) {
      throw refusal(
        HttpStatus.NOT_FOUND,
        'partner_not_found',
        `${request.partnerType} ${request.partnerNo} does not exist in company ${request.companyId}`,
      );
    }
    if (!partner.portal_enabled || partner.blocked) {
      throw refusal(
        HttpStatus.UNPROCESSABLE_ENTITY,
        partner.blocked ? 'partner_blocked' : 'partner_not_portal_enabled',
        `${request.partnerType} ${request.partnerNo} is ${partner.blocked ? 'blocked in the ERP' : 'not enabled for the portal in the ERP'}`,
      );
    }
    const [contact] = await manager.query(
      `SELECT name, email, language_code FROM contact
        WHERE tenant_id = $1 AND environment = $2 AND company_id = $3 AND partner_type = $4 AND partner_no = $5
          AND contact_no = $6 AND deleted_at IS NULL`,
      [...key, request.contactNo],
    );
    if (!contact) {
      throw refusal(
        HttpStatus.NOT_FOUND,
        'contact_not_found',
        `contact ${request.contactNo} does not exist for ${request.partnerType} ${request.partnerNo}`,
      );
    }
    if (!contact.email) {
      throw refusal(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'contact_without_email',
        `contact ${request.contactNo} has no e-mail address in the ERP`,
      );
    }
    const [member] = await manager.query(
      `SELECT membership_id FROM portal_member WHERE tenant_id = $1 AND environment = $2 AND company_id = $3
          AND partner_type = $4 AND partner_no = $5 AND contact_no = $6 AND active`,
      [...key, request.contactNo],
    );
    if (member) {
      throw refusal(
        HttpStatus.CONFLICT,
        'already_portal_user',
        `contact ${request.contactNo} is already a portal user in ${request.environment} / ${request.companyId}`,
        {
          membershipId: member.membership_id,
        },
      );
    }
    const id = randomUUID();
    const requestedBy: ActorV1 =
      requester.kind === 'admin' ? { kind: 'admin', subject: requester.subject } : { kind: 'erp' };
    const inserted = await manager.query(
      `INSERT INTO invitation (id, tenant_id, environment, environment_type, company_id, partner_type, partner_no, contact_no,
                               email, contact_name, role, language, status, requested_by, inviter_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'pending_license', $13, $14)
       ON CONFLICT (tenant_id, environment, company_id, partner_type, partner_no, contact_no) WHERE status IN (${CLOSED}) DO NOTHING
       RETURNING id`,
      [
        id,
        tenantId,
        request.environment,
        company.environment_type,
        request.companyId,
        request.partnerType,
        request.partnerNo,
        request.contactNo,
        contact.email.toLowerCase(),
        contact.name,
        request.role,
        templateLanguage(request.language ?? contact.language_code ?? partner.language_code),
        JSON.stringify(requestedBy),
        requester.kind === 'admin' ? (requester.name ?? `the ${company.name} team`) : company.name,
      ],
    );
    if (inserted.length === 0) {
      const [open] = await manager.query(
        `SELECT id FROM invitation WHERE tenant_id = $1 AND environment = $2 AND company_id = $3 AND partner_type = $4
            AND partner_no = $5 AND contact_no = $6 AND status IN (${CLOSED})`,
        [...key, request.contactNo],
      );
      throw refusal(
        HttpStatus.CONFLICT,
        'invitation_open',
        `contact ${request.contactNo} already has an open invitation there`,
        {
          existingInvitationId: open?.id,
        },
      );
    }
    const row = await this.row(manager, tenantId, id);
    await this.outbox.append(manager, [
      this.outbox.create(InvitationRequested, {
        tenantId,
        correlationId,
        payload: { ...targetOf(row), role: row.role, requestedBy },
      }),
    ]);
    return toInvitationView(row);
  }

  /** Every invitation of the request on its own: one refused does not stop the others. */
  async createMany(
    tenantId: string,
    requests: InviteRequest[],
    requester: Requester,
    correlationId: string,
  ): Promise<BulkResult[]> {
    const results: BulkResult[] = [];
    for (const [index, request] of requests.entries()) {
      try {
        results.push({
          index,
          outcome: 'created',
          invitation: await this.create(tenantId, request, requester, correlationId),
        });
      } catch (error) {
        if (!(error instanceof ProblemException)) throw error;
        const body = error.getResponse() as { code: string; detail: string; existingInvitationId?: string };
        results.push({
          index,
          outcome: 'refused',
          status: error.getStatus(),
          code: body.code,
          detail: body.detail,
          existingInvitationId: body.existingInvitationId,
        });
      }
    }
    return results;
  }

  async list(tenantId: string, query: ListInvitationsQuery): Promise<Page<InvitationView>> {
    const params: unknown[] = [tenantId];
    const conditions = ['i.tenant_id = $1'];
    for (const [column, value] of [
      ['i.status', query.status],
      ['i.environment', query.environment],
      ['i.company_id', query.companyId],
      ['i.partner_no', query.partnerNo],
      ['i.contact_no', query.contactNo],
    ] as const) {
      if (value === undefined) continue;
      params.push(value);
      conditions.push(`${column} = $${params.length}`);
    }
    const where = conditions.join(' AND ');
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM invitation i WHERE ${where}`,
      params,
    );
    const rows: InvitationRow[] = await this.dataSource.query(
      `SELECT ${INVITATION_COLUMNS} FROM ${INVITATION_FROM} WHERE ${where}
        ORDER BY i.created_at DESC, i.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.pageSize, (query.page - 1) * query.pageSize],
    );
    return { items: rows.map(toInvitationView), page: query.page, pageSize: query.pageSize, total };
  }

  async get(tenantId: string, id: string): Promise<InvitationView> {
    return toInvitationView(await this.row(this.dataSource.manager, tenantId, id));
  }

  /** New link and code (the old ones stop working), a new expiry, the same license hold; a new e-mail. */
  async resend(tenantId: string, id: string): Promise<InvitationView> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.row(manager, tenantId, id, true);
      const now = new Date();
      let window;
      try {
        window = assertResendable(
          { status: row.status, resendsInWindow: row.resends_in_window, windowStart: row.resend_window_start },
          this.config.resendDailyLimit,
          now,
        );
      } catch (error) {
        throw error instanceof InvitationRefusal ? asProblem(error) : error;
      }
      const secrets = newSecrets();
      const { invitationTtlHours } = await this.settings.get(manager, tenantId);
      const expiresAt = new Date(now.getTime() + invitationTtlHours * 3_600_000);
      await manager.query(
        `UPDATE invitation SET status = 'invited', token_hash = $2, code_hash = $3, expires_at = $4, failed_code_attempts = 0,
                resend_count = resend_count + 1, resends_in_window = $5, resend_window_start = $6, updated_at = now()
          WHERE id = $1`,
        [
          id,
          hashToken(secrets.token),
          hashCode(secrets.code, this.config.codePepper),
          expiresAt,
          window.resendsInWindow,
          window.windowStart,
        ],
      );
      const updated = await this.row(manager, tenantId, id);
      await this.emails.queue(manager, updated, secrets, expiresAt);
      return toInvitationView(updated);
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
    try {
      assertRevocable(row.status);
    } catch (error) {
      throw error instanceof InvitationRefusal ? asProblem(error) : error;
    }
    await manager.query(
      `UPDATE invitation SET status = 'revoked', ended_at = now(), updated_at = now() WHERE id = $1`,
      [id],
    );
    await manager.query(
      `UPDATE email_delivery SET status = 'cancelled', sealed_message = NULL WHERE invitation_id = $1 AND status = 'pending'`,
      [id],
    );
    await this.outbox.append(manager, [
      this.outbox.create(InviteRevoked, {
        tenantId,
        correlationId,
        payload: { ...targetOf(row), revokedBy, ...(reason ? { reason } : {}) },
      }),
    ]);
    return toInvitationView(await this.row(manager, tenantId, id));
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

  async row(manager: EntityManager, tenantId: string, id: string, lock = false): Promise<InvitationRow> {
    const [row] = await manager.query(
      `SELECT ${INVITATION_COLUMNS} FROM ${INVITATION_FROM} WHERE i.tenant_id = $1 AND i.id = $2 ${lock ? 'FOR UPDATE OF i' : ''}`,
      [tenantId, id],
    );
    if (!row) throw new NotFoundException(`invitation ${id} not found`);
    return row;
  }
}
