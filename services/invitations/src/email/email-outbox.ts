import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { traceHeaders } from '@partner-portal/logging';
import { InvitationsConfig } from '../config/invitations.config';
import { formatCode } from '../invitations/invitation-secrets';
import type { InvitationRow } from '../invitations/invitation.view';
import { templateLanguage } from './invitation-email';
import { InvitationTemplates } from './invitation-templates';
import { seal } from './sealed-message';

/** The channel queued e-mails notify. */
export const EMAIL_CHANNEL = 'email_delivery';

/**
 * Cancels the e-mails of these invitations that are still waiting to be sent (their secrets no longer work, or the
 * invitation ended), and forgets their sealed contents. One being sent right now cannot be called back: it keeps its
 * status (the worker records what became of it, without `ContactInvited`), but loses its contents, so it is never
 * sent again.
 */
export async function cancelPendingEmails(manager: EntityManager, invitationIds: readonly string[]): Promise<void> {
  await manager.query(
    `UPDATE email_delivery SET status = CASE WHEN status = 'pending' THEN 'cancelled' ELSE status END,
            sealed_message = NULL
      WHERE invitation_id = ANY($1::uuid[]) AND status IN ('pending', 'sending')`,
    [invitationIds],
  );
}

/**
 * Queues an invitation e-mail in the caller's transaction: rendered now (the plain secrets exist only here),
 * sealed, and picked up by the delivery worker after the commit.
 */
@Injectable()
export class EmailOutbox {
  constructor(
    @Inject(InvitationsConfig) private readonly config: InvitationsConfig,
    private readonly templates: InvitationTemplates,
  ) {}

  async queue(
    manager: EntityManager,
    invitation: InvitationRow,
    secrets: { token: string; code: string },
    expiresAt: Date,
  ): Promise<void> {
    const portalUrl = this.config.portalBaseUrl.replace(/\/$/, '');
    const rendered = this.templates.render({
      contactName: invitation.contact_name,
      inviterName: invitation.inviter_name,
      companyName: invitation.company_name ?? invitation.company_id,
      partnerName: invitation.partner_name,
      environment: invitation.environment,
      environmentType: invitation.environment_type,
      partnerType: invitation.partner_type,
      role: invitation.role,
      acceptUrl: `${portalUrl}/invitations/accept?token=${secrets.token}`,
      portalUrl,
      code: formatCode(secrets.code),
      expiresAt,
      language: templateLanguage(invitation.language),
    });
    // Earlier e-mails of this invitation carry secrets that no longer work: never send them.
    await cancelPendingEmails(manager, [invitation.id]);
    const [{ id }] = await manager.query(`SELECT nextval('email_delivery_id_seq') AS id`);
    const sealed = seal(
      {
        ...rendered,
        to: invitation.email,
        customArgs: { invitationId: invitation.id, deliveryId: String(id), tenantId: invitation.tenant_id },
      },
      this.config.emailPayloadKey,
    );
    const traced = traceHeaders();
    await manager.query(
      `INSERT INTO email_delivery (id, invitation_id, status, sealed_message, resend_count, trace_context)
       VALUES ($1, $2, 'pending', $3, $4, $5::jsonb)`,
      [
        id,
        invitation.id,
        sealed,
        invitation.resend_count,
        Object.keys(traced).length > 0 ? JSON.stringify(traced) : null,
      ],
    );
    // Wakes the senders when the transaction commits (they poll too, so a lost notification only waits).
    await manager.query(`SELECT pg_notify($1, '')`, [EMAIL_CHANNEL]);
  }
}
