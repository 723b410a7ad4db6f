import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Documents and stock as partners see them, the memberships, items and price lists they need, portal orders. */
export class DocumentProjectionSchema1764200000000 implements MigrationInterface {
  name = 'DocumentProjectionSchema1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE document (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id text NOT NULL,
        environment text NOT NULL,
        company_id text NOT NULL,
        document_type text NOT NULL,
        document_no text NOT NULL,
        partner_type text,
        partner_no text,
        view_type text,
        contact_no text,
        portal_order_id uuid,
        order_no text,
        external_document_no text,
        status text,
        document_date date,
        requested_date date,
        due_date date,
        currency_code text,
        amount numeric(21, 6),
        amount_including_tax numeric(21, 6),
        ship_to jsonb,
        lines jsonb,
        line_count int,
        erp_version bigint NOT NULL,
        deleted_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT document_erp_key UNIQUE (tenant_id, environment, company_id, document_type, document_no)
      )`);
    // A partner's list by type, newest first: the hot query.
    await q.query(`
      CREATE INDEX document_partner_list ON document
        (tenant_id, environment, company_id, partner_type, partner_no, document_type, document_date DESC, document_no DESC)
        WHERE deleted_at IS NULL`);
    await q.query(
      `CREATE INDEX document_tenant_list ON document (tenant_id, document_date DESC, document_no DESC) WHERE deleted_at IS NULL`,
    );
    await q.query(`
      CREATE INDEX document_follows_order ON document (tenant_id, environment, company_id, partner_no, order_no)
        WHERE order_no IS NOT NULL AND deleted_at IS NULL`);
    await q.query(`CREATE INDEX document_portal_order ON document (portal_order_id) WHERE portal_order_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE stock_level (
        tenant_id text NOT NULL,
        environment text NOT NULL,
        company_id text NOT NULL,
        partner_no text NOT NULL,
        item_no text NOT NULL,
        location_code text NOT NULL,
        bin_code text NOT NULL DEFAULT '',
        license_plate text NOT NULL DEFAULT '',
        lot_no text NOT NULL DEFAULT '',
        serial_no text NOT NULL DEFAULT '',
        description text,
        quantity numeric(21, 6) NOT NULL,
        unit_code text NOT NULL,
        erp_version bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, environment, company_id, partner_no, item_no, location_code, bin_code, license_plate, lot_no, serial_no)
      )`);
    await q.query(`
      CREATE TABLE membership (
        membership_id uuid PRIMARY KEY,
        portal_user_id uuid NOT NULL,
        tenant_id text NOT NULL,
        environment text NOT NULL,
        company_id text NOT NULL,
        partner_type text NOT NULL,
        partner_no text NOT NULL,
        contact_no text NOT NULL,
        email text NOT NULL,
        role text NOT NULL,
        active boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE item (
        tenant_id text NOT NULL,
        environment text NOT NULL,
        company_id text NOT NULL,
        item_no text NOT NULL,
        description text NOT NULL,
        base_unit_code text NOT NULL,
        units jsonb NOT NULL,
        blocked boolean NOT NULL,
        erp_version bigint NOT NULL,
        PRIMARY KEY (tenant_id, environment, company_id, item_no)
      )`);
    await q.query(`
      CREATE TABLE price_list (
        tenant_id text NOT NULL,
        environment text NOT NULL,
        company_id text NOT NULL,
        price_list_code text NOT NULL,
        currency_code text NOT NULL,
        lines jsonb NOT NULL,
        erp_version bigint NOT NULL,
        PRIMARY KEY (tenant_id, environment, company_id, price_list_code)
      )`);
    await q.query(`
      CREATE TABLE portal_order (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        environment text NOT NULL,
        environment_type text NOT NULL,
        company_id text NOT NULL,
        partner_no text NOT NULL,
        portal_order_no text NOT NULL,
        membership_id uuid NOT NULL,
        contact_no text NOT NULL,
        idempotency_key text NOT NULL,
        status text NOT NULL CHECK (status IN ('submitted', 'accepted', 'rejected')),
        erp_order_no text,
        rejection_reason text,
        submission jsonb NOT NULL,
        estimated_total text NOT NULL,
        currency_code text NOT NULL,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT portal_order_idempotency UNIQUE (membership_id, idempotency_key),
        CONSTRAINT portal_order_number UNIQUE (tenant_id, portal_order_no)
      )`);
    await q.query(
      `CREATE INDEX portal_order_by_partner ON portal_order (tenant_id, environment, company_id, partner_no, submitted_at DESC)`,
    );
    await q.query(`CREATE TABLE portal_order_counter (tenant_id text PRIMARY KEY, last_no int NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'portal_order_counter',
      'portal_order',
      'price_list',
      'item',
      'membership',
      'stock_level',
      'document',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
