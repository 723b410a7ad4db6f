import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@partner-portal/internal-api';
import { DocumentProjectionConfig } from '../config/document-projection.config';
import { viewerOf, type MembershipFacts, type Viewer } from './visibility';

/**
 * Turns the gateway's principal into a viewer, using this service's own read model of memberships. A membership's
 * facts are kept for VIEWER_CACHE_MS (1 s by default): a portal page asks many times a second, and one look-up
 * fewer per request is a third of this service's work; a role change or deactivation shows within that second
 * (and at once on the instance that applied it, which forgets the membership).
 */
@Injectable()
export class ViewerService {
  private readonly cache = new Map<string, { until: number; facts: Promise<MembershipFacts | undefined> }>();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(DocumentProjectionConfig) private readonly config: DocumentProjectionConfig,
  ) {}

  async viewerFor(principal: Principal): Promise<Viewer> {
    if (principal.kind !== 'partner' || !principal.membershipId) return viewerOf(principal, undefined);
    return viewerOf(principal, await this.membership(principal.membershipId));
  }

  /** Forgets what is known of a membership, after this instance changed it. */
  forget(membershipId: string): void {
    this.cache.delete(membershipId);
  }

  private membership(membershipId: string): Promise<MembershipFacts | undefined> {
    const now = Date.now();
    const cached = this.cache.get(membershipId);
    if (cached && cached.until > now) return cached.facts;
    const facts = this.dataSource
      .query(
        `SELECT membership_id AS "membershipId", tenant_id AS "tenantId", environment, company_id AS "companyId",
                partner_type AS "partnerType", partner_no AS "partnerNo", contact_no AS "contactNo", role, active
           FROM membership WHERE membership_id = $1`,
        [membershipId],
      )
      .then(([row]) => row as MembershipFacts | undefined);
    if (this.config.viewerCacheMs > 0) {
      if (this.cache.size > 100_000) this.cache.clear();
      this.cache.set(membershipId, { until: now + this.config.viewerCacheMs, facts });
      facts.catch(() => this.cache.delete(membershipId));
    }
    return facts;
  }
}
