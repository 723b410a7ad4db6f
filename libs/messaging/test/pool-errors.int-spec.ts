import { Client, type PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { createTestDatabase, dropTestDatabase, testInfra, waitFor } from '@partner-portal/testing';
import { serviceDataSourceOptions } from '../src';

// The database ends a connection (an administrator, a failover) while it is checked out between two queries: pg
// emits `error` on it, and an `error` without a listener ends the process. document-projection died this way in CI.
describe("a service's connection pool", () => {
  let database: { name: string; url: string };
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('pool-errors');
    dataSource = await new DataSource(
      serviceDataSourceOptions({
        serviceName: 'pool-errors-test',
        databaseUrl: database.url,
        kafkaBrokers: [],
        topicPrefix: '',
        migrations: [],
      }),
    ).initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await dropTestDatabase(database.name);
  });

  it('survives a connection ended by the database while its holder runs no query, and goes on', async () => {
    const pool = (dataSource.driver as unknown as { master: { connect(): Promise<PoolClient> } }).master;
    const held = await pool.connect();
    const pid = (await held.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
    const admin = new Client({ connectionString: testInfra().postgresAdminUrl });
    await admin.connect();
    try {
      expect((await admin.query('SELECT pg_terminate_backend($1) AS done', [pid])).rows[0].done).toBe(true);
    } finally {
      await admin.end();
    }
    // The FATAL message arrives with no query running on it: an `error` event, which must not be unhandled.
    await waitFor(
      () =>
        held.query('SELECT 1').then(
          () => 'alive',
          (error: Error) => error.message,
        ),
      (outcome) => outcome !== 'alive',
      { what: 'the held connection to fail' },
    );
    held.release(true);
    expect(await dataSource.query('SELECT 41 + 1 AS answer')).toEqual([{ answer: 42 }]);
  });
});
