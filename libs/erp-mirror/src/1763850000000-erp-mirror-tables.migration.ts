import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ERP mirror's tables, the one definition every service that keeps the mirror runs (list it before the
 * service's own migrations). Every statement is IF NOT EXISTS: partner-identity's first migration
 * (`PartnerIdentitySchema1763900000000`) created the same tables and index before the mirror became a library, so on
 * a partner-identity database made then this migration finds them and only records itself. Change these tables in a
 * new migration, never here.
 */
export class ErpMirrorTables1763850000000 implements MigrationInterface {
  name = 'ErpMirrorTables1763850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE IF NOT EXISTS company (
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
      CREATE TABLE IF NOT EXISTS partner (
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
      `CREATE INDEX IF NOT EXISTS partner_by_name ON partner (tenant_id, environment, company_id, lower(name)) WHERE deleted_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE IF NOT EXISTS contact (
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
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['contact', 'partner', 'company']) await q.query(`DROP TABLE ${table}`);
  }
}
