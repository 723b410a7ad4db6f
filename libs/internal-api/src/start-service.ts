import { ConsoleLogger, type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { CustomTransportStrategy } from '@nestjs/microservices';
import { applyInternalApiConventions } from './conventions';
import { httpMetrics } from './metrics';
import type { ServiceConfig } from './service-config';

/**
 * Creates and starts a service the way every service runs: JSON logs, the internal API conventions, shutdown on
 * SIGTERM/SIGINT (stop consuming, finish the batch, close), the given transports (the Kafka inbox) connected as
 * microservices, and the HTTP server listening on the configured host and port. Used by each main.ts and by tests.
 */
export async function startService(
  appModule: DynamicModule,
  config: ServiceConfig,
  transports: Array<Type<CustomTransportStrategy>> = [],
  options: { jsonBodyLimit?: string } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(appModule, {
    logger: new ConsoleLogger({ json: true, logLevels: ['log', 'warn', 'error', 'fatal'] }),
    bodyParser: false,
  });
  // Internal callers are the gateway, which limits public bodies itself; uploads need more than the 100 kB default.
  app.use(httpMetrics(config.serviceName));
  app.useBodyParser('json', { limit: options.jsonBodyLimit ?? '1mb' });
  applyInternalApiConventions(app, {
    gateway: [config.gatewayApiToken, config.gatewayApiTokenPrevious].filter((t): t is string => Boolean(t)),
    operator: [config.operatorApiToken, config.operatorApiTokenPrevious].filter((t): t is string => Boolean(t)),
  });
  app.enableShutdownHooks();
  for (const transport of transports) app.connectMicroservice({ strategy: app.get(transport) });
  await app.startAllMicroservices();
  await app.listen(config.port, config.host);
  return app;
}
