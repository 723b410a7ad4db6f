import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { GatewayConfig } from '../config/gateway.config';
import { UpstreamClient } from '../upstream/upstream.client';
import type { ResolvedPrincipal } from './access-rules';
import type { SignedInUser } from './signed-in-user';

/**
 * Asks partner-identity which tenants an identity administers and which memberships it holds, and keeps the
 * answer for PRINCIPAL_CACHE_MS (2 s by default): long enough to spare the service a call per request under load,
 * short enough that a role change or deactivation shows at once to a person (and the services check scope again).
 */
@Injectable()
export class PrincipalResolver {
  private readonly cache = new Map<string, { until: number; identity: Promise<ResolvedPrincipal> }>();

  constructor(
    private readonly upstream: UpstreamClient,
    private readonly config: GatewayConfig,
  ) {}

  resolve(user: SignedInUser, requestId: string): Promise<ResolvedPrincipal> {
    const key = `${user.issuer}\n${user.subject}`;
    const now = Date.now();
    const cached = this.cache.get(key);
    if (cached && cached.until > now) return cached.identity;
    const identity = this.upstream
      .call<ResolvedPrincipal>('partner-identity', 'POST', '/internal/principals/resolve', {
        body: { issuer: user.issuer, subject: user.subject, claims: user.claims },
        requestId,
      })
      .then((answer) => {
        if (answer.status !== 200) throw new ServiceUnavailableException('signed-in identities cannot be resolved now');
        return answer.body;
      });
    identity.catch(() => this.cache.delete(key));
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(key, { until: now + this.config.principalCacheMs, identity });
    return identity;
  }

  /** Forgets an identity, after something changed its memberships (an acceptance). */
  forget(user: SignedInUser): void {
    this.cache.delete(`${user.issuer}\n${user.subject}`);
  }
}
