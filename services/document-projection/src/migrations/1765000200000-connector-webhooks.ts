import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhooks of tenants' ERP connectors and the delivery of each portal order to each of them, written in the order's
 * own transaction (beside its feed entry), so that no order submitted while a webhook is registered goes undelivered.
 */
export class ConnectorWebhooks1765000200000 implements MigrationInterface {
  name = 'ConnectorWebhooks1765000200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE connector_webhook (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        url text NOT NULL,
        label text NOT NULL,
        secret text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        removed_at timestamptz
      )`);
    await q.query(`CREATE INDEX connector_webhook_tenant ON connector_webhook (tenant_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE connector_webhook_delivery (
        id uuid PRIMARY KEY,
        webhook_id uuid NOT NULL REFERENCES connector_webhook (id),
        tenant_id text NOT NULL,
        seq bigint NOT NULL,
        event_id uuid NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed', 'cancelled')),
        attempts integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        next_attempt_at timestamptz,
        last_attempt_at timestamptz,
        last_response_status integer,
        last_error text,
        delivered_at timestamptz,
        redelivery_of uuid REFERENCES connector_webhook_delivery (id),
        FOREIGN KEY (tenant_id, seq) REFERENCES portal_order_feed (tenant_id, seq)
      )`);
    // What the dispatcher picks: only pending deliveries, soonest first.
    await q.query(
      `CREATE INDEX connector_webhook_delivery_due ON connector_webhook_delivery (next_attempt_at) WHERE status = 'pending'`,
    );
    await q.query(
      `CREATE INDEX connector_webhook_delivery_log ON connector_webhook_delivery (webhook_id, created_at DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE connector_webhook_delivery`);
    await q.query(`DROP TABLE connector_webhook`);
  }
}
