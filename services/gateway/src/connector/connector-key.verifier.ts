import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { NextFunction, Response } from 'express';
import type { GatewayRequest } from '../observability/gateway-request';
import { UpstreamClient } from '../upstream/upstream.client';

/** How long a verified key is trusted before partner-identity is asked again (a revocation takes this long). */
const KEY_CACHE_MS = 30_000;

/** Seconds a connector is told to wait when its key could not be checked. */
export const KEY_CHECK_RETRY_AFTER_S = 5;

export type ConnectorIdentity = { tenantId: string; keyId: string };

/** Why a connector's request stops before its body is read: a status, a sentence, and what the answer adds. */
export class ConnectorKeyProblem extends Error {
  constructor(
    readonly status: 401 | 503,
    message: string,
    readonly headers: Record<string, string>,
  ) {
    super(message);
  }
}

const keyMissing = () =>
  new ConnectorKeyProblem(401, 'a connector key is required: Authorization: ApiKey <key>', {
    'www-authenticate': 'ApiKey',
  });

/**
 * Checks `Authorization: ApiKey <key>` (or `X-Api-Key`) with partner-identity, which compares it with its stored
 * hash. An unknown or revoked key is 401; a key that could not be checked (partner-identity unreachable or failing)
 * is 503 with Retry-After, so that a connector retries instead of being told its key is revoked.
 */
@Injectable()
export class ConnectorKeyVerifier {
  private readonly cache = new Map<string, { until: number; identity: Promise<ConnectorIdentity> }>();

  constructor(private readonly upstream: UpstreamClient) {}

  /** The key a request presents, if any. */
  static presented(request: GatewayRequest): string | undefined {
    return (
      /^ApiKey (\S+)$/i.exec(request.header('authorization') ?? '')?.[1] ?? request.header('x-api-key') ?? undefined
    );
  }

  /** The tenant and key id of the request's key; a `ConnectorKeyProblem` otherwise. */
  identify(request: GatewayRequest): Promise<ConnectorIdentity> {
    const key = ConnectorKeyVerifier.presented(request);
    if (!key) return Promise.reject(keyMissing());
    const id = createHash('sha256').update(key).digest('base64url');
    const now = Date.now();
    const cached = this.cache.get(id);
    if (cached && cached.until > now) return cached.identity;
    const identity = this.upstream
      .call<ConnectorIdentity>('partner-identity', 'POST', '/internal/connector-keys/verify', {
        body: { key },
        requestId: request.requestId,
      })
      .then(
        (answer) => {
          if (answer.status === 200) return answer.body;
          if (answer.status === 401) {
            throw new ConnectorKeyProblem(401, 'the connector key is unknown or revoked', {
              'www-authenticate': 'ApiKey',
            });
          }
          throw unchecked();
        },
        (error: unknown) => {
          throw error instanceof ConnectorKeyProblem ? error : unchecked();
        },
      );
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(id, { until: now + KEY_CACHE_MS, identity });
    identity.catch(() => this.cache.delete(id));
    return identity;
  }
}

const unchecked = () =>
  new ConnectorKeyProblem(503, 'the connector key could not be checked just now; try again shortly', {
    'retry-after': String(KEY_CHECK_RETRY_AFTER_S),
  });

/**
 * Express middleware of `/api/connector`, mounted before the body parser: the key is checked before up to 5 MB of
 * JSON is read, and a request without a valid key is answered without reading its body.
 */
export function connectorKeyFirst(verifier: ConnectorKeyVerifier) {
  return (request: GatewayRequest, _response: Response, next: NextFunction): void => {
    verifier.identify(request).then(
      (identity) => {
        request.connector = identity;
        next();
      },
      (error: unknown) => next(error),
    );
  };
}
