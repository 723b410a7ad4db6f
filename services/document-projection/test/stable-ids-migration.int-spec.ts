import { DataSource, type MigrationInterface } from 'typeorm';
import { ErpMirrorTables1763850000000 } from '@partner-portal/erp-mirror';
import { createTestDatabase, dropTestDatabase } from '@partner-portal/testing';
import { DocumentProjectionSchema1764200000000 } from '../src/migrations/1764200000000-document-projection-schema';
import { DocumentStatusHistory1764513000000 } from '../src/migrations/1764513000000-document-status-history';
import { StableDocumentIds1764980000000 } from '../src/migrations/1764980000000-stable-document-ids';
import { documentId } from '../src/projection/document-id';

const BEFORE = [
  ErpMirrorTables1763850000000,
  DocumentProjectionSchema1764200000000,
  DocumentStatusHistory1764513000000,
];

describe('the migration to stable document ids', () => {
  let database: { name: string; url: string };
  const open = async (migrations: Array<new () => MigrationInterface>) => {
    const dataSource = new DataSource({ type: 'postgres', url: database.url, migrations, synchronize: false });
    await dataSource.initialize();
    return dataSource;
  };

  beforeAll(async () => {
    database = await createTestDatabase('dp-stable-ids');
  });
  afterAll(() => dropTestDatabase(database.name));

  it('gives existing documents their derived ids and moves their status history along; new rows must bring theirs', async () => {
    // Arrange: documents projected with random ids, and their history.
    const old = await open(BEFORE);
    await old.runMigrations();
    await old.query(`
      INSERT INTO document (tenant_id, environment, company_id, document_type, document_no, status, erp_version)
      SELECT 't1', 'production', 'CRONUS', 'sales_order', 'SO-' || g, 'Open', 1 FROM generate_series(1, 3) g`);
    await old.query(`
      INSERT INTO document_status_history (document_id, erp_version, status, changed_at)
      SELECT id, 1, 'Open', now() FROM document`);
    await old.destroy();

    // Act
    const migrated = await open([...BEFORE, StableDocumentIds1764980000000]);
    const ran = await migrated.runMigrations();

    // Assert
    expect(ran.map((m) => m.name)).toEqual(['StableDocumentIds1764980000000']);
    const rows: { document_no: string; id: string; history: number }[] = await migrated.query(
      `SELECT d.document_no, d.id, (SELECT count(*)::int FROM document_status_history h WHERE h.document_id = d.id) AS history
         FROM document d ORDER BY d.document_no`,
    );
    expect(rows).toEqual(
      ['SO-1', 'SO-2', 'SO-3'].map((documentNo) => ({
        document_no: documentNo,
        id: documentId({
          tenantId: 't1',
          environment: 'production',
          companyId: 'CRONUS',
          documentType: 'sales_order',
          documentNo,
        }),
        history: 1,
      })),
    );
    expect(await migrated.query(`SELECT count(*)::int AS n FROM document_status_history`)).toEqual([{ n: 3 }]);
    await expect(
      migrated.query(
        `INSERT INTO document (tenant_id, environment, company_id, document_type, document_no, erp_version)
         VALUES ('t1', 'production', 'CRONUS', 'sales_order', 'SO-9', 1)`,
      ),
    ).rejects.toThrow(/null value in column "id"/);
    await migrated.destroy();
  });
});
