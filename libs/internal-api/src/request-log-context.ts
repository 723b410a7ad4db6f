import { AsyncResource } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import { processLogger, withLogContext, type LogLevel } from '@partner-portal/logging';
import { CONNECTOR_TENANT_HEADER, PRINCIPAL_HEADER } from './principal';

/** The gateway's ids are UUIDs or a client's sane id (services/gateway request-log.ts); anything longer is cut. */
const MAX_REQUEST_ID = 100;

/** The tenant in a route such as `/internal/tenants/:tenantId/...`, before Nest's router has read the params. */
const TENANT_IN_PATH = /\/tenants\/([^/?#]+)/;

/**
 * The tenant a request concerns, for its log lines only (never for access: the guards decide that from the verified
 * principal): the path's, else the connector's, else the principal's, read without validating it.
 */
function tenantOf(request: Request): string | undefined {
  const inPath = TENANT_IN_PATH.exec(request.path)?.[1];
  if (inPath) return decodeURIComponent(inPath);
  const connector = request.header(CONNECTOR_TENANT_HEADER);
  if (connector) return connector;
  const principal = request.header(PRINCIPAL_HEADER);
  if (!principal) return undefined;
  try {
    const { tenantId } = JSON.parse(Buffer.from(principal, 'base64url').toString('utf8')) as { tenantId?: unknown };
    return typeof tenantId === 'string' ? tenantId : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes a request's line once its response is finished: method, route (the pattern, not the ids in it), status and
 * duration, plus the caller's `fields`, read then (what the guards learnt); at the level `levelOf` picks for the status.
 * Called inside the request's log context, whose ids the line then carries.
 */
export function logRequestWhenFinished(
  request: Request,
  response: Response,
  levelOf: (status: number) => Exclude<LogLevel, 'silent'>,
  fields: () => Record<string, unknown> = () => ({}),
): void {
  const started = process.hrtime.bigint();
  // Bound to the context of the request: 'finish' is emitted wherever the socket's write completes.
  const finished = AsyncResource.bind(() =>
    processLogger()[levelOf(response.statusCode)](
      {
        context: 'http',
        method: request.method,
        route: (request.route as { path?: string } | undefined)?.path ?? request.path,
        status: response.statusCode,
        durationMs: Number(process.hrtime.bigint() - started) / 1e6,
        ...fields(),
      },
      'request',
    ),
  );
  response.once('finish', finished);
}

/**
 * Express middleware that gives the rest of a service's request a log context: the gateway's `x-request-id` (so
 * that the service's lines join the gateway's request line on it) and the tenant. First in the chain, so that every
 * later line has it. Each request's own line is `debug`: the gateway's line at `info` already says that it happened,
 * and a failure is logged as an error by the problem filter.
 */
export function requestLogContext() {
  return (request: Request, response: Response, next: NextFunction): void => {
    const requestId = request.header('x-request-id')?.slice(0, MAX_REQUEST_ID);
    withLogContext({ requestId, tenantId: tenantOf(request) }, () => {
      logRequestWhenFinished(request, response, () => 'debug');
      next();
    });
  };
}
