import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A document's status history as the ERP sent it: one row when the document first arrives and one whenever an
 * applied version changes its status. Keyed by the document's row (no foreign key: a rebuild swaps both tables
 * at once, and a key would tie the fresh history to the retired documents).
 */
export class DocumentStatusHistory1764513000000 implements MigrationInterface {
  name = 'DocumentStatusHistory1764513000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE document_status_history (
        document_id uuid NOT NULL,
        erp_version bigint NOT NULL,
        status text NOT NULL,
        changed_at timestamptz NOT NULL,
        PRIMARY KEY (document_id, erp_version)
      )`);
    // Documents projected before history existed start with the status they have now.
    await q.query(`
      INSERT INTO document_status_history (document_id, erp_version, status, changed_at)
      SELECT id, erp_version, status, updated_at FROM document WHERE status IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE document_status_history`);
  }
}
