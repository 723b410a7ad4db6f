import type { MigrationInterface, QueryRunner } from 'typeorm';
import { documentId } from '../projection/document-id';

const PAGE = 10_000;

interface KeyRow {
  id: string;
  tenant_id: string;
  environment: string;
  company_id: string;
  document_type: string;
  document_no: string;
}

/**
 * Gives every document the id derived from its key (`documentId`), the one the projector and a rebuild give it, and
 * moves its status history along; the column loses its random default, so no write can forget the derived id.
 * Portal orders find their document by `portal_order_id`, not by id: nothing else names a document's id.
 */
export class StableDocumentIds1764980000000 implements MigrationInterface {
  name = 'StableDocumentIds1764980000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TEMPORARY TABLE document_id_map (old_id uuid PRIMARY KEY, new_id uuid NOT NULL)`);
    // Pages by the unique key, which the rewrite does not change.
    let after: string[] = ['', '', '', '', ''];
    for (;;) {
      const rows: KeyRow[] = await q.query(
        `SELECT id, tenant_id, environment, company_id, document_type, document_no FROM document
          WHERE (tenant_id, environment, company_id, document_type, document_no) > ($1, $2, $3, $4, $5)
          ORDER BY tenant_id, environment, company_id, document_type, document_no LIMIT ${PAGE}`,
        after,
      );
      if (rows.length === 0) break;
      const derived = rows.map((r) =>
        documentId({
          tenantId: r.tenant_id,
          environment: r.environment,
          companyId: r.company_id,
          documentType: r.document_type,
          documentNo: r.document_no,
        }),
      );
      await q.query(
        `INSERT INTO document_id_map (old_id, new_id)
         SELECT o, n FROM unnest($1::uuid[], $2::uuid[]) AS m(o, n) WHERE o <> n`,
        [rows.map((r) => r.id), derived],
      );
      const last = rows[rows.length - 1];
      after = [last.tenant_id, last.environment, last.company_id, last.document_type, last.document_no];
    }
    await q.query(`UPDATE document d SET id = m.new_id FROM document_id_map m WHERE d.id = m.old_id`);
    await q.query(
      `UPDATE document_status_history h SET document_id = m.new_id FROM document_id_map m WHERE h.document_id = m.old_id`,
    );
    await q.query(`DROP TABLE document_id_map`);
    await q.query(`ALTER TABLE document ALTER COLUMN id DROP DEFAULT`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The derived ids stay: they are as good as random ones.
    await q.query(`ALTER TABLE document ALTER COLUMN id SET DEFAULT gen_random_uuid()`);
  }
}
