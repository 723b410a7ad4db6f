import type { INestApplication } from '@nestjs/common';
import { startService } from '@partner-portal/internal-api';
import { InboxTransport } from '@partner-portal/messaging';
import { AppModule } from './app.module';
import type { LicensingConfig } from './config/licensing.config';

/** Starts the service (HTTP API, Kafka inbox, outbox relay); used by main.ts and the tests. */
export function startLicensing(config: LicensingConfig): Promise<INestApplication> {
  return startService(AppModule.register(config), config, [InboxTransport]);
}
