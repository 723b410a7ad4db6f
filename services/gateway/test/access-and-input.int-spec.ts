import { randomUUID } from 'node:crypto';
import { ErpDocumentType, PartnerType, PortalRole } from '@partner-portal/contracts';
import {
  CONTACTS,
  documentUpserted,
  erpPlace,
  grantMembership,
  masterData,
  people,
  type RunningPlatform,
  salesOrder,
  startPlatform,
  tokenOf,
  waitFor,
  deskOrder,
} from '@partner-portal/testing';

type Operation = {
  summary?: string;
  security?: object[];
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content: Record<string, { schema: { $ref?: string; properties?: object } }> };
  responses: Record<string, object>;
};
type OpenApi = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, { type?: string; $ref?: string }> }> };
};

/** Routes for probes and scrapers: open, and never rate-limited. */
const OPERATIONAL_ROUTES = ['GET /health/live', 'GET /health/ready', 'GET /metrics'];
/** Routes that anyone may call: probes, the invitation preview before sign-in, the web app's sign-in settings. */
const OPEN_ROUTES = [...OPERATIONAL_ROUTES, 'POST /api/portal/invitations/preview', 'GET /api/client-config'];

const order = (itemNo = 'DESK') => deskOrder('1', itemNo);

// Who may do what on every route, and what bad input gets, through the gateway with every service running.
describe('access and input on every route', () => {
  let platform: RunningPlatform;
  let doc: OpenApi;
  let operations: Array<{ method: string; path: string; operation: Operation }>;
  const tenant = 'tenant-matrix';
  const place = erpPlace(tenant);
  const who = people(tenant);
  const stranger = people('tenant-stranger').admin;
  const tokens: Record<string, string> = {};
  let keyOfTenant: string;
  let keyOfStranger: string;

  /** A concrete path of a documented one, with well-formed values in its parameters. */
  const concrete = (path: string) =>
    path
      .replace('{tenantId}', tenant)
      .replace('{environment}', 'production')
      .replace('{companyId}', 'CRONUS')
      .replace('{partnerType}', 'customer')
      .replace('{partnerNo}', 'C10000')
      .replace(/\{[a-zA-Z]+Id\}/g, () => randomUUID());

  beforeAll(async () => {
    platform = await startPlatform('matrix', [...Object.values(who), stranger]);
    await platform.publisher.publish(...masterData(place, who));
    for (const [name, account] of Object.entries({ ...who, stranger })) tokens[name] = await tokenOf(platform, account);
    await grantMembership(platform, place, who.rita, CONTACTS.rita, PortalRole.CustomerRepresentative);
    await grantMembership(platform, place, who.aaron, CONTACTS.aaron, PortalRole.AuthorizedUser);
    await grantMembership(platform, place, who.alice, CONTACTS.alice, PortalRole.AuthorizedUser);
    await grantMembership(platform, place, who.victor, CONTACTS.victor, PortalRole.CustomerRepresentative);
    const key = (token: string, tenantId: string) =>
      platform.call('POST', `/api/admin/tenants/${tenantId}/connector-keys`, { token, body: { label: 'erp' } });
    keyOfTenant = (await key(tokens.admin, tenant)).body.key;
    keyOfStranger = (await key(tokens.stranger, 'tenant-stranger')).body.key;
    doc = (await platform.call('GET', '/api/docs-json')).body;
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
    );
  }, 180_000);
  afterAll(() => platform?.stop());

  it('documents every route the gateway serves, with its summary, parameters, body and answers', () => {
    const mapped = [...platform.services.gateway.output().matchAll(/Mapped \{([^,]+), (\w+)\} route/g)].map(
      ([, path, method]) => `${method} ${path.replace(/:(\w+)/g, '{$1}')}`,
    );
    expect(mapped.length).toBeGreaterThan(50);
    const documented = operations.map((o) => `${o.method} ${o.path}`);
    expect(documented.sort()).toEqual([...new Set(mapped)].sort());
    for (const { method, path, operation } of operations) {
      const where = `${method} ${path}`;
      expect([where, typeof operation.summary]).toEqual([where, 'string']);
      const always = OPERATIONAL_ROUTES.includes(where) ? ['200', '503'] : ['429', '503'];
      expect([where, Object.keys(operation.responses)]).toEqual([where, expect.arrayContaining(always)]);
      if (!OPEN_ROUTES.includes(where)) {
        expect([where, operation.responses['401'], operation.security?.length]).toEqual([where, expect.anything(), 1]);
      }
      for (const name of path.match(/\{(\w+)\}/g) ?? []) {
        expect([where, operation.parameters?.some((p) => p.in === 'path' && `{${p.name}}` === name)]).toEqual([
          where,
          true,
        ]);
      }
      const json = operation.requestBody?.content['application/json']?.schema;
      if (json?.$ref) {
        const schema = doc.components.schemas[json.$ref.split('/').pop()!];
        expect([where, Object.keys(schema.properties ?? {}).length > 0]).toEqual([where, true]);
      }
    }
    const listInvitations = doc.paths['/api/admin/tenants/{tenantId}/invitations'].get;
    expect(listInvitations.parameters!.map((p) => p.name)).toEqual(
      expect.arrayContaining(['status', 'partnerNo', 'page', 'pageSize']),
    );
  });

  it('pages every list the same documented way: page and pageSize in; items, page, pageSize and total out', () => {
    const schemaOf = (operation: Operation) => {
      const answer = operation.responses['200'] as { content?: Record<string, { schema: { $ref?: string } }> };
      const ref = answer?.content?.['application/json']?.schema?.$ref;
      return ref ? doc.components.schemas[ref.split('/').pop()!] : undefined;
    };
    const lists = operations.filter(
      ({ method, operation }) => method === 'GET' && schemaOf(operation)?.properties?.items?.type === 'array',
    );
    expect(lists.map(({ method, path }) => `${method} ${path}`)).toEqual(
      expect.arrayContaining([
        'GET /api/portal/documents',
        'GET /api/portal/stock',
        'GET /api/portal/orders',
        'GET /api/portal/items',
        'GET /api/admin/tenants/{tenantId}/documents',
        'GET /api/admin/tenants/{tenantId}/stock',
        'GET /api/admin/tenants/{tenantId}/orders',
        'GET /api/admin/tenants/{tenantId}/invitations',
        'GET /api/admin/tenants/{tenantId}/portal-users',
        'GET /api/admin/tenants/{tenantId}/environments/{environment}/companies/{companyId}/partners',
        'GET /api/admin/tenants/{tenantId}/connector-keys',
        'GET /api/admin/tenants',
      ]),
    );
    for (const { method, path, operation } of lists) {
      const where = `${method} ${path}`;
      const query = (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      expect([where, query]).toEqual([where, expect.arrayContaining(['page', 'pageSize'])]);
      expect([where, query.filter((name) => ['cursor', 'limit', 'offset'].includes(name))]).toEqual([where, []]);
      const answer = Object.keys(schemaOf(operation)!.properties!);
      expect([where, answer]).toEqual([where, expect.arrayContaining(['items', 'page', 'pageSize', 'total'])]);
      expect([where, answer.includes('nextCursor')]).toEqual([where, false]);
    }
  });

  it('answers 401 to anyone without a token on every route but the open ones', async () => {
    for (const { method, path } of operations) {
      if (OPEN_ROUTES.includes(`${method} ${path}`)) continue;
      const response = await platform.call(method, concrete(path), { body: method === 'GET' ? undefined : {} });
      expect([method, path, response.status, response.contentType]).toEqual([
        method,
        path,
        401,
        expect.stringContaining('application/problem+json'),
      ]);
    }
  });

  it("answers 404 on every admin route to another tenant's administrator, and to portal users", async () => {
    for (const { method, path } of operations.filter((o) => o.path.startsWith('/api/admin/tenants/{tenantId}'))) {
      for (const token of [tokens.stranger, tokens.rita, tokens.uma]) {
        const response = await platform.call(method, concrete(path), {
          token,
          body: method === 'GET' ? undefined : {},
        });
        expect([method, path, response.status]).toEqual([method, path, 404]);
      }
    }
  });

  it("never shows a document of another partner, nor an authorized user a colleague's order", async () => {
    const aaronsOrder = await platform.call('POST', '/api/portal/orders', {
      token: tokens.aaron,
      headers: { 'idempotency-key': 'aaron-1' },
      body: order(),
    });
    const alicesOrder = await platform.call('POST', '/api/portal/orders', {
      token: tokens.alice,
      headers: { 'idempotency-key': 'alice-1' },
      body: order(),
    });
    expect([aaronsOrder.status, alicesOrder.status]).toEqual([201, 201]);
    // The ERP's sales orders for both, and a purchase order of the vendor.
    await platform.publisher.publish(
      salesOrder(place, 'SO-AARON', { portalOrderId: aaronsOrder.body.portalOrderId }),
      salesOrder(place, 'SO-ALICE', { portalOrderId: alicesOrder.body.portalOrderId }),
      documentUpserted(place, {
        documentNo: 'PO-VICTOR',
        documentType: ErpDocumentType.PurchaseOrder,
        partnerType: PartnerType.Vendor,
        partnerNo: 'V10000',
      }),
    );
    const list = (token: string) => platform.call('GET', '/api/portal/documents', { token });
    const numbers = (r: { body: { items: Array<{ documentNo: string }> } }) =>
      r.body.items.map((d) => d.documentNo).sort();
    const ritas = await waitFor(
      () => list(tokens.rita),
      (r) => r.body.items?.length === 2,
      { what: "both orders for Fabrikam's representative" },
    );
    expect(numbers(ritas)).toEqual(['SO-AARON', 'SO-ALICE']);
    const victors = await waitFor(
      () => list(tokens.victor),
      (r) => r.body.items?.length === 1,
      { what: "Contoso's PO" },
    );
    expect(numbers(await list(tokens.aaron))).toEqual(['SO-AARON']);
    expect(numbers(await list(tokens.alice))).toEqual(['SO-ALICE']);

    const id = (r: typeof ritas, no: string) =>
      r.body.items.find((d: { documentNo: string }) => d.documentNo === no).documentId;
    const read = (token: string, documentId: string) =>
      platform.call('GET', `/api/portal/documents/${documentId}`, { token });
    expect((await read(tokens.victor, id(ritas, 'SO-AARON'))).status).toBe(404);
    expect((await read(tokens.rita, id(victors, 'PO-VICTOR'))).status).toBe(404);
    expect((await read(tokens.aaron, id(ritas, 'SO-ALICE'))).status).toBe(404);
    expect((await read(tokens.aaron, id(ritas, 'SO-AARON'))).status).toBe(200);

    const orders = async (token: string) =>
      (await platform.call('GET', '/api/portal/orders', { token })).body.items.map(
        (o: { portalOrderId: string }) => o.portalOrderId,
      );
    expect(await orders(tokens.aaron)).toEqual([aaronsOrder.body.portalOrderId]);
    expect(await orders(tokens.alice)).toEqual([alicesOrder.body.portalOrderId]);
    expect((await orders(tokens.rita)).sort()).toEqual(
      [aaronsOrder.body.portalOrderId, alicesOrder.body.portalOrderId].sort(),
    );
  });

  it('shows an unauthorized contact nothing', async () => {
    const me = await platform.call('GET', '/api/portal/me', { token: tokens.uma });
    expect(me.body).toMatchObject({ memberships: [], administratorOf: [] });
    for (const { method, path } of operations.filter(
      (o) => o.path.startsWith('/api/portal/') && !o.path.includes('/invitations') && !o.path.endsWith('/me'),
    )) {
      const response = await platform.call(method, concrete(path), {
        token: tokens.uma,
        body: method === 'GET' ? undefined : {},
      });
      expect([method, path, response.status]).toEqual([method, path, 403]);
    }
  });

  it("keeps a connector key to its own tenant: another tenant's events are refused and none is published", async () => {
    const publish = (key: string, events: object[]) =>
      platform.call('POST', '/api/connector/events', { headers: { authorization: `ApiKey ${key}` }, body: { events } });
    const ours = salesOrder(place, 'SO-BY-KEY');
    const theirs = salesOrder(erpPlace('tenant-stranger'), 'SO-NOT-THEIRS');
    const refused = await publish(keyOfStranger, [salesOrder(erpPlace('tenant-stranger'), 'SO-FINE'), ours]);
    expect(refused.status).toBe(400);
    expect(refused.body.rejected).toEqual([
      { index: 1, eventId: ours.eventId, type: 'DocumentUpserted', reason: expect.stringContaining('tenantId') },
    ]);
    expect((await publish(keyOfTenant, [theirs])).status).toBe(400);
    expect((await publish(keyOfTenant, [ours])).status).toBe(202);
    const admin = await waitFor(
      () => platform.call('GET', `/api/admin/tenants/${tenant}/documents?search=SO-`, { token: tokens.admin }),
      (r) => r.body.items?.some((d: { documentNo: string }) => d.documentNo === 'SO-BY-KEY'),
      { what: 'the document published with the right key' },
    );
    expect(admin.body.items.map((d: { documentNo: string }) => d.documentNo)).not.toContain('SO-NOT-THEIRS');
    expect((await publish('ppck_unknown', [ours])).status).toBe(401);
    expect(
      (await platform.call('GET', '/api/connector/whoami', { headers: { 'x-api-key': keyOfTenant } })).body,
    ).toEqual({
      tenantId: tenant,
      keyId: expect.any(String),
    });
  });

  it('refuses bad input on every write route with 400 problem+json naming the field', async () => {
    const wrong = (property: { type?: string }) =>
      property.type === 'string' ? 12345 : property.type === 'integer' || property.type === 'number' ? 'many' : 'x';
    const tokenFor = (path: string) => (path.startsWith('/api/admin') ? tokens.admin : tokens.rita);
    let checked = 0;
    for (const { method, path, operation } of operations) {
      const ref = operation.requestBody?.content['application/json']?.schema?.$ref;
      if (!ref) continue;
      const properties = doc.components.schemas[ref.split('/').pop()!].properties ?? {};
      const body = Object.fromEntries(Object.entries(properties).map(([name, p]) => [name, wrong(p)]));
      // A connector's route takes its key; everyone else's a person's token.
      const connector = path.startsWith('/api/connector');
      const response = await platform.call(method, concrete(path), {
        token: connector ? undefined : tokenFor(path),
        headers: {
          'idempotency-key': randomUUID(),
          ...(connector ? { authorization: `ApiKey ${keyOfTenant}` } : {}),
        },
        body,
      });
      expect([method, path, response.status, response.contentType]).toEqual([
        method,
        path,
        400,
        expect.stringContaining('application/problem+json'),
      ]);
      const named = response.body.errors.map((e: { field: string }) => e.field.split(/[.[]/)[0]);
      expect([method, path, named.length > 0 && named.every((f: string) => f in properties)]).toEqual([
        method,
        path,
        true,
      ]);
      checked += 1;
    }
    expect(checked).toBeGreaterThanOrEqual(15);
  });

  it('refuses what no schema names (NUL, __proto__, a token of the wrong type, bad UTF-8, no JSON) with a clear problem', async () => {
    const invitations = `/api/admin/tenants/${tenant}/invitations`;
    const invite = {
      environment: 'production',
      companyId: 'CRONUS',
      partnerType: 'customer',
      partnerNo: 'C10000',
      contactNo: 'CT-UMA',
      role: 'authorized_user',
    };
    const post = (path: string, body: unknown, headers: Record<string, string> = {}, token = tokens.admin) =>
      platform.call('POST', path, { token, body, headers: { 'idempotency-key': randomUUID(), ...headers } });
    const refused = (field: string, reason: string | RegExp) => ({
      status: 400,
      contentType: expect.stringContaining('application/problem+json'),
      body: { errors: [{ field, reason: expect.stringMatching(reason) }] },
    });

    expect(await post(invitations, { ...invite, inviterName: 'Ada\u0000' })).toMatchObject(
      refused('inviterName', 'NUL character'),
    );
    expect(
      await post(
        '/api/portal/orders',
        { ...order(), deliveryAddress: { ...order().deliveryAddress, city: 'A\u0000' } },
        {},
        tokens.aaron,
      ),
    ).toMatchObject(refused('deliveryAddress.city', 'NUL character'));
    expect(
      await post(`${invitations}/bulk`, { invitations: [invite, { ...invite, contactNo: 'CT\u0000' }] }),
    ).toMatchObject(refused('invitations[1].contactNo', 'NUL character'));
    expect(await platform.call('GET', `${invitations}?search=a%00b`, { token: tokens.admin })).toMatchObject(
      refused('search', 'NUL character'),
    );
    expect(await post(invitations, '{"__proto__": {"admin": true}, "environment": "production"}')).toMatchObject({
      status: 400,
      body: { errors: expect.arrayContaining([{ field: '__proto__', reason: 'property __proto__ should not exist' }]) },
    });
    expect(
      await post('/api/portal/invitations/accept', { token: 12345, code: 'ABCDE-FGHJK' }, {}, tokens.uma),
    ).toMatchObject({
      status: 400,
      body: { errors: expect.arrayContaining([expect.objectContaining({ field: 'token' })]) },
    });

    const badUtf8 = new Uint8Array([...Buffer.from('{"inviterName": "Ad'), 0xc3, 0x28, ...Buffer.from('a"}')]);
    expect(await post(invitations, badUtf8)).toMatchObject({
      status: 400,
      contentType: expect.stringContaining('application/problem+json'),
      body: { detail: 'the body is not valid UTF-8' },
    });
    expect(await post(invitations, JSON.stringify(invite), { 'content-type': 'text/plain' })).toMatchObject({
      status: 415,
      contentType: expect.stringContaining('application/problem+json'),
      body: { title: 'Unsupported Media Type', detail: 'the body must be JSON (Content-Type: application/json)' },
    });
    const empty = await platform.call('POST', `/api/admin/tenants/${tenant}/connector-keys`, { token: tokens.admin });
    expect(empty).toMatchObject(refused('(body)', 'is required'));
    // Nothing of it was written.
    expect((await platform.call('GET', invitations, { token: tokens.admin })).body.total).toBe(0);
  });

  it('refuses a query parameter the route does not know, on every route alike, naming it', async () => {
    const unknown = (field: string) => ({
      status: 400,
      contentType: expect.stringContaining('application/problem+json'),
      body: { errors: [{ field, reason: `property ${field} should not exist` }] },
    });
    // A route without query parameters, and one with its own: the same rule, the same answer.
    expect(await platform.call('GET', '/api/portal/me?debug=1', { token: tokens.rita })).toMatchObject(
      unknown('debug'),
    );
    expect(
      await platform.call('GET', `/api/admin/tenants/${tenant}/invitations?debug=1`, { token: tokens.admin }),
    ).toMatchObject(unknown('debug'));
    // The paging parameters of another convention are unknown too, on every list.
    expect(await platform.call('GET', '/api/portal/documents?cursor=abc', { token: tokens.rita })).toMatchObject(
      unknown('cursor'),
    );
    expect(await platform.call('GET', '/api/portal/orders?limit=10', { token: tokens.rita })).toMatchObject(
      unknown('limit'),
    );
    // Signed out, the sign-in comes first: nothing is said about the route's parameters.
    expect((await platform.call('GET', '/api/portal/me?debug=1')).status).toBe(401);
  });

  it('refuses malformed JSON and oversized bodies, and writes nothing of a refused request', async () => {
    const invitations = `/api/admin/tenants/${tenant}/invitations`;
    const malformed = await platform.call('POST', invitations, { token: tokens.admin, body: '{"environment": ' });
    expect(malformed).toMatchObject({ status: 400, body: { detail: 'the body is not valid JSON' } });
    expect(malformed.contentType).toContain('application/problem+json');
    const huge = await platform.call('POST', invitations, {
      token: tokens.admin,
      body: { inviterName: 'x'.repeat(300_000) },
    });
    expect(huge.status).toBe(413);
    expect(huge.contentType).toContain('application/problem+json');

    const invite = (contactNo: string, role = 'authorized_user') => ({
      environment: 'production',
      companyId: 'CRONUS',
      partnerType: 'customer',
      partnerNo: 'C10000',
      contactNo,
      role,
    });
    const bulk = await platform.call('POST', `${invitations}/bulk`, {
      token: tokens.admin,
      body: { invitations: [invite('CT-UMA'), invite('CT-RITA', 'owner')] },
    });
    expect(bulk.status).toBe(400);
    expect(bulk.body.errors).toEqual([{ field: 'invitations[1].role', reason: expect.any(String) }]);
    expect((await platform.call('GET', invitations, { token: tokens.admin })).body.total).toBe(0);

    const noFile = await platform.call('POST', '/api/portal/orders/upload', {
      token: tokens.rita,
      headers: { 'idempotency-key': 'upload-1', 'content-type': 'multipart/form-data; boundary=x' },
      body: '--x--\r\n',
    });
    expect(noFile.status).toBe(400);
    expect(noFile.body.errors).toEqual([{ field: 'file', reason: expect.any(String) }]);
    const noKey = await platform.call('POST', `/api/admin/tenants/${tenant}/checkout`, { token: tokens.admin });
    expect(noKey.status).toBe(400);
    expect(noKey.body.errors[0].field).toBe('Idempotency-Key');
  });
});
