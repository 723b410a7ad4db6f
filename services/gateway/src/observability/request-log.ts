import { randomUUID } from 'node:crypto';
import type { NextFunction, Response } from 'express';
import type { GatewayRequest } from './gateway-request';

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._-]{8,100}$/;

/**
 * Gives every request an id (the caller's `x-request-id` when it is a sane one, else a fresh UUID), answers with
 * it, and logs one JSON line per request when it finishes: id, method, route, status, duration, who.
 */
export function requestLog() {
  return (request: GatewayRequest, response: Response, next: NextFunction) => {
    const offered = request.header('x-request-id');
    request.requestId = offered && CLIENT_REQUEST_ID.test(offered) ? offered : randomUUID();
    response.setHeader('x-request-id', request.requestId);
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      process.stdout.write(
        `${JSON.stringify({
          level: response.statusCode >= 500 ? 'error' : 'log',
          timestamp: Date.now(),
          message: 'request',
          requestId: request.requestId,
          method: request.method,
          route: (request.route as { path?: string } | undefined)?.path ?? request.path,
          status: response.statusCode,
          durationMs: Number(process.hrtime.bigint() - started) / 1e6,
          subject: request.user?.subject,
          tenantId: request.principal?.tenantId ?? request.connector?.tenantId,
        })}\n`,
      );
    });
    next();
  };
}
