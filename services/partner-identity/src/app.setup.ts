import { ConsoleLogger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { InboxTransport } from '@partner-portal/messaging';
import { AppModule } from './app.module';
import type { PartnerIdentityConfig } from './config/partner-identity.config';
import { applyInternalApiConventions } from '@partner-portal/internal-api';

/** Creates, wires and starts the service: HTTP API, Kafka inbox, outbox relay. Used by main.ts and the tests. */
export async function startPartnerIdentity(config: PartnerIdentityConfig): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.register(config), {
    logger: new ConsoleLogger({ json: true, logLevels: ['log', 'warn', 'error', 'fatal'] }),
  });
  applyInternalApiConventions(app, config.internalApiToken);
  app.enableShutdownHooks();
  app.connectMicroservice({ strategy: app.get(InboxTransport) });
  await app.startAllMicroservices();
  await app.listen(config.port, config.host);
  return app;
}
