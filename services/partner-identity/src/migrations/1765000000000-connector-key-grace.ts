import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A rotated key keeps working until `expires_at` (the grace the administrator chose), so that a running connector
 * does not break while it is given the new key; a revocation still ends it at once.
 */
export class ConnectorKeyGrace1765000000000 implements MigrationInterface {
  name = 'ConnectorKeyGrace1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE connector_key ADD COLUMN expires_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE connector_key DROP COLUMN expires_at`);
  }
}
