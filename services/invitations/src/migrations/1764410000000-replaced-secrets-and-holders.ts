import type { MigrationInterface, QueryRunner } from 'typeorm';

const OPEN = `'pending_license', 'invited', 'email_failed'`;

/**
 * - `superseded_secret`: the link token and code hashes a resend replaced, so that an old link or code answers
 *   "replaced by a newer e-mail" (410) instead of "not valid" (404). Hashes only, like the invitation's own.
 * - `portal_member.email`: the portal user's address as licensing keys its license (trimmed, lower-case), so that a
 *   bulk dry run can tell who already holds a license; filled from the accepted invitation (else the contact) for
 *   members recorded before.
 * - Indexes for the look-ups by holder: open invitations and active members of a tenant by e-mail.
 */
export class ReplacedSecretsAndHolders1764410000000 implements MigrationInterface {
  name = 'ReplacedSecretsAndHolders1764410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE superseded_secret (
        kind text NOT NULL CHECK (kind IN ('token', 'code')),
        hash text NOT NULL,
        invitation_id uuid NOT NULL REFERENCES invitation (id),
        superseded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kind, hash)
      )`);
    await q.query(`CREATE INDEX superseded_secret_by_invitation ON superseded_secret (invitation_id)`);

    await q.query(`ALTER TABLE portal_member ADD COLUMN email text`);
    await q.query(`
      UPDATE portal_member pm SET email = lower(btrim(coalesce(
        (SELECT i.email FROM invitation i
          WHERE (i.tenant_id, i.environment, i.company_id, i.partner_type, i.partner_no, i.contact_no)
              = (pm.tenant_id, pm.environment, pm.company_id, pm.partner_type, pm.partner_no, pm.contact_no)
            AND i.status = 'accepted'
          ORDER BY i.accepted_at DESC NULLS LAST LIMIT 1),
        (SELECT c.email FROM contact c
          WHERE (c.tenant_id, c.environment, c.company_id, c.partner_type, c.partner_no, c.contact_no)
              = (pm.tenant_id, pm.environment, pm.company_id, pm.partner_type, pm.partner_no, pm.contact_no)))))`);
    await q.query(`CREATE INDEX portal_member_active_by_email ON portal_member (tenant_id, email) WHERE active`);
    await q.query(
      `CREATE INDEX invitation_open_by_email ON invitation (tenant_id, lower(btrim(email))) WHERE status IN (${OPEN})`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX invitation_open_by_email`);
    await q.query(`DROP INDEX portal_member_active_by_email`);
    await q.query(`ALTER TABLE portal_member DROP COLUMN email`);
    await q.query(`DROP TABLE superseded_secret`);
  }
}
