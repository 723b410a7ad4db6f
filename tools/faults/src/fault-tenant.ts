import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PartnerType } from '@partner-portal/contracts';
import {
  contactUpserted,
  erpPlace,
  masterData,
  people,
  tokenOf,
  waitFor,
  type ErpPlace,
  type GatewayRequestOptions,
  type RunningPlatform,
} from '@partner-portal/testing';

/** A contact of the customer C10000 that the administrator invites. */
export interface InvitableContact {
  contactNo: string;
  name: string;
  email: string;
}

/** A contact named by its number, at an address of its own. */
export const contactNamed = (contactNo: string): InvitableContact => ({
  contactNo,
  name: contactNo,
  email: `${contactNo.toLowerCase()}@fabrikam.example`,
});

/**
 * A tenant as the invitation faults need it: the platform people, the master data with `contacts` at customer
 * C10000, licenses bought, and its administrator's calls through the gateway.
 */
export class FaultTenant {
  readonly place: ErpPlace;
  readonly who: ReturnType<typeof people>;
  /** The administrator's routes of the tenant. */
  readonly admin: string;
  private platform?: RunningPlatform;
  private token?: string;

  constructor(
    readonly tenantId: string,
    readonly contacts: InvitableContact[],
  ) {
    this.place = erpPlace(tenantId);
    this.who = people(tenantId);
    this.admin = `/api/admin/tenants/${tenantId}`;
  }

  /** Publishes the master data and contacts, buys `licenses` and waits until the pool shows them. */
  async prepare(platform: RunningPlatform, licenses: number): Promise<void> {
    this.platform = platform;
    this.token = await tokenOf(platform, this.who.admin);
    await platform.publisher.publish(
      ...masterData(this.place, this.who),
      ...this.contacts.map((c) =>
        contactUpserted(this.place, { partnerType: PartnerType.Customer, partnerNo: 'C10000', ...c }),
      ),
    );
    await this.call('POST', '/cart/lines', { body: { quantity: licenses } });
    const purchase = await this.call('POST', '/checkout', {
      headers: { 'idempotency-key': `${this.tenantId}-checkout` },
    });
    if (purchase.status !== 201)
      throw new Error(`checkout answered ${purchase.status}: ${JSON.stringify(purchase.body)}`);
    await waitFor(
      () => this.pool(),
      (p) => p?.purchased === licenses,
      { what: `${licenses} licenses bought` },
    );
  }

  /** The administrator's call to one of the tenant's admin routes (`path` after `/api/admin/tenants/{t}`). */
  call(method: string, path: string, options: Omit<GatewayRequestOptions, 'token'> = {}) {
    return this.prepared().call(method, `${this.admin}${path}`, { ...options, token: this.token });
  }

  private prepared(): RunningPlatform {
    if (!this.platform || !this.token) throw new Error('prepare the tenant first');
    return this.platform;
  }

  async pool(): Promise<Record<string, number>> {
    return (await this.call('GET', '/overview')).body.pool;
  }

  /** The body inviting one contact as an authorized user. */
  invitationOf(contactNo: string) {
    return {
      environment: this.place.environment,
      companyId: this.place.companyId,
      partnerType: PartnerType.Customer,
      partnerNo: 'C10000',
      contactNo,
      role: 'authorized_user',
    };
  }

  /** Waits until a dry run would invite each contact: the invitations service has mirrored them. */
  async untilInvitable(contactNos: string[], timeoutMs = 30_000): Promise<void> {
    const invitations = contactNos.map((c) => this.invitationOf(c));
    await waitFor(
      () => this.call('POST', '/invitations/bulk', { body: { invitations, dryRun: true } }),
      (r) => r.body.results?.every((result: { outcome: string }) => result.outcome === 'would_create'),
      { what: 'the contacts known to the invitations service', timeoutMs },
    );
  }

  /** Invites the contacts in one bulk request, once they are invitable; answers the invitation ids in order. */
  async inviteAll(contactNos: string[]): Promise<string[]> {
    await this.untilInvitable(contactNos);
    const created = await this.call('POST', '/invitations/bulk', {
      body: { invitations: contactNos.map((c) => this.invitationOf(c)) },
    });
    if (created.status !== 200) throw new Error(`inviting answered ${created.status}: ${JSON.stringify(created.body)}`);
    return created.body.results.map((r: { invitation: { invitationId: string } }) => r.invitation.invitationId);
  }

  /** How many of the tenant's invitations are in `status`. */
  async invitationsIn(status: string): Promise<number> {
    return (await this.call('GET', `/invitations?status=${status}&pageSize=100`)).body.total;
  }

  async statusesOf(invitationIds: string[]): Promise<string[]> {
    return Promise.all(
      invitationIds.map(async (id) => (await this.call('GET', `/invitations/${id}`)).body.status as string),
    );
  }

  /** How many e-mails the development mailbox holds for each contact, in the order of `contacts`. */
  mailsPerContact(): number[] {
    const dir = this.prepared().mailDir;
    const mails = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as { to: string });
    return this.contacts.map((c) => mails.filter((m) => m.to === c.email).length);
  }
}
