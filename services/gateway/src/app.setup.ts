import type { INestApplication } from '@nestjs/common';
import { json, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { createServiceApp, httpMetrics, inputValidationPipe, ProblemDetailsFilter } from '@partner-portal/internal-api';
import { AppModule } from './app.module';
import { OidcTokenVerifier } from './auth/oidc-token-verifier';
import type { GatewayConfig } from './config/gateway.config';
import { connectorKeyFirst, ConnectorKeyVerifier } from './connector/connector-key.verifier';
import { serveEventDocs } from './docs/event-docs';
import { createOpenApiDocument, serveApiDocs } from './docs/openapi';
import { requestLog } from './observability/request-log';
import { serveWebApp } from './web-app/serve-web-app';

/** Body limits: people's JSON is small; a connector's batch of up to 1,000 events is not. */
const BODY_LIMITS = { default: '256kb', connector: '5mb' };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** JSON in invalid UTF-8 is refused, not read with U+FFFD where the bytes were. */
function refuseInvalidUtf8(_request: Request, _response: Response, body: Buffer): void {
  try {
    strictUtf8.decode(body);
  } catch {
    throw Object.assign(new Error('the body is not valid UTF-8'), { status: 400, type: 'encoding.invalid' });
  }
}

/** A body in anything but JSON (or a file upload's multipart form) is refused, not read as an empty object. */
function refuseOtherMediaTypes(request: Request, _response: Response, next: NextFunction): void {
  const hasBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'];
  if (hasBody && !request.is(['application/json', 'application/*+json', 'multipart/form-data'])) {
    return next(
      Object.assign(new Error('the body must be JSON (Content-Type: application/json)'), {
        status: 415,
        type: 'media.unsupported',
      }),
    );
  }
  next();
}

const TITLES: Record<number, string> = {
  401: 'Unauthorized',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  503: 'Service Unavailable',
};

/**
 * Answers what goes wrong before a route runs (a connector key refused or not checkable, malformed JSON, an oversized
 * body) as problem+json too, instead of Express's HTML page.
 */
function bodyProblems(
  error: Error & { status?: number; type?: string; headers?: Record<string, string> },
  request: Request,
  response: Response,
  next: NextFunction,
) {
  if (!error.status || response.headersSent) return next(error);
  const detail =
    error.type === 'entity.too.large'
      ? 'the body is larger than this route accepts'
      : error.type === 'entity.parse.failed'
        ? 'the body is not valid JSON'
        : error.message;
  for (const [name, value] of Object.entries(error.headers ?? {})) response.setHeader(name, value);
  response
    .status(error.status)
    .type('application/problem+json')
    .send(
      JSON.stringify({
        type: 'about:blank',
        title: TITLES[error.status] ?? 'Bad Request',
        status: error.status,
        detail,
        instance: request.originalUrl,
      }),
    );
}

/** Starts the gateway: security headers, CORS, body limits, request ids, metrics, sign-in, the API and its docs. */
export async function startGateway(config: GatewayConfig): Promise<INestApplication> {
  const app = await createServiceApp(AppModule.register(config), config);
  const express = app.getHttpAdapter().getInstance();
  express.disable('x-powered-by');
  // Rate limits and logs see the client behind the proxies TRUST_PROXY names (none: the peer itself).
  express.set('trust proxy', config.trustProxy.length > 0 ? config.trustProxy : false);
  app.use(requestLog());
  app.use(httpMetrics(config.serviceName));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'", new URL(config.oidcIssuer).origin],
          frameAncestors: ["'none'"],
          // TLS ends at the load balancer; upgrading would break the docs on a plain-HTTP development machine.
          upgradeInsecureRequests: null,
        },
      },
    }),
  );
  app.enableCors({
    origin: config.corsOrigins,
    allowedHeaders: [
      'authorization',
      'content-type',
      'idempotency-key',
      'x-portal-membership',
      'x-request-id',
      'traceparent',
      'tracestate',
    ],
    exposedHeaders: ['x-request-id', 'retry-after', 'location'],
    maxAge: 600,
  });
  serveWebApp(app, config);
  app.use('/api/connector', connectorKeyFirst(app.get(ConnectorKeyVerifier)));
  app.use('/api/connector', json({ limit: BODY_LIMITS.connector, verify: refuseInvalidUtf8 }));
  app.use(json({ limit: BODY_LIMITS.default, verify: refuseInvalidUtf8 }));
  app.use(refuseOtherMediaTypes);
  app.use(bodyProblems);
  app.useGlobalPipes(inputValidationPipe({ requireBody: true }));
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();

  // The docs offer sign-in at the issuer; when it is not reachable yet the docs offer a plain bearer field.
  const endpoints = await app
    .get(OidcTokenVerifier)
    .discover()
    .then(
      ({ metadata }) => ({ authorizationUrl: metadata.authorization_endpoint, tokenUrl: metadata.token_endpoint }),
      () => ({}),
    );
  // Served before init, which ends the routing with the 404 handler; the events' docs before Swagger UI's files.
  serveEventDocs(app);
  serveApiDocs(app, config, createOpenApiDocument(app, config, endpoints));
  await app.listen(config.port, config.host);
  // Longer than a load balancer's idle timeout (60 s on the common ones), so the gateway never closes a socket that
  // the balancer is about to reuse; Node's 5 s default answers such a request with a reset.
  const server = app.getHttpServer();
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return app;
}
