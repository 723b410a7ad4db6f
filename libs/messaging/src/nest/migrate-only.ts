import type { DynamicModule } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { jsonLogger } from '../logger';
import { runMigrationsLocked } from './locked-migrations';
import { persistenceOptionsOf, serviceDataSourceOptions, type ServicePersistenceOptions } from './service-persistence';

/**
 * Runs a service's pending migrations (the same data source and list as the service itself) under its migration
 * lock, and closes the connections; resolves with the names of the migrations that ran.
 */
export async function migrateServiceDatabase(options: ServicePersistenceOptions): Promise<string[]> {
  // Two connections: one holds the lock, the other runs the migrations.
  const persistence = serviceDataSourceOptions(options);
  const dataSource = new DataSource({ ...persistence, extra: { ...persistence.extra, max: 2 } });
  await dataSource.initialize();
  try {
    return (await runMigrationsLocked(dataSource, options.serviceName)).map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

/**
 * The body of a service's `migrate.ts` (dist/migrate.js): migrates the database of the service module given and
 * exits, 0 when every migration ran or none was pending, 1 otherwise. docker-compose's one-shot `migrate` service
 * and the Helm chart's pre-install/pre-upgrade Job run it before the service's replicas start; the replicas still
 * migrate at boot (under the same lock), finding nothing pending.
 */
export function migrateOnlyAndExit(module: DynamicModule): void {
  const options = persistenceOptionsOf(module);
  const log = jsonLogger(options?.serviceName ?? 'migrate');
  if (!options) {
    log.error('this module has no database of its own (no servicePersistence among its imports)');
    process.exit(1);
  }
  migrateServiceDatabase(options).then(
    (ran) => {
      log.info(ran.length > 0 ? 'migrations ran' : 'no migration pending', { migrations: ran });
      process.exit(0);
    },
    (error: Error) => {
      log.error('migrations failed', { error: error.message });
      process.exit(1);
    },
  );
}
