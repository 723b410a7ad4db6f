import { sqlGauge } from '@partner-portal/messaging';

/** Invitations by tenant and status, read at each scrape: a growing `email_failed` or `pending_license` needs a look. */
export const InvitationsByStatus = sqlGauge(
  {
    name: 'portal_invitations',
    help: 'Invitations by tenant and status (pending_license, invited, accepted, rejected, revoked, expired, email_failed)',
    labelNames: ['tenant', 'status'],
  },
  `SELECT tenant_id AS tenant, status, count(*)::int AS value FROM invitation GROUP BY tenant_id, status`,
);
