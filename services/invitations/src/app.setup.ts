import type { INestApplication } from '@nestjs/common';
import { startService } from '@partner-portal/internal-api';
import { InboxTransport } from '@partner-portal/messaging';
import { AppModule } from './app.module';
import type { InvitationsConfig } from './config/invitations.config';

/** Starts the service (HTTP API, Kafka inbox, outbox relay); used by main.ts and the tests. */
export function startInvitations(config: InvitationsConfig): Promise<INestApplication> {
  return startService(AppModule.register(config), config, [InboxTransport]);
}
