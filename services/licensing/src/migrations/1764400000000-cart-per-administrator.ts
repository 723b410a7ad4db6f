import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Carts belong to the administrator who fills them: every cart query is by tenant and `added_by`, so the index
 * leads with both (and still serves a query by tenant alone), replacing the index by tenant.
 */
export class CartPerAdministrator1764400000000 implements MigrationInterface {
  name = 'CartPerAdministrator1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX cart_line_by_owner ON cart_line (tenant_id, added_by, added_at, id)`);
    await q.query(`DROP INDEX cart_line_by_tenant`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX cart_line_by_tenant ON cart_line (tenant_id, added_at)`);
    await q.query(`DROP INDEX cart_line_by_owner`);
  }
}
