import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { InviteAccepted, type SignedInIdentityV1 } from '@partner-portal/contracts';
import type { AcceptedInvitationResponse, InvitationPreviewResponse } from '@partner-portal/api-contracts';
import { ProblemException } from '@partner-portal/internal-api';
import { Outbox } from '@partner-portal/messaging';
import { InvitationsConfig } from '../config/invitations.config';
import { hashCode, hashToken, sameHash } from '../invitations/invitation-secrets';
import {
  assertAcceptable,
  checkEmail,
  InvitationRefusal,
  MAX_CODE_ATTEMPTS,
  replacedSecret,
  assertMayTryCode,
  WRONG_CODE_WINDOW_MS,
  wrongCodeAnswer,
} from '../invitations/invitation-status';
import {
  INVITATION_COLUMNS,
  INVITATION_FROM,
  targetOf,
  type InvitationRow,
  isoOf,
} from '../invitations/invitation.view';
import { asProblem } from '../invitations/invitations.service';
import { TenantSettingsService } from '../settings/tenant-settings';

/**
 * What a person about to accept may see: who invites, to which company and partner, where, as what, until when.
 * Nothing personal of the contact (no e-mail, no contact name): the link may have reached someone else.
 */
export type InvitationPreview = InvitationPreviewResponse;

const UNKNOWN_LINK = 'this invitation link is not valid; check that the whole link from the e-mail was opened';

/** Preview and acceptance by link token or registration code. */
@Injectable()
export class AcceptanceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly settings: TenantSettingsService,
    @Inject(InvitationsConfig) private readonly config: InvitationsConfig,
  ) {}

  async preview(token: string): Promise<InvitationPreview> {
    const invitation = await this.byToken(this.dataSource.manager, token, false);
    this.check(() => assertAcceptable(this.facts(invitation), new Date()));
    return {
      inviterName: invitation.inviter_name,
      companyName: invitation.company_name ?? invitation.company_id,
      environment: invitation.environment,
      environmentType: invitation.environment_type,
      partnerType: invitation.partner_type,
      partnerName: invitation.partner_name,
      role: invitation.role,
      expiresAt: isoOf(invitation.expires_at),
    };
  }

  /**
   * Single use: an accepted invitation refuses its link and code ("already accepted"); `InviteAccepted` goes out. A wrong code counts against the
   * signed-in person's open invitations; the fifth locks them until they are resent. A link or code that a resend
   * replaced answers 410 `replaced` and is not a wrong code.
   */
  async accept(request: {
    token?: string;
    code?: string;
    identity: SignedInIdentityV1;
  }): Promise<AcceptedInvitationResponse> {
    // A person who typed too many wrong codes lately tries no more, whichever invitation they aim at.
    if (!request.token) {
      const [tally] = await this.dataSource.query(
        `SELECT failures, window_start FROM wrong_code_tally WHERE issuer = $1 AND subject = $2`,
        [request.identity.issuer, request.identity.subject],
      );
      this.check(() =>
        assertMayTryCode(tally && { failures: tally.failures, windowStart: new Date(tally.window_start) }, new Date()),
      );
    }
    const outcome = await this.dataSource.transaction(async (manager) => {
      const invitation = request.token
        ? await this.byToken(manager, request.token, true)
        : await this.byCode(manager, request.code ?? '');
      if (!invitation) return { wrongCode: true as const };
      this.check(() => assertAcceptable(this.facts(invitation), new Date()));
      const { requireEmailMatch } = await this.settings.get(manager, invitation.tenant_id);
      const emailMatched = this.check(() => checkEmail(invitation.email, request.identity.email, requireEmailMatch));
      const acceptedAt = new Date();
      await manager.query(
        `UPDATE invitation SET status = 'accepted', accepted_at = $2, accepted_identity = $3,
                email_matched = $4, ended_at = $2, updated_at = now()
          WHERE id = $1`,
        [invitation.id, acceptedAt, JSON.stringify(request.identity), emailMatched],
      );
      await this.outbox.append(manager, [
        this.outbox.create(InviteAccepted, {
          tenantId: invitation.tenant_id,
          correlationId: `invitation:${invitation.id}`,
          payload: {
            ...targetOf(invitation),
            role: invitation.role,
            identity: {
              issuer: request.identity.issuer,
              subject: request.identity.subject,
              email: request.identity.email.toLowerCase(),
              ...(request.identity.name ? { name: request.identity.name } : {}),
            },
            acceptedAt: acceptedAt.toISOString(),
            emailMatched,
          },
        }),
      ]);
      return {
        wrongCode: false as const,
        accepted: {
          invitationId: invitation.id,
          tenantId: invitation.tenant_id,
          environment: invitation.environment,
          environmentType: invitation.environment_type,
          companyId: invitation.company_id,
          companyName: invitation.company_name,
          partnerType: invitation.partner_type,
          partnerNo: invitation.partner_no,
          partnerName: invitation.partner_name,
          role: invitation.role,
          emailMatched,
        } satisfies AcceptedInvitationResponse,
      };
    });
    if (outcome.wrongCode) {
      // Counted in its own transaction, so that the refusal does not undo it.
      const counted = await this.countWrongCode(request.identity);
      const { attemptsLeft } = this.check(() => wrongCodeAnswer(...counted));
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        attemptsLeft === undefined
          ? 'this registration code is not valid'
          : attemptsLeft > 0
            ? `this registration code is not valid; ${attemptsLeft} attempt(s) left`
            : 'this registration code is not valid; the invitation is now locked: ask the company to send it again',
        { code: 'wrong_code', ...(attemptsLeft === undefined ? {} : { attemptsLeft }) },
      );
    }
    return outcome.accepted;
  }

  private async byToken(manager: EntityManager, token: string, lock: boolean): Promise<InvitationRow> {
    const hash = hashToken(token);
    const [row] = await manager.query(
      `SELECT ${INVITATION_COLUMNS} FROM ${INVITATION_FROM} WHERE i.token_hash = $1 ${lock ? 'FOR UPDATE OF i' : ''}`,
      [hash],
    );
    if (row && sameHash(row.token_hash, hash)) return row;
    await this.refuseIfSuperseded(manager, 'token', hash);
    throw new ProblemException(HttpStatus.NOT_FOUND, UNKNOWN_LINK, { code: 'unknown_link' });
  }

  private async byCode(manager: EntityManager, code: string): Promise<InvitationRow | undefined> {
    const hash = hashCode(code, this.config.codePepper);
    const [row] = await manager.query(
      `SELECT ${INVITATION_COLUMNS} FROM ${INVITATION_FROM} WHERE i.code_hash = $1 FOR UPDATE OF i`,
      [hash],
    );
    if (row && sameHash(row.code_hash, hash)) return row;
    await this.refuseIfSuperseded(manager, 'code', hash);
    return undefined;
  }

  /** 410 `replaced` for a link token or code that a resend replaced (looked up by hash, compared in constant time). */
  private async refuseIfSuperseded(manager: EntityManager, kind: 'token' | 'code', hash: string): Promise<void> {
    const [superseded] = await manager.query(`SELECT hash FROM superseded_secret WHERE kind = $1 AND hash = $2`, [
      kind,
      hash,
    ]);
    if (superseded && sameHash(superseded.hash, hash)) throw asProblem(replacedSecret(kind));
  }

  /**
   * Counts a wrong code against the person (see assertMayTryCode) and against the open invitations of their verified
   * address; answers those invitations' counts after it, and whether one was locked already.
   */
  private async countWrongCode(identity: SignedInIdentityV1): Promise<[number[], boolean]> {
    await this.dataSource.query(
      `INSERT INTO wrong_code_tally (issuer, subject, failures, window_start) VALUES ($1, $2, 1, now())
       ON CONFLICT (issuer, subject) DO UPDATE SET
         failures = CASE WHEN wrong_code_tally.window_start <= now() - $3::int * interval '1 millisecond'
                         THEN 1 ELSE wrong_code_tally.failures + 1 END,
         window_start = CASE WHEN wrong_code_tally.window_start <= now() - $3::int * interval '1 millisecond'
                             THEN now() ELSE wrong_code_tally.window_start END`,
      [identity.issuer, identity.subject, WRONG_CODE_WINDOW_MS],
    );
    const address = identity.email.trim().toLowerCase();
    const [rows] = await this.dataSource.query(
      `UPDATE invitation SET failed_code_attempts = failed_code_attempts + 1, updated_at = now()
        WHERE email = $1 AND status = 'invited' AND failed_code_attempts < $2
        RETURNING failed_code_attempts`,
      [address, MAX_CODE_ATTEMPTS],
    );
    if (rows.length > 0) return [rows.map((r: { failed_code_attempts: number }) => r.failed_code_attempts), false];
    const [locked] = await this.dataSource.query(
      `SELECT 1 FROM invitation WHERE email = $1 AND status = 'invited' AND failed_code_attempts >= $2 LIMIT 1`,
      [address, MAX_CODE_ATTEMPTS],
    );
    return [[], Boolean(locked)];
  }

  private facts(row: InvitationRow) {
    return {
      status: row.status,
      expiresAt: row.expires_at ? new Date(row.expires_at) : null,
      failedCodeAttempts: row.failed_code_attempts,
    };
  }

  private check<T>(rule: () => T): T {
    try {
      return rule();
    } catch (error) {
      throw error instanceof InvitationRefusal ? asProblem(error) : error;
    }
  }
}
