import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { SignedInIdentityV1 } from '@partner-portal/contracts';
import {
  Refusal,
  type AcceptedInvitationResponse,
  type InvitationPreviewResponse,
} from '@partner-portal/api-contracts';
import { InvitationsConfig } from '../config/invitations.config';
import { assertAcceptable, decide } from '../invitations/invitation-lifecycle';
import { hashCode, hashToken, sameHash } from '../invitations/invitation-secrets';
import {
  allowedOrThrow,
  assertMayTryCode,
  InvitationRefusal,
  OPEN_STATUSES,
  replacedSecret,
  WRONG_CODE_WINDOW_MS,
  wrongCodeAnswer,
} from '../invitations/invitation-status';
import { InvitationStore, stateOf } from '../invitations/invitation-store';
import { INVITATION_COLUMNS, INVITATION_FROM, type InvitationRow, isoOf } from '../invitations/invitation.view';
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
    private readonly store: InvitationStore,
    private readonly settings: TenantSettingsService,
    @Inject(InvitationsConfig) private readonly config: InvitationsConfig,
  ) {}

  async preview(token: string): Promise<InvitationPreview> {
    const invitation = await this.byToken(this.dataSource.manager, token, false);
    assertAcceptable(stateOf(invitation), new Date());
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
      assertMayTryCode(tally && { failures: tally.failures, windowStart: new Date(tally.window_start) }, new Date());
    }
    const outcome = await this.dataSource.transaction(async (manager) => {
      const invitation = request.token
        ? await this.byToken(manager, request.token, true)
        : await this.byCode(manager, request.code ?? '');
      if (!invitation) return { wrongCode: true as const };
      const { requireEmailMatch } = await this.settings.get(manager, invitation.tenant_id);
      const decision = allowedOrThrow(
        decide(
          stateOf(invitation),
          { type: request.token ? 'acceptByLink' : 'acceptByCode', identity: request.identity, requireEmailMatch },
          new Date(),
        ),
      );
      await this.store.apply(manager, invitation, decision);
      const emailMatched = decision.next.emailMatched === true;
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
      const { attemptsLeft } = wrongCodeAnswer(...counted);
      throw new Refusal(
        'invalid',
        'wrong_code',
        attemptsLeft === undefined
          ? 'this registration code is not valid'
          : attemptsLeft > 0
            ? `this registration code is not valid; ${attemptsLeft} attempt(s) left`
            : 'this registration code is not valid; the invitation is now locked: ask the company to send it again',
        attemptsLeft === undefined ? {} : { attemptsLeft },
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
    throw new Refusal('not_found', 'unknown_link', UNKNOWN_LINK);
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
    if (superseded && sameHash(superseded.hash, hash)) throw replacedSecret(kind);
  }

  /**
   * Counts a wrong code against the person (see assertMayTryCode) and against the open invitations of their verified
   * address; answers the counts of those it counted, and whether one was locked already.
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
    return this.dataSource.transaction(async (manager) => {
      // In id order, so that two wrong codes of one person lock their invitations in the same order.
      const rows: InvitationRow[] = await manager.query(
        `SELECT ${INVITATION_COLUMNS} FROM ${INVITATION_FROM}
          WHERE i.email = $1 AND i.status IN (${OPEN_STATUSES.map((status) => `'${status}'`).join(', ')})
          ORDER BY i.id FOR UPDATE OF i`,
        [identity.email.trim().toLowerCase()],
      );
      const counted: number[] = [];
      let lockedAlready = false;
      const now = new Date();
      for (const row of rows) {
        const outcome = decide(stateOf(row), { type: 'wrongCode' }, now);
        if (outcome instanceof InvitationRefusal) {
          lockedAlready ||= outcome.code === 'locked';
          continue;
        }
        counted.push((await this.store.apply(manager, row, outcome)).failed_code_attempts);
      }
      return [counted, lockedAlready];
    });
  }
}
