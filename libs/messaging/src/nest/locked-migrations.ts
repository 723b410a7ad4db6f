import type { DataSource, Migration } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * First key of the two-key form of PostgreSQL's advisory locks the migrations take. The two-key space is apart from
 * the one-key (bigint) space, so no other lock of the platform can collide with it.
 */
export const MIGRATION_LOCK_CLASS = 0x7070_6d67; // "ppmg": partner portal migrations

/**
 * The second key: a constant per service (FNV-1a of its name, as a signed 32-bit integer), so that two replicas of
 * one service wait for each other while, should two services ever share a database, they do not.
 */
export function migrationLockKey(serviceName: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(serviceName, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

/**
 * Runs the data source's pending migrations while holding the service's migration lock. Replicas that start at the
 * same time (a rolling update, `docker compose up --scale`) would otherwise each see the same migrations pending and
 * run them concurrently: the second `CREATE TABLE` fails, or worse, a data migration runs twice. The lock is a
 * session lock on a connection of its own, so it is released when the process dies; whoever waited then finds
 * nothing pending. The migrations themselves run on other pool connections: the pool needs two at least.
 */
export async function runMigrationsLocked(dataSource: DataSource, serviceName: string): Promise<Migration[]> {
  const keys = [MIGRATION_LOCK_CLASS, migrationLockKey(serviceName)];
  // A pool connection of its own, outside TypeORM's query runners, so that the lock can be dropped with it.
  const [client, release] = (await (dataSource.driver as PostgresDriver).obtainMasterConnection()) as [
    { query(sql: string, values: unknown[]): Promise<unknown> },
    (error?: Error) => void,
  ];
  try {
    await client.query('SELECT pg_advisory_lock($1, $2)', keys);
    // The transaction mode the data source is configured with, as `migrationsRun` would have used.
    return await dataSource.runMigrations({ transaction: dataSource.options.migrationsTransactionMode ?? 'all' });
  } finally {
    const unlocked = await client.query('SELECT pg_advisory_unlock($1, $2)', keys).then(
      () => true,
      () => false,
    );
    // A connection that may still hold the lock must not go back to the pool: dropping it releases the lock.
    release(unlocked ? undefined : new Error('migration lock not released'));
  }
}
