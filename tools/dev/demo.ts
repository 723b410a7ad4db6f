// `npm run demo`: the main journey through the gateway's API, as a client application drives it, against the
// system `npm start` runs. Prints each step and what the system answered. Runs again and again: it resets Nina first.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { admin, inviteAndAccept, person, portalStatus, type DemoContext } from './demo-tenant';
import { PortalClient, SCRIPT_CLIENT, until } from './portal-client';

const root = join(__dirname, '..', '..');
const gatewayUrl = process.env.GATEWAY_URL ?? 'http://127.0.0.1:3100';
const issuer = process.env.OIDC_ISSUER ?? `http://127.0.0.1:${process.env.IDP_PORT ?? 3200}`;
const tenantId = process.env.DEMO_TENANT_ID ?? 'demo';
let stepNo = 0;
const step = (title: string) => console.log(`\n${String((stepNo += 1)).padStart(2)}. ${title}`);
const show = (line: string) => console.log(`    ${line}`);

async function main(): Promise<void> {
  const passwordFile = join(
    process.env.IDP_STATE_DIR ?? join(root, '.local', 'identity-provider'),
    'demo-password.json',
  );
  const running = await fetch(`${gatewayUrl}/health/ready`).then(
    (r) => r.ok,
    () => false,
  );
  if (!running || !existsSync(passwordFile)) {
    throw new Error(`no system answers at ${gatewayUrl}: start it first with \`npm start\` (in another terminal)`);
  }
  const password = JSON.parse(readFileSync(passwordFile, 'utf8')) as string;
  const client = new PortalClient({ gatewayUrl, issuer, client: SCRIPT_CLIENT });
  const ctx: DemoContext = {
    client,
    gatewayUrl,
    tenantId,
    password,
    mailDir: process.env.MAIL_DEV_DIR ?? join(root, '.local', 'mail'),
    stateDir: join(root, '.local', 'demo'),
    seed: 42,
    say: show,
  };
  const base = `/api/admin/tenants/${tenantId}`;
  const pool = async (token: string) => (await client.must([200], 'GET', `${base}/overview`, { token })).body.pool;
  const poolLine = (p: { purchased: number; reserved: number; consumed: number; available: number }) =>
    `licenses: ${p.purchased} purchased, ${p.reserved} reserved, ${p.consumed} consumed, ${p.available} available`;

  step(`Ada, the administrator, signs in at ${issuer} (authorization code + PKCE)`);
  const ada = await client.tokenOf(admin().username, password);
  show(poolLine(await pool(ada)));

  const nina = person('nina');
  const status = await portalStatus(ctx, ada, nina);
  if (status === 'portal_user' || status === 'invited') {
    step('Reset from an earlier run: Nina loses her access (her license goes back)');
    const users = await client.must([200], 'GET', `${base}/portal-users?partnerNo=C10000&status=active`, {
      token: ada,
    });
    for (const user of users.body.items.filter((u: { contactNo: string }) => u.contactNo === nina.contact?.contactNo)) {
      await client.must([200], 'POST', `${base}/portal-users/${user.membershipId}/deactivate`, { token: ada });
    }
    const open = await client.must(
      [200],
      'GET',
      `${base}/invitations?contactNo=${nina.contact?.contactNo}&status=invited`,
      { token: ada },
    );
    for (const invitation of open.body.items) {
      await client.must([200], 'POST', `${base}/invitations/${invitation.invitationId}/revoke`, {
        token: ada,
        body: {},
      });
    }
    await until(
      () => portalStatus(ctx, ada, nina),
      (s) => s !== 'portal_user' && s !== 'invited',
      "Nina's reset",
    );
    show(poolLine(await pool(ada)));
  }

  step('Ada buys 2 licenses: cart, then checkout');
  await client.must([201], 'POST', `${base}/cart/lines`, { token: ada, body: { quantity: 2 } });
  const purchase = await client.must([201], 'POST', `${base}/checkout`, {
    token: ada,
    headers: { 'idempotency-key': `demo-${Date.now()}` },
  });
  show(
    `purchase ${purchase.body.orderNo}: ${purchase.body.quantity} licenses, ${purchase.body.amount} ${purchase.body.currencyCode}`,
  );
  show(poolLine(await pool(ada)));

  step('Ada invites Nina Newcomer (contact CT000005 of Fabrikam Retail, C10000) as authorized user');
  const before = Date.now();
  const { mail } = await inviteAndAccept(ctx, ada, nina, 'authorized_user');
  show(`the e-mail arrived: "${mail.subject}" with registration code ${mail.code}`);
  step('Nina signs in and accepts with the code from the e-mail');
  const ninaToken = await client.tokenOf(nina.username, password);
  const me = await client.must([200], 'GET', '/api/portal/me', { token: ninaToken });
  show(
    `Nina is now ${me.body.memberships[0].role} of ${me.body.memberships[0].partnerName} (${((Date.now() - before) / 1000).toFixed(1)} s after the invitation)`,
  );
  show(
    poolLine(
      await until(
        () => pool(ada),
        (p) => p.reserved === 0,
        'the license consumed',
      ),
    ),
  );

  step('Documents as Rita, the customer representative: everything of Fabrikam, in her words');
  const rita = await client.tokenOf('rita', password);
  const count = async (token: string) => {
    const list = await client.must([200], 'GET', '/api/portal/documents?pageSize=200', { token });
    const byType: Record<string, number> = {};
    for (const d of list.body.items) byType[d.type] = (byType[d.type] ?? 0) + 1;
    return byType;
  };
  show(JSON.stringify(await count(rita)));
  step(
    'Documents as Nina, an authorized user: only the orders the ERP records with her contact, and what follows from them',
  );
  const ninasBefore = await count(ninaToken);
  show(JSON.stringify(ninasBefore));

  step('Nina orders 2 ATHENS Desks for the Amsterdam store');
  const order = await client.must([201], 'POST', '/api/portal/orders', {
    token: ninaToken,
    headers: { 'idempotency-key': `demo-order-${Date.now()}` },
    body: {
      requestedReceiptDate: new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10),
      deliveryAddress: {
        description: 'Amsterdam store',
        line1: 'Kalverstraat 1',
        city: 'Amsterdam',
        postalCode: '1012 NX',
        countryCode: 'NL',
      },
      requisitionNo: 'DEMO-1',
      lines: [{ itemNo: '1896-S', quantity: '2', unitCode: 'PCS' }],
    },
  });
  show(
    `${order.body.portalOrderNo} ${order.body.status}: estimated ${order.body.estimatedTotal} ${order.body.currencyCode}`,
  );

  step('The ERP (the simulator) answers');
  const answered = await until(
    () => client.must([200], 'GET', '/api/portal/orders', { token: ninaToken }),
    (r) =>
      r.body.items.find((o: { portalOrderId: string }) => o.portalOrderId === order.body.portalOrderId)?.status !==
      'submitted',
    'the ERP to answer the order (is `npm start` running the simulator?)',
  );
  const mine = answered.body.items.find((o: { portalOrderId: string }) => o.portalOrderId === order.body.portalOrderId);
  show(
    `${mine.portalOrderNo} ${mine.status}${mine.erpOrderNo ? ` as ERP sales order ${mine.erpOrderNo}` : `: ${mine.rejectionReason}`}`,
  );
  const withOrder = await until(
    () => count(ninaToken),
    (c) => (c.purchase_order ?? 0) > (ninasBefore.purchase_order ?? 0),
    "the ERP's sales order in Nina's view",
  );
  show(`Nina now sees ${JSON.stringify(withOrder)}`);

  step('Ada invites another contact, then revokes the invitation: the license comes back');
  const other = {
    environment: 'production',
    companyId: 'CRONUS',
    partnerType: 'customer',
    partnerNo: 'C10010',
    role: 'authorized_user',
  };
  const contacts = await client.must(
    [200],
    'GET',
    `${base}/environments/production/companies/CRONUS/partners/customer/C10010/contacts`,
    { token: ada },
  );
  const candidate = contacts.body.items.find((c: { portalStatus: string }) => c.portalStatus === 'not_invited');
  if (!candidate) throw new Error('every contact of C10010 is invited already');
  const invited = await client.must([201], 'POST', `${base}/invitations`, {
    token: ada,
    body: { ...other, contactNo: candidate.contactNo },
  });
  show(
    `invited ${candidate.name}: ${poolLine(
      await until(
        () => pool(ada),
        (p) => p.reserved === 1,
        'the license held',
      ),
    )}`,
  );
  await client.must([200], 'POST', `${base}/invitations/${invited.body.invitationId}/revoke`, {
    token: ada,
    body: { reason: 'demo' },
  });
  show(
    `revoked: ${poolLine(
      await until(
        () => pool(ada),
        (p) => p.reserved === 0,
        'the license released',
      ),
    )}`,
  );

  console.log('\nThe journey went through the gateway alone. Try it yourself at ' + `${gatewayUrl}/api/docs.`);
}

main().catch((error: Error) => {
  console.error(`\n[demo] ${error.message}`);
  process.exit(1);
});
