import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DEMO_PEOPLE, GatewaySink, seed, stream, type DemoPerson } from '@partner-portal/erp-simulator';
import { PortalClient, until } from './portal-client';

/** What the demo needs to know about the running system and where its state lives. */
export interface DemoContext {
  client: PortalClient;
  gatewayUrl: string;
  tenantId: string;
  /** The demo accounts' password (tools/identity-provider keeps it in its state folder). */
  password: string;
  /** The invitations service's development mailbox folder. */
  mailDir: string;
  /** Where the demo keeps its connector key between runs. */
  stateDir: string;
  seed: number;
  say(line: string): void;
}

/** Licenses the demo keeps available: one per person `npm start` invites, and room for the walkthrough. */
export const DEMO_LICENSES = 10;

export const admin = () => DEMO_PEOPLE.find((p) => p.administrator) as DemoPerson;
export const person = (username: string) => DEMO_PEOPLE.find((p) => p.username === username) as DemoPerson;

/** The registration code of the newest invitation e-mail to an address sent after `since` (the mailbox folder). */
export async function invitationCode(
  mailDir: string,
  email: string,
  since: number,
): Promise<{ code: string; subject: string }> {
  return until(
    async () => {
      if (!existsSync(mailDir)) return undefined;
      const mails = readdirSync(mailDir)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .reverse()
        .map(
          (f) =>
            JSON.parse(readFileSync(join(mailDir, f), 'utf8')) as {
              to: string;
              sentAt: string;
              text: string;
              subject: string;
            },
        )
        .filter((m) => m.to.toLowerCase() === email && Date.parse(m.sentAt) >= since);
      const mail = mails[0];
      const code = mail && /^ {4}([A-Z0-9]{5}-[A-Z0-9]{5})$/m.exec(mail.text)?.[1];
      return code ? { code, subject: mail.subject } : undefined;
    },
    (found) => found !== undefined,
    `an invitation e-mail to ${email}`,
  ) as Promise<{ code: string; subject: string }>;
}

/** The connector key the demo publishes with: the stored one while it works, else a new one. */
async function connectorKey(ctx: DemoContext, adminToken: string): Promise<string> {
  const file = join(ctx.stateDir, 'connector-key.json');
  if (existsSync(file)) {
    const { key } = JSON.parse(readFileSync(file, 'utf8')) as { key: string };
    if (
      (await ctx.client.call('GET', '/api/connector/whoami', { headers: { authorization: `ApiKey ${key}` } }))
        .status === 200
    ) {
      return key;
    }
  }
  const created = await ctx.client.must([201], 'POST', `/api/admin/tenants/${ctx.tenantId}/connector-keys`, {
    token: adminToken,
    body: { label: 'ERP simulator (npm start)' },
  });
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ key: created.body.key }), { mode: 0o600 });
  return created.body.key;
}

/** Invites a demo person with a role and accepts as them with the e-mail's code, as they would in the portal. */
export async function inviteAndAccept(ctx: DemoContext, adminToken: string, who: DemoPerson, role: string) {
  const contact = who.contact;
  if (!contact) throw new Error(`${who.username} has no ERP contact`);
  const { partnerType, partnerNo, contactNo } = contact;
  const sentAfter = Date.now();
  const invitation = await ctx.client.must([201], 'POST', `/api/admin/tenants/${ctx.tenantId}/invitations`, {
    token: adminToken,
    body: { environment: 'production', companyId: 'CRONUS', partnerType, partnerNo, contactNo, role },
  });
  const mail = await invitationCode(ctx.mailDir, who.email, sentAfter);
  const token = await ctx.client.tokenOf(who.username, ctx.password);
  await ctx.client.must([200], 'POST', '/api/portal/invitations/accept', { token, body: { code: mail.code } });
  await until(
    () => ctx.client.call('GET', '/api/portal/me', { token }),
    (me) => me.body.memberships?.some((m: { contactNo: string }) => m.contactNo === contact.contactNo),
    `${who.username}'s portal access`,
  );
  return { invitationId: invitation.body.invitationId as string, mail };
}

/** Refusals of a bulk dry run that only mean the invitations service has not read the ERP's master data yet. */
const NOT_MIRRORED_YET = ['company_not_found', 'partner_not_found', 'contact_not_found'];

/**
 * Waits until the invitations service knows the company, partners and contacts of the people about to be invited:
 * partner-identity and invitations read `erp.masterdata` each at their own pace, so partner-identity answering says
 * nothing about invitations. A bulk dry run through the gateway checks each target as inviting would, writing nothing.
 */
async function invitationsKnow(ctx: DemoContext, adminToken: string, people: DemoPerson[]): Promise<void> {
  if (people.length === 0) return;
  const invitations = people.map((who) => ({
    environment: 'production',
    companyId: 'CRONUS',
    partnerType: who.contact?.partnerType,
    partnerNo: who.contact?.partnerNo,
    contactNo: who.contact?.contactNo,
    role: who.startRole,
  }));
  await until(
    async () => {
      const dryRun = await ctx.client.must([200], 'POST', `/api/admin/tenants/${ctx.tenantId}/invitations/bulk`, {
        token: adminToken,
        body: { invitations, dryRun: true },
      });
      return (dryRun.body.results as Array<{ index: number; outcome: string; code?: string; detail?: string }>)
        .filter((r) => r.outcome === 'refused' && NOT_MIRRORED_YET.includes(r.code ?? ''))
        .map((r) => `${people[r.index].username}: ${r.detail}`);
    },
    (missing) => missing.length === 0,
    (missing) =>
      `the invitations service to read the seeded master data (a dry run of the demo invitations still says ${missing.join('; ')})`,
  );
}

/** Waits until licensing knows that the ERP extension is installed where the demo invites (else it refuses to hold licenses). */
async function licensingKnowsExtension(ctx: DemoContext, adminToken: string): Promise<void> {
  await until(
    () => ctx.client.must([200], 'GET', `/api/admin/tenants/${ctx.tenantId}/overview`, { token: adminToken }),
    (overview) =>
      (overview.body.module?.extensions ?? []).some(
        (e: { environment: string; companyId: string; installed: boolean }) =>
          e.environment === 'production' && e.companyId === 'CRONUS' && e.installed,
      ),
    'licensing to read the seeded ERP extension status of production / CRONUS (without it, invitations are refused with module_inactive)',
  );
}

/** The portal status of a demo person's contact, as the administrator's browse shows it. */
export async function portalStatus(ctx: DemoContext, adminToken: string, who: DemoPerson): Promise<string | undefined> {
  const contact = who.contact;
  if (!contact) return undefined;
  const contacts = await ctx.client.must(
    [200, 404],
    'GET',
    `/api/admin/tenants/${ctx.tenantId}/environments/production/companies/CRONUS/partners/${contact.partnerType}/${contact.partnerNo}/contacts`,
    { token: adminToken },
  );
  return contacts.body.items?.find((c: { contactNo: string }) => c.contactNo === contact.contactNo)?.portalStatus;
}

/**
 * Brings the demo tenant to where the demo sign-ins show something: master data and documents from the simulator
 * (through the gateway with the tenant's connector key), licenses bought, and each demo person with a start role
 * invited and accepted. Idempotent: a second `npm start` finds it done and changes nothing.
 */
export async function prepareDemoTenant(ctx: DemoContext): Promise<{ connectorKey: string }> {
  const adminToken = await ctx.client.tokenOf(admin().username, ctx.password);
  const key = await connectorKey(ctx, adminToken);
  const sink = new GatewaySink(ctx.gatewayUrl, key);
  const quiet = () => undefined;
  const seeded = await seed(sink, { tenantId: ctx.tenantId, seed: ctx.seed, log: quiet });
  ctx.say(`demo tenant ${ctx.tenantId}: ${seeded.events} master data events sent through the gateway`);
  await until(
    () => portalStatus(ctx, adminToken, person('rita')),
    (s) => s !== undefined,
    'the seeded contacts',
  );

  const overview = await ctx.client.must([200], 'GET', `/api/admin/tenants/${ctx.tenantId}/overview`, {
    token: adminToken,
  });
  const missing = DEMO_LICENSES - overview.body.pool.purchased;
  if (missing > 0) {
    await ctx.client.must([201], 'POST', `/api/admin/tenants/${ctx.tenantId}/cart/lines`, {
      token: adminToken,
      body: { quantity: missing },
    });
    await ctx.client.must([200, 201], 'POST', `/api/admin/tenants/${ctx.tenantId}/checkout`, {
      token: adminToken,
      headers: { 'idempotency-key': `npm-start-${Date.now()}` },
    });
    ctx.say(`bought ${missing} licenses`);
  }

  // Each service reads the seed at its own pace: wait until the ones that take part in an invitation have read what
  // they need, rather than for a time.
  const pending: Array<{ who: DemoPerson; status: string | undefined }> = [];
  for (const who of DEMO_PEOPLE.filter((p) => p.startRole)) {
    const status = await portalStatus(ctx, adminToken, who);
    if (status !== 'portal_user') pending.push({ who, status });
  }
  if (pending.length > 0) {
    await licensingKnowsExtension(ctx, adminToken);
    await invitationsKnow(
      ctx,
      adminToken,
      pending.map((p) => p.who),
    );
  }

  for (const { who, status } of pending) {
    if (status === 'invited') {
      const open = await ctx.client.must(
        [200],
        'GET',
        `/api/admin/tenants/${ctx.tenantId}/invitations?contactNo=${who.contact?.contactNo}`,
        {
          token: adminToken,
        },
      );
      for (const invitation of open.body.items.filter((i: { status: string }) =>
        ['pending_license', 'invited', 'email_failed'].includes(i.status),
      )) {
        await ctx.client.must(
          [200],
          'POST',
          `/api/admin/tenants/${ctx.tenantId}/invitations/${invitation.invitationId}/revoke`,
          {
            token: adminToken,
            body: { reason: 'npm start invites again' },
          },
        );
      }
    }
    await inviteAndAccept(ctx, adminToken, who, who.startRole as string);
    ctx.say(`${who.username} invited and accepted as ${who.startRole}`);
  }

  const streamed = await stream(sink, {
    tenantId: ctx.tenantId,
    seed: ctx.seed,
    rate: 5_000,
    events: 2_000,
    log: quiet,
  });
  ctx.say(`${streamed.sent} document events streamed (orders, shipments, invoices, returns, 3PL stock)`);
  return { connectorKey: key };
}
