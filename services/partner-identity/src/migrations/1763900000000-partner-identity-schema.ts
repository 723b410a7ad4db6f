import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Portal users and memberships, invitation status and the tenant administrator list. The ERP mirror's tables
 * (company, partner, contact) come from the library's `ErpMirrorTables1763850000000`, which runs first. This
 * migration created them too before the mirror became a library; a database made then keeps them, and the library's
 * migration (all IF NOT EXISTS, with the same definitions) finds them there and changes nothing.
 */
export class PartnerIdentitySchema1763900000000 implements MigrationInterface {
  name = 'PartnerIdentitySchema1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE portal_user (
        id uuid PRIMARY KEY,
        issuer text NOT NULL,
        subject text NOT NULL,
        email text NOT NULL,
        display_name text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT portal_user_identity UNIQUE (issuer, subject)
      )`);
    await q.query(`
      CREATE TABLE membership (
        id uuid PRIMARY KEY,
        portal_user_id uuid NOT NULL REFERENCES portal_user (id),
        tenant_id text NOT NULL,
        environment text NOT NULL,
        environment_type text NOT NULL,
        company_id text NOT NULL,
        partner_type text NOT NULL,
        partner_no text NOT NULL,
        contact_no text NOT NULL,
        email text NOT NULL,
        role text NOT NULL CHECK (role IN ('customer_representative', 'authorized_user')),
        status text NOT NULL CHECK (status IN ('active', 'deactivated')),
        deactivation_reason text,
        invitation_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT membership_per_contact UNIQUE (tenant_id, environment, company_id, partner_type, partner_no, contact_no)
      )`);
    await q.query(`CREATE INDEX membership_by_portal_user ON membership (portal_user_id)`);
    await q.query(`
      CREATE TABLE contact_invitation (
        tenant_id text NOT NULL,
        environment text NOT NULL,
        company_id text NOT NULL,
        partner_type text NOT NULL,
        partner_no text NOT NULL,
        contact_no text NOT NULL,
        invitation_id uuid NOT NULL,
        open boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, environment, company_id, partner_type, partner_no, contact_no)
      )`);
    await q.query(`
      CREATE TABLE tenant_administrator (
        tenant_id text NOT NULL,
        issuer text NOT NULL,
        subject text NOT NULL,
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, issuer, subject)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['tenant_administrator', 'contact_invitation', 'membership', 'portal_user']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
