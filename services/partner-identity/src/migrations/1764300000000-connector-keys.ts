import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Per-tenant API keys of ERP connectors that publish through the gateway; only a hash of each key is stored. */
export class ConnectorKeys1764300000000 implements MigrationInterface {
  name = 'ConnectorKeys1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE connector_key (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        label text NOT NULL,
        key_hash bytea NOT NULL UNIQUE,
        key_prefix text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        replaced_by uuid
      )`);
    await q.query(`CREATE INDEX connector_key_tenant ON connector_key (tenant_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE connector_key`);
  }
}
