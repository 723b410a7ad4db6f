import { randomUUID } from 'node:crypto';
import type { NextFunction, Response } from 'express';
import { logRequestWhenFinished } from '@partner-portal/internal-api';
import { withLogContext } from '@partner-portal/logging';
import type { GatewayRequest } from './gateway-request';

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._-]{8,100}$/;

/**
 * Gives every request an id (the caller's `x-request-id` when it is a sane one, else a fresh UUID), answers with
 * it, runs the rest of the request in a log context with it (the services get it as `x-request-id` and log it too),
 * and logs one line per request when it finishes: id, method, route, status, duration, client address, who.
 */
export function requestLog() {
  return (request: GatewayRequest, response: Response, next: NextFunction) => {
    const offered = request.header('x-request-id');
    request.requestId = offered && CLIENT_REQUEST_ID.test(offered) ? offered : randomUUID();
    response.setHeader('x-request-id', request.requestId);
    withLogContext({ requestId: request.requestId }, () => {
      logRequestWhenFinished(
        request,
        response,
        (status) => (status >= 500 ? 'error' : 'info'),
        () => ({
          clientAddress: request.ip,
          subject: request.user?.subject,
          tenantId: request.principal?.tenantId ?? request.connector?.tenantId,
        }),
      );
      next();
    });
  };
}
