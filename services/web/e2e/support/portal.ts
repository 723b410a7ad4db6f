import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { readDevMailbox, startDevMailbox, type DevMail } from '@partner-portal/infra';
import { demoAccounts } from '@partner-portal/identity-provider';
import { DEMO_PEOPLE, KafkaSink, seed, type DemoPerson } from '@partner-portal/erp-simulator';
import { signIn, startPlatform, waitFor, type GatewayResponse, type RunningPlatform } from '@partner-portal/testing';

/** The platform as `npm start` runs it, for one journey: the demo people, the simulator's master data, a mailbox. */
export interface Portal {
  platform: RunningPlatform;
  url: string;
  tenantId: string;
  password: string;
  mailboxUrl: string;
  person(username: string): DemoPerson;
  /** The newest e-mail to an address sent after `since`. */
  mailTo(email: string, since: number): Promise<DevMail>;
  /** The registration code of an invitation e-mail. */
  codeOf(mail: DevMail): string;
  /** The accept link of an invitation e-mail. */
  linkOf(mail: DevMail): string;
  /** Runs SQL in a service's own database (for what only time would do, such as an expiry). */
  sql(service: 'invitations' | 'licensing' | 'partner-identity', text: string, values?: unknown[]): Promise<unknown[]>;
  /** Calls the gateway's API as a demo person (signed in once at the provider), for a journey's preparations. */
  api(
    username: string,
  ): (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<GatewayResponse>;
  /** Publishes ERP events as a connector would. */
  publish(events: Parameters<KafkaSink['send']>[0]): Promise<void>;
  stop(): Promise<void>;
}

export async function startPortal(label: string, options: { accessTokenTtlSeconds?: number } = {}): Promise<Portal> {
  const tenantId = `web-${label}`;
  const password = randomBytes(6).toString('base64url');
  const platform = await startPlatform(label, demoAccounts(tenantId, password), {
    webApp: { accessTokenTtlSeconds: options.accessTokenTtlSeconds },
    // Every browser of a journey previews invitations from 127.0.0.1, which the anonymous limit counts as one.
    gatewayEnv: { ACCEPT_RATE_LIMIT_PER_MINUTE: '120' },
    // As npm start: a connector's webhook receiver on this machine is allowed.
    serviceEnv: { CONNECTOR_WEBHOOK_TRUSTED_HOSTS: '127.0.0.1,localhost' },
  });
  const sink = new KafkaSink(platform.kafkaBrokers, platform.topicPrefix);
  const mailbox = await startDevMailbox(platform.mailDir, 0);
  const pools = new Map<string, Pool>();
  const tokens = new Map<string, Promise<string>>();
  try {
    await seed(sink, {
      tenantId,
      seed: 7,
      size: { customers: 4, vendors: 2, thirdPartyLogistics: 2, contactsPerPartner: 1, items: 8 },
    });
  } catch (error) {
    await Promise.allSettled([sink.close(), mailbox.close(), platform.stop()]);
    throw error;
  }
  const person = (username: string) => {
    const found = DEMO_PEOPLE.find((p) => p.username === username);
    if (!found) throw new Error(`no demo person ${username}`);
    return found;
  };
  return {
    platform,
    url: platform.gatewayUrl,
    tenantId,
    password,
    mailboxUrl: mailbox.url,
    person,
    mailTo: (email, since) =>
      waitFor(
        async () =>
          readDevMailbox(platform.mailDir).find(
            (m) => m.to.toLowerCase() === email.toLowerCase() && Date.parse(m.sentAt) >= since,
          ),
        (mail) => mail !== undefined,
        { what: `an e-mail to ${email}`, timeoutMs: 20_000 },
      ) as Promise<DevMail>,
    codeOf: (mail) => {
      const code = /^ {4}([A-Z0-9]{5}-[A-Z0-9]{5})$/m.exec(mail.text)?.[1];
      if (!code) throw new Error(`no registration code in the e-mail:\n${mail.text}`);
      return code;
    },
    linkOf: (mail) => {
      const link = /(https?:\/\/\S+\/invitations\/accept\?token=[\w-]+)/.exec(mail.text)?.[1];
      if (!link) throw new Error(`no accept link in the e-mail:\n${mail.text}`);
      return link;
    },
    sql: async (service, text, values = []) => {
      let pool = pools.get(service);
      if (!pool) {
        pool = new Pool({ connectionString: platform.databaseUrls[service], max: 1 });
        pools.set(service, pool);
      }
      return (await pool.query(text, values)).rows;
    },
    api: (username) => async (method, path, body, headers) => {
      if (!tokens.has(username)) {
        tokens.set(
          username,
          signIn(platform.issuer, { username, password }).then((t) => t.accessToken),
        );
      }
      const token = await tokens.get(username);
      return platform.call(method, path, { token, body, headers });
    },
    publish: (events) => sink.send(events),
    async stop() {
      await Promise.allSettled([sink.close(), mailbox.close(), ...[...pools.values()].map((p) => p.end())]);
      await platform.stop();
    },
  };
}
