import { Client } from 'pg';
import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createTestDatabase, dropTestDatabase } from '@partner-portal/testing';
import {
  DeadLetters1764960000000,
  MessagingTables1763800000000,
  MIGRATION_LOCK_CLASS,
  migrateServiceDatabase,
  migrationLockKey,
  OutboxTraceContext1765100000000,
  ProcessedMessageAge1764900000000,
  serviceDataSourceOptions,
  type ServicePersistenceOptions,
} from '../src';

/**
 * A service migration that takes a while, as a real one on a big table does: long enough that two runs started
 * together both see it pending before either commits.
 */
class SlowTable1763800000002 implements MigrationInterface {
  name = 'SlowTable1763800000002';
  async up(q: QueryRunner): Promise<void> {
    await q.query('SELECT pg_sleep(1)');
    await q.query('CREATE TABLE slow_table (id int PRIMARY KEY)');
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE slow_table');
  }
}

const ALL_MIGRATIONS = [
  MessagingTables1763800000000,
  ProcessedMessageAge1764900000000,
  DeadLetters1764960000000,
  OutboxTraceContext1765100000000,
  SlowTable1763800000002,
].map((migration) => new migration().name ?? migration.name);

describe('migrations under the service lock', () => {
  let database: { name: string; url: string };
  let options: ServicePersistenceOptions;

  beforeEach(async () => {
    database = await createTestDatabase('locked-migrations');
    options = {
      serviceName: 'locked-migrations-test',
      databaseUrl: database.url,
      kafkaBrokers: [],
      topicPrefix: '',
      migrations: [SlowTable1763800000002],
    };
  });

  afterEach(async () => {
    await dropTestDatabase(database.name);
  });

  async function migrationsTable(): Promise<string[]> {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>('SELECT name FROM migrations ORDER BY id');
      return rows.map((row) => row.name);
    } finally {
      await client.end();
    }
  }

  it('lets two runs started at once on a fresh database both succeed, each migration applied once', async () => {
    const [first, second] = await Promise.all([migrateServiceDatabase(options), migrateServiceDatabase(options)]);

    // One run applied everything; the other waited for the lock and then found nothing pending.
    expect([first, second].map((ran) => ran.length).sort()).toEqual([0, ALL_MIGRATIONS.length]);
    expect([...first, ...second].sort()).toEqual([...ALL_MIGRATIONS].sort());
    const recorded = await migrationsTable();
    expect([...recorded].sort()).toEqual([...ALL_MIGRATIONS].sort());
    expect(new Set(recorded).size).toBe(recorded.length);
  });

  it('is what prevents the race: the same two runs without the lock collide', async () => {
    // The control for the test above: TypeORM alone lets both runs see the migrations pending.
    const unlocked = () =>
      new DataSource({ ...serviceDataSourceOptions(options), extra: { max: 2 } }).initialize().then(async (ds) => {
        try {
          return await ds.runMigrations({ transaction: 'all' });
        } finally {
          await ds.destroy();
        }
      });
    const outcomes = await Promise.allSettled([unlocked(), unlocked()]);
    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).not.toHaveLength(0);
  });

  it('waits while another process holds the lock of the same service; each service has a lock of its own', async () => {
    const holder = new Client({ connectionString: database.url });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock($1, $2)', [
        MIGRATION_LOCK_CLASS,
        migrationLockKey(options.serviceName),
      ]);
      let finished = false;
      const run = migrateServiceDatabase(options).then((ran) => {
        finished = true;
        return ran;
      });
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(finished).toBe(false);
      expect(await migrationsTable().catch(() => [])).toEqual([]);

      await holder.query('SELECT pg_advisory_unlock($1, $2)', [
        MIGRATION_LOCK_CLASS,
        migrationLockKey(options.serviceName),
      ]);
      expect(await run).toHaveLength(ALL_MIGRATIONS.length);
    } finally {
      await holder.end();
    }
    expect(migrationLockKey('licensing')).not.toBe(migrationLockKey('invitations'));
  });
});
