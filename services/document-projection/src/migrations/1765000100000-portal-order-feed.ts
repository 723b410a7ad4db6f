import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each tenant's portal orders as a feed for HTTP-only ERP connectors (the `PortalOrderSubmitted` envelope at the
 * order's number), and how far the tenant's connector has acknowledged it. Orders submitted before this migration
 * went to Kafka only.
 */
export class PortalOrderFeed1765000100000 implements MigrationInterface {
  name = 'PortalOrderFeed1765000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE portal_order_feed (
        tenant_id text NOT NULL,
        seq bigint NOT NULL CHECK (seq > 0),
        event jsonb NOT NULL,
        appended_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, seq)
      )`);
    await q.query(`
      CREATE TABLE portal_order_feed_cursor (
        tenant_id text PRIMARY KEY,
        acknowledged_seq bigint NOT NULL CHECK (acknowledged_seq >= 0),
        acknowledged_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE portal_order_feed_cursor`);
    await q.query(`DROP TABLE portal_order_feed`);
  }
}
