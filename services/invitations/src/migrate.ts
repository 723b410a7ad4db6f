import 'reflect-metadata';
import { loadEnvironmentFile } from '@partner-portal/internal-api';
import { migrateOnlyAndExit } from '@partner-portal/messaging';
import { AppModule } from './app.module';
import { loadInvitationsConfig } from './config/invitations.config';

// The migrate-only entrypoint (dist/migrate.js): docker-compose's one-shot `migrate` service and the Helm chart's
// pre-install/pre-upgrade Job run it, so that the schema is current before any replica starts. The same
// configuration and module as main.ts, hence the same data source and migrations; nothing else is started.
loadEnvironmentFile();
migrateOnlyAndExit(AppModule.register(loadInvitationsConfig()));
