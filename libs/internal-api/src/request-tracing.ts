import type { NextFunction, Request, Response } from 'express';
import { contextFromHeaders, SpanKind, SpanStatusCode, startSpan, withTraceContext } from '@partner-portal/logging';

/**
 * Express middleware that makes each request a server span: a child of the caller's `traceparent` (the gateway's call,
 * or a client that traces), named by its route pattern once routed (`GET /internal/tenants/:tenantId/invitations`),
 * with the method, path, status and client address; a 5xx marks it failed. First in the chain, so that everything the
 * request does (the calls it makes, the events it writes) belongs to its trace.
 */
export function traceRequests() {
  return (request: Request, response: Response, next: NextFunction): void => {
    const { span, context } = startSpan(request.method, {
      kind: SpanKind.SERVER,
      parent: contextFromHeaders(request.headers),
      attributes: {
        'http.request.method': request.method,
        'url.path': request.path,
        'url.scheme': request.protocol,
        'client.address': request.ip,
      },
    });
    let ended = false;
    const end = (aborted: boolean) => {
      if (ended) return;
      ended = true;
      const route = (request.route as { path?: string } | undefined)?.path;
      if (route) {
        const pattern = `${request.baseUrl}${route}`;
        span.updateName(`${request.method} ${pattern}`);
        span.setAttribute('http.route', pattern);
      }
      span.setAttribute('http.response.status_code', response.statusCode);
      if (aborted) span.setStatus({ code: SpanStatusCode.ERROR, message: 'the client closed the connection first' });
      else if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    };
    response.once('finish', () => end(false));
    response.once('close', () => end(!response.writableFinished));
    withTraceContext(context, next);
  };
}
