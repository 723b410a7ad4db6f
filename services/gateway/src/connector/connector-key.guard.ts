import { Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { GatewayRequest } from '../observability/gateway-request';
import { UpstreamClient } from '../upstream/upstream.client';

/** How long a verified key is trusted before partner-identity is asked again (a revocation takes this long). */
const KEY_CACHE_MS = 30_000;

/**
 * Connector routes need `Authorization: ApiKey <key>` (or `X-Api-Key`): a key of the tenant, which partner-identity
 * verifies against its stored hash. The request then acts for that tenant only.
 */
@Injectable()
export class ConnectorKeyGuard implements CanActivate {
  private readonly cache = new Map<string, { until: number; tenant: Promise<{ tenantId: string; keyId: string }> }>();

  constructor(private readonly upstream: UpstreamClient) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<GatewayRequest>();
    const key =
      /^ApiKey (\S+)$/i.exec(request.header('authorization') ?? '')?.[1] ?? request.header('x-api-key') ?? undefined;
    if (!key) throw new UnauthorizedException('a connector key is required: Authorization: ApiKey <key>');
    request.connector = await this.verify(key, request.requestId);
    return true;
  }

  private verify(key: string, requestId: string): Promise<{ tenantId: string; keyId: string }> {
    const id = createHash('sha256').update(key).digest('base64url');
    const now = Date.now();
    const cached = this.cache.get(id);
    if (cached && cached.until > now) return cached.tenant;
    const tenant = this.upstream
      .call<{ tenantId: string; keyId: string }>('partner-identity', 'POST', '/internal/connector-keys/verify', {
        body: { key },
        requestId,
      })
      .then((answer) => {
        if (answer.status !== 200) throw new UnauthorizedException('the connector key is unknown or revoked');
        return answer.body;
      });
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(id, { until: now + KEY_CACHE_MS, tenant });
    tenant.catch(() => this.cache.delete(id));
    return tenant;
  }
}
