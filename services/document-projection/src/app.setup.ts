import type { INestApplication } from '@nestjs/common';
import { startService } from '@partner-portal/internal-api';
import { InboxTransport } from '@partner-portal/messaging';
import { AppModule } from './app.module';
import type { DocumentProjectionConfig } from './config/document-projection.config';

/** Starts the service (HTTP API, Kafka inbox, outbox relay); used by main.ts and the tests. */
export function startDocumentProjection(config: DocumentProjectionConfig): Promise<INestApplication> {
  // Order uploads carry a CSV file of up to 2 MB inside the JSON body.
  return startService(AppModule.register(config), config, [InboxTransport], { jsonBodyLimit: '3mb' });
}
