import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The mirror of the ERP, portal users and memberships, invitation status and the tenant administrator list. */
export class PartnerIdentitySchema1763900000000 implements MigrationInterface {
  name = 'PartnerIdentitySchema1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE company (
        tenant_id text NOT NULL,
        environment text NOT NULL,
        company_id text NOT NULL,
        environment_type text NOT NULL,
        name text NOT NULL,
        display_name text,
        erp_version bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, environment, company_id)
      )`);
    await q.query(`
      CREATE TABLE partner (
        tenant_id text NOT NULL,
        environment text NOT NULL,
        company_id text NOT NULL,
        partner_type text NOT NULL,
        partner_no text NOT NULL,
        environment_type text NOT NULL,
        name text,
        email text,
        address jsonb,
        currency_code text,
        price_list_code text,
        language_code text,
        ship_to_country_code text,
        invoice_partner_no text,
        portal_enabled boolean,
        blocked boolean,
        erp_version bigint NOT NULL,
        deleted_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, environment, company_id, partner_type, partner_no)
      )`);
    await q.query(
      `CREATE INDEX partner_by_name ON partner (tenant_id, environment, company_id, lower(name)) WHERE deleted_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE contact (
        tenant_id text NOT NULL,
        environment text NOT NULL,
        company_id text NOT NULL,
        partner_type text NOT NULL,
        partner_no text NOT NULL,
        contact_no text NOT NULL,
        environment_type text NOT NULL,
        name text,
        email text,
        phone text,
        language_code text,
        portal_contact boolean,
        portal_role text,
        erp_version bigint NOT NULL,
        deleted_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, environment, company_id, partner_type, partner_no, contact_no)
      )`);
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
    for (const table of [
      'tenant_administrator',
      'contact_invitation',
      'membership',
      'portal_user',
      'contact',
      'partner',
      'company',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
