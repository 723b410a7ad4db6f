import {
  Injectable,
  Module,
  type DynamicModule,
  type INestApplication,
  type OnApplicationShutdown,
  type Type,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { CustomTransportStrategy } from '@nestjs/microservices';
import { configureLogging, createLogger, currentTracing, NestLogger, startTracing } from '@partner-portal/logging';
import { applyInternalApiConventions } from './conventions';
import { httpMetrics } from './metrics';
import { requestLogContext } from './request-log-context';
import { traceRequests } from './request-tracing';
import type { BaseConfig, ServiceConfig } from './service-config';

/**
 * Makes the process's logger the service's (`service` field, `LOG_LEVEL`) and answers the Nest logger on it, for
 * `NestFactory.create`: Nest's lines, the code's `new Logger(...)` lines, the messaging library's and kafkajs's then
 * all share one shape (docs/observability.md).
 */
export function serviceLogger(config: BaseConfig): NestLogger {
  return new NestLogger(configureLogging({ service: config.serviceName, level: config.logLevel }));
}

/**
 * Runs a main.ts's start: when the service cannot start (a configuration refused, a port taken), one fatal line in the
 * log shape, then exit 1. Named by the caller, since the configuration that names the service may be what failed.
 */
export function runService(service: string, start: () => Promise<unknown>): void {
  Promise.resolve()
    .then(start)
    .catch((error: Error) => {
      createLogger({ service }).fatal({ err: error }, error.message);
      process.exit(1);
    });
}

/** Exports the spans still buffered when the application closes, after every other module's shutdown. */
@Injectable()
class TracesFlushedAtShutdown implements OnApplicationShutdown {
  onApplicationShutdown(): Promise<void> | undefined {
    return currentTracing()?.flush();
  }
}

/** The root of a service's process: its application module, then what the process itself needs at shutdown. */
@Module({})
class ServiceProcessModule {}

/**
 * Creates a service's Nest application the way every service (and the gateway) runs: the service's logger and
 * tracing (`OTEL_*`), and each request a span of the caller's trace. Express's body parsers are left to the caller.
 */
export async function createServiceApp(appModule: DynamicModule, config: BaseConfig): Promise<NestExpressApplication> {
  startTracing(config.serviceName);
  const app = await NestFactory.create<NestExpressApplication>(
    { module: ServiceProcessModule, imports: [appModule], providers: [TracesFlushedAtShutdown] },
    { logger: serviceLogger(config), bodyParser: false },
  );
  app.use(traceRequests());
  return app;
}

/**
 * Creates and starts a service the way every service runs: JSON logs (each request's with its id), the internal API
 * conventions, shutdown on SIGTERM/SIGINT (stop consuming, finish the batch, close), the given transports (the Kafka
 * inbox) connected as microservices, and the HTTP server listening on the configured host and port. Used by each
 * main.ts and by tests.
 */
export async function startService(
  appModule: DynamicModule,
  config: ServiceConfig,
  transports: Array<Type<CustomTransportStrategy>> = [],
  options: { jsonBodyLimit?: string } = {},
): Promise<INestApplication> {
  const app = await createServiceApp(appModule, config);
  app.use(requestLogContext());
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
