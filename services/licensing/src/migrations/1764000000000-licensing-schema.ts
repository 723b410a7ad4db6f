import type { MigrationInterface, QueryRunner } from 'typeorm';

/** License pools (never oversold, by a CHECK), holds and their claims, extension status, plans, carts, purchases, ledger. */
export class LicensingSchema1764000000000 implements MigrationInterface {
  name = 'LicensingSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE license_pool (
        tenant_id text PRIMARY KEY,
        purchased int NOT NULL DEFAULT 0,
        reserved int NOT NULL DEFAULT 0,
        consumed int NOT NULL DEFAULT 0,
        server_module_active boolean NOT NULL DEFAULT true,
        purchase_seq int NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT license_pool_never_oversold CHECK (reserved >= 0 AND consumed >= 0 AND reserved + consumed <= purchased)
      )`);
    await q.query(`
      CREATE TABLE extension_status (
        tenant_id text NOT NULL,
        environment text NOT NULL,
        company_id text NOT NULL,
        environment_type text NOT NULL,
        installed boolean NOT NULL,
        extension_version text,
        erp_version bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, environment, company_id)
      )`);
    await q.query(`
      CREATE TABLE license_hold (
        tenant_id text NOT NULL,
        holder_key text NOT NULL,
        state text NOT NULL CHECK (state IN ('reserved', 'consumed')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, holder_key)
      )`);
    await q.query(`
      CREATE TABLE license_claim (
        tenant_id text NOT NULL,
        claim text NOT NULL,
        holder_key text NOT NULL,
        invitation_id uuid,
        membership_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, claim),
        FOREIGN KEY (tenant_id, holder_key) REFERENCES license_hold (tenant_id, holder_key) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX license_claim_by_holder ON license_claim (tenant_id, holder_key)`);
    await q.query(`
      CREATE TABLE tenant_plan (
        tenant_id text PRIMARY KEY,
        unit_price numeric(18, 6) NOT NULL CHECK (unit_price >= 0),
        currency_code text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE cart_line (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        quantity int NOT NULL CHECK (quantity BETWEEN 1 AND 1000),
        added_by text NOT NULL,
        added_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX cart_line_by_tenant ON cart_line (tenant_id, added_at)`);
    await q.query(`
      CREATE TABLE purchase (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        order_no text NOT NULL,
        idempotency_key text NOT NULL,
        quantity int NOT NULL CHECK (quantity >= 1),
        unit_price text NOT NULL,
        currency_code text NOT NULL,
        amount text NOT NULL,
        purchased_by text NOT NULL,
        purchased_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT purchase_idempotency UNIQUE (tenant_id, idempotency_key),
        CONSTRAINT purchase_order_no UNIQUE (tenant_id, order_no)
      )`);
    await q.query(`
      CREATE TABLE ledger_entry (
        id bigserial PRIMARY KEY,
        tenant_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('purchase', 'reservation', 'consumption', 'release', 'cancellation')),
        purchased_delta int NOT NULL DEFAULT 0,
        reserved_delta int NOT NULL DEFAULT 0,
        consumed_delta int NOT NULL DEFAULT 0,
        purchased int NOT NULL,
        reserved int NOT NULL,
        consumed int NOT NULL,
        holder_key text,
        invitation_id uuid,
        cause text NOT NULL,
        actor text NOT NULL,
        occurred_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ledger_entry_by_tenant ON ledger_entry (tenant_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'ledger_entry',
      'purchase',
      'cart_line',
      'tenant_plan',
      'license_claim',
      'license_hold',
      'extension_status',
      'license_pool',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
