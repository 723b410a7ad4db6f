import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Invitations (secrets only as hashes), the e-mail outbox, portal members, tenant settings. */
export class InvitationsSchema1764100000000 implements MigrationInterface {
  name = 'InvitationsSchema1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE invitation (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        environment text NOT NULL,
        environment_type text NOT NULL,
        company_id text NOT NULL,
        partner_type text NOT NULL,
        partner_no text NOT NULL,
        contact_no text NOT NULL,
        email text NOT NULL,
        contact_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('customer_representative', 'authorized_user')),
        language text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending_license', 'invited', 'accepted', 'rejected', 'revoked', 'expired', 'email_failed')),
        rejection_reason text,
        requested_by jsonb NOT NULL,
        inviter_name text NOT NULL,
        token_hash text,
        code_hash text,
        failed_code_attempts int NOT NULL DEFAULT 0,
        resend_count int NOT NULL DEFAULT 0,
        resends_in_window int NOT NULL DEFAULT 0,
        resend_window_start timestamptz,
        expires_at timestamptz,
        invited_at timestamptz,
        accepted_at timestamptz,
        accepted_identity jsonb,
        email_matched boolean,
        ended_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One open invitation per contact, environment and company.
    await q.query(`
      CREATE UNIQUE INDEX invitation_one_open_per_contact
        ON invitation (tenant_id, environment, company_id, partner_type, partner_no, contact_no)
        WHERE status IN ('pending_license', 'invited', 'email_failed')`);
    await q.query(`CREATE UNIQUE INDEX invitation_token ON invitation (token_hash) WHERE token_hash IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX invitation_code ON invitation (code_hash) WHERE code_hash IS NOT NULL`);
    await q.query(`CREATE INDEX invitation_by_tenant ON invitation (tenant_id, created_at DESC)`);
    await q.query(
      `CREATE INDEX invitation_expiring ON invitation (expires_at) WHERE status IN ('invited', 'email_failed')`,
    );
    await q.query(`
      CREATE TABLE email_delivery (
        id bigserial PRIMARY KEY,
        invitation_id uuid NOT NULL REFERENCES invitation (id),
        status text NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'cancelled')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        sealed_message bytea,
        resend_count int NOT NULL,
        provider_message_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    await q.query(`CREATE INDEX email_delivery_due ON email_delivery (next_attempt_at) WHERE status = 'pending'`);
    await q.query(`
      CREATE TABLE portal_member (
        tenant_id text NOT NULL,
        environment text NOT NULL,
        company_id text NOT NULL,
        partner_type text NOT NULL,
        partner_no text NOT NULL,
        contact_no text NOT NULL,
        membership_id uuid NOT NULL,
        active boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, environment, company_id, partner_type, partner_no, contact_no)
      )`);
    await q.query(`
      CREATE TABLE tenant_settings (
        tenant_id text PRIMARY KEY,
        invitation_ttl_hours int CHECK (invitation_ttl_hours BETWEEN 1 AND 2160),
        require_email_match boolean NOT NULL DEFAULT false,
        auto_invite boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['tenant_settings', 'portal_member', 'email_delivery', 'invitation'])
      await q.query(`DROP TABLE ${table}`);
  }
}
