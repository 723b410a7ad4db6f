import { DataSource } from 'typeorm';
import { ErpMirrorTables1763850000000 } from '@partner-portal/erp-mirror';
import { createTestDatabase, dropTestDatabase } from '@partner-portal/testing';
import { PartnerIdentitySchema1763900000000 } from '../src/migrations/1763900000000-partner-identity-schema';

const MIRROR_TABLES = ['company', 'partner', 'contact'];
const LIBRARY_MIGRATION = new ErpMirrorTables1763850000000().name;

/** The mirror tables' columns, constraints and indexes, one line each, to compare before and after. */
async function mirrorSchema(dataSource: DataSource): Promise<string[]> {
  const columns = await dataSource.query(
    `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name = ANY($1) ORDER BY table_name, ordinal_position`,
    [MIRROR_TABLES],
  );
  const constraints = await dataSource.query(
    `SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS definition
       FROM pg_constraint WHERE conrelid::regclass::text = ANY($1) ORDER BY 1, 2`,
    [MIRROR_TABLES],
  );
  const indexes = await dataSource.query(
    `SELECT tablename, indexname, indexdef FROM pg_indexes
      WHERE schemaname = 'public' AND tablename = ANY($1) ORDER BY 1, 2`,
    [MIRROR_TABLES],
  );
  return [...columns, ...constraints, ...indexes].map((row: object) => JSON.stringify(row));
}

describe("partner-identity's schema migrations", () => {
  let database: { name: string; url: string };
  let dataSource: DataSource;

  beforeEach(async () => {
    database = await createTestDatabase('pi-schema');
    dataSource = new DataSource({
      type: 'postgres',
      url: database.url,
      migrations: [ErpMirrorTables1763850000000, PartnerIdentitySchema1763900000000],
      synchronize: false,
    });
    await dataSource.initialize();
  });

  afterEach(async () => {
    await dataSource.destroy();
    await dropTestDatabase(database.name);
  });

  it("creates the ERP mirror tables on a new database from the library's migration", async () => {
    const ran = await dataSource.runMigrations();

    expect(ran.map((m) => m.name)).toEqual([LIBRARY_MIGRATION, 'PartnerIdentitySchema1763900000000']);
    const schema = await mirrorSchema(dataSource);
    expect(schema.filter((line) => line.includes('"column_name"'))).toHaveLength(8 + 19 + 16);
    expect(schema).toContainEqual(expect.stringContaining('"indexname":"partner_by_name"'));
  });

  it('migrates a database whose first schema migration created the mirror tables itself, changing nothing', async () => {
    // Before the mirror became a library, PartnerIdentitySchema1763900000000 created these tables and the index with
    // the same statements: such a database has them and no row for the library's migration. Made here by removing
    // the row.
    await dataSource.runMigrations();
    await dataSource.query(`DELETE FROM migrations WHERE name = $1`, [LIBRARY_MIGRATION]);
    const before = await mirrorSchema(dataSource);

    const ran = await dataSource.runMigrations();

    expect(ran.map((m) => m.name)).toEqual([LIBRARY_MIGRATION]);
    expect(await mirrorSchema(dataSource)).toEqual(before);
  });
});
