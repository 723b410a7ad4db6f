import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import * as contracts from '@partner-portal/api-contracts';
import { ErpDocumentType, PartnerType, PortalRole, Topics, toFieldErrors } from '@partner-portal/contracts';
import {
  companyUpserted,
  CONTACTS,
  erpPlace,
  type GatewayRequestOptions,
  type GatewayResponse,
  grantMembership,
  invitationMail,
  masterData,
  people,
  portalOrderAccepted,
  type RunningPlatform,
  salesOrder,
  startPlatform,
  stockLevelChanged,
  tokenOf,
  waitFor,
} from '@partner-portal/testing';

type Schema = { $ref?: string; type?: string; items?: Schema };
type Operation = { responses: Record<string, { content?: Record<string, { schema: Schema }> }> };
type OpenApi = { paths: Record<string, Record<string, Operation>> };
type ResponseClass = new () => object;

/** The documented route (path template) a concrete call is for: the one with the fewest parameters that matches. */
function documentedRoute(doc: OpenApi, method: string, url: string): { path: string; operation: Operation } {
  const path = url.split('?')[0];
  const [found] = Object.entries(doc.paths)
    .filter(([template, methods]) => {
      const pattern = new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`);
      return methods[method.toLowerCase()] !== undefined && pattern.test(path);
    })
    .sort(([a], [b]) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0));
  if (!found) throw new Error(`${method} ${path} is not in the OpenAPI document`);
  return { path: found[0], operation: found[1][method.toLowerCase()] };
}

/** The class of `libs/api-contracts` a documented schema names (`#/components/schemas/InvitationResponse`). */
function responseClass(ref: string | undefined): ResponseClass | undefined {
  const name = ref?.split('/').pop() ?? '';
  const found = (contracts as Record<string, unknown>)[name];
  return typeof found === 'function' ? (found as ResponseClass) : undefined;
}

/**
 * Every refusal of a body by its response class, by path: the class's rules, and any field it does not declare
 * (`forbidNonWhitelisted`), also in nested objects.
 */
function violations(type: ResponseClass, body: unknown): string[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return ['(body): must be an object'];
  const errors = validateSync(plainToInstance(type, body), {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  return toFieldErrors(errors).map((e) => `${e.field}: ${e.reason}`);
}

// Drives a journey over every route of the public API (admin, portal, connector) with every service running, and
// holds each real success answer against what the OpenAPI document says: the status must be documented, and the
// body must satisfy the response class the document names for it, with no field the class does not declare.
describe('the success answers of the gateway', () => {
  let platform: RunningPlatform;
  let doc: OpenApi;
  const tenant = 'tenant-contracts';
  const place = erpPlace(tenant);
  const who = people(tenant);
  const admin = `/api/admin/tenants/${tenant}`;
  const tokens: Record<string, string> = {};
  /** `METHOD /path/{template}` of every documented route whose answer was checked. */
  const checked = new Set<string>();

  /** Holds one answer against the document; answers it for the journey to go on. */
  function conforms<T = any>(method: string, url: string, response: GatewayResponse<T>, status: number) {
    const { path, operation } = documentedRoute(doc, method, url);
    const where = `${method} ${path}`;
    expect([where, response.status, response.status === status ? '' : response.body]).toEqual([where, status, '']);
    const documented = operation.responses[String(status)];
    expect([where, status, documented !== undefined]).toEqual([where, status, true]);
    if (status !== 204) {
      const schema = documented.content?.['application/json']?.schema;
      const list = schema?.type === 'array';
      const type = responseClass(list ? schema?.items?.$ref : schema?.$ref);
      expect([where, type?.name ?? 'no response class in the document']).toEqual([where, expect.any(String)]);
      const bodies: unknown[] = list ? (Array.isArray(response.body) ? response.body : [null]) : [response.body];
      const refused = bodies.flatMap((body, i) => violations(type!, body).map((v) => (list ? `[${i}].${v}` : v)));
      expect([where, type!.name, refused]).toEqual([where, type!.name, []]);
    }
    checked.add(where);
    return response;
  }

  /** Calls the gateway and holds the answer against the document. */
  async function call<T = any>(method: string, url: string, status: number, options: GatewayRequestOptions = {}) {
    return conforms<T>(method, url, await platform.call<T>(method, url, options), status);
  }

  const as = (name: keyof typeof tokens, extra: Omit<GatewayRequestOptions, 'token'> = {}) => ({
    token: tokens[name],
    ...extra,
  });

  beforeAll(async () => {
    platform = await startPlatform('contracts', Object.values(who));
    for (const [name, account] of Object.entries(who)) tokens[name] = await tokenOf(platform, account);
    doc = (await platform.call('GET', '/api/docs-json')).body;
  }, 180_000);
  afterAll(() => platform?.stop());

  it('match the response class the OpenAPI document names for each route, with no field it does not declare', async () => {
    // Where an administrator starts; an administrator is nobody's portal user (portalUserId null, no memberships).
    await call('GET', '/api/admin/tenants', 200, as('admin'));
    await call('GET', '/api/portal/me', 200, as('admin'));

    // Connector keys: create, rotate (the old key shows revoked and replaced), list, revoke.
    const first = await call('POST', `${admin}/connector-keys`, 201, as('admin', { body: { label: 'first' } }));
    const rotated = await call(
      'POST',
      `${admin}/connector-keys`,
      201,
      as('admin', { body: { label: 'Business Central production', replaces: first.body.id } }),
    );
    const spare = await call('POST', `${admin}/connector-keys`, 201, as('admin', { body: { label: 'spare' } }));
    await call('POST', `${admin}/connector-keys/${spare.body.id}/revoke`, 200, as('admin'));
    await call('GET', `${admin}/connector-keys`, 200, as('admin'));
    const connector = { headers: { authorization: `ApiKey ${rotated.body.key}` } };
    await call('GET', '/api/connector/whoami', 200, connector);

    // A webhook registered before the orders below, so that each order has a delivery (the name never resolves).
    const webhook = await call(
      'POST',
      `${admin}/connector-webhooks`,
      201,
      as('admin', { body: { url: 'https://erp.example.invalid/portal-orders', label: 'Business Central' } }),
    );
    await call('GET', `${admin}/connector-webhooks`, 200, as('admin'));

    // A connector event no service can apply (a negative ERP version): listed with its reason, replayed, still dead.
    const invalid = companyUpserted(place, 'Invalid');
    await platform.publisher.publishRaw(
      Topics.ErpMasterdata,
      'invalid',
      JSON.stringify({ ...invalid, payload: { ...invalid.payload, erpVersion: -1 } }),
    );
    // Each consuming service sets it aside in its own time: read both views until they agree.
    const [deadLetters, seenByConnector] = await waitFor(
      () =>
        Promise.all([
          platform.call('GET', `${admin}/connector-dead-letters`, as('admin')),
          platform.call('GET', '/api/connector/dead-letters', connector),
        ]),
      ([byAdmin, byConnector]) => byAdmin.body.total > 0 && byAdmin.body.total === byConnector.body.total,
      { what: 'a connector dead letter, seen alike by the administrator and the connector' },
    );
    conforms('GET', `${admin}/connector-dead-letters`, deadLetters, 200);
    conforms('GET', '/api/connector/dead-letters', seenByConnector, 200);
    // Connector's feed of portal orders (empty until an order is placed, below).
    await call('GET', '/api/connector/portal-orders', 200, connector);
    const replay = { body: { ids: [deadLetters.body.items[0].id] } };
    await call('POST', `${admin}/connector-dead-letters/replay`, 200, as('admin', replay));

    // The ERP's master data, a sales order of Fabrikam with every optional field, and stock held for Northwind.
    const erp = [
      ...masterData(place, who),
      salesOrder(place, 'SO-1001', {
        contactNo: 'CT-RITA',
        externalDocumentNo: 'FAB-PO-77',
        requestedDate: '2026-11-20',
        dueDate: '2026-12-02',
        shipTo: {
          name: 'Fabrikam store',
          line1: 'Keizersgracht 12',
          city: 'Amsterdam',
          postalCode: '1015 CJ',
          countryCode: 'NL',
        },
      }),
      stockLevelChanged(place, {
        partnerNo: 'L10000',
        itemNo: 'DESK',
        locationCode: 'MAIN',
        binCode: 'A-01',
        licensePlate: 'LP-1',
        lotNo: 'LOT-1',
        description: 'Desk',
        quantity: '12.5',
      }),
      stockLevelChanged(place, { partnerNo: 'L10000', itemNo: 'DESK', locationCode: 'EAST', quantity: '3' }),
    ];
    await call('POST', '/api/connector/events', 202, { ...connector, body: { events: erp } });

    // Collaborate & Exchange: module, cart (add, change, remove), checkout and its replay, purchases, cancellation.
    const overview = await waitFor(
      () => platform.call('GET', `${admin}/overview`, as('admin')),
      (r) => r.body.module?.extensionInstalled === true,
      { what: 'the ERP extension installed' },
    );
    conforms('GET', `${admin}/overview`, overview, 200);
    await call('PUT', `${admin}/module`, 200, as('admin', { body: { active: true } }));
    const line = await call('POST', `${admin}/cart/lines`, 201, as('admin', { body: { quantity: 2 } }));
    const lineId = line.body.lines[0].lineId;
    await call('PATCH', `${admin}/cart/lines/${lineId}`, 200, as('admin', { body: { quantity: 4 } }));
    const more = await call('POST', `${admin}/cart/lines`, 201, as('admin', { body: { quantity: 1 } }));
    const extra = more.body.lines.find((l: { lineId: string }) => l.lineId !== lineId).lineId;
    await call('DELETE', `${admin}/cart/lines/${extra}`, 200, as('admin'));
    await call('GET', `${admin}/cart`, 200, as('admin'));
    const checkout = as('admin', { headers: { 'idempotency-key': 'contracts-checkout-1' } });
    await call('POST', `${admin}/checkout`, 201, checkout);
    await call('POST', `${admin}/checkout`, 200, checkout);
    await call('GET', `${admin}/purchases`, 200, as('admin'));
    await call('POST', `${admin}/cancellations`, 200, as('admin', { body: { quantity: 1 } }));

    // What the connector mirrored.
    await call('GET', `${admin}/environments`, 200, as('admin'));
    await call('GET', `${admin}/environments/production/companies`, 200, as('admin'));
    await call('GET', `${admin}/environments/production/companies/CRONUS/partners`, 200, as('admin'));
    const contactsOfFabrikam = `${admin}/environments/production/companies/CRONUS/partners/customer/C10000/contacts`;
    conforms(
      'GET',
      contactsOfFabrikam,
      await waitFor(
        () => platform.call('GET', contactsOfFabrikam, as('admin')),
        (r) => r.status === 200 && r.body.items.length === 4,
        { what: "Fabrikam's contacts mirrored" },
      ),
      200,
    );

    // Invitations: settings, one, a bulk dry run, a bulk with a refusal, list, one, resend, revoke.
    await call('GET', `${admin}/invitation-settings`, 200, as('admin'));
    await call('PUT', `${admin}/invitation-settings`, 200, as('admin', { body: { invitationTtlHours: 72 } }));
    const invite = (contact: keyof typeof CONTACTS, role = PortalRole.CustomerRepresentative) => ({
      environment: 'production',
      companyId: 'CRONUS',
      ...CONTACTS[contact],
      role,
    });
    const rita = await call('POST', `${admin}/invitations`, 201, as('admin', { body: invite('rita') }));
    await call(
      'POST',
      `${admin}/invitations/bulk`,
      200,
      as('admin', { body: { invitations: [invite('uma', PortalRole.AuthorizedUser)], dryRun: true } }),
    );
    const bulk = await call(
      'POST',
      `${admin}/invitations/bulk`,
      200,
      as('admin', { body: { invitations: [invite('uma', PortalRole.AuthorizedUser), invite('rita')] } }),
    );
    expect(bulk.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(['created', 'refused']);
    const uma = bulk.body.results[0].invitation.invitationId;
    await call('GET', `${admin}/invitations`, 200, as('admin'));
    for (const id of [rita.body.invitationId, uma]) {
      await waitFor(
        () => platform.call('GET', `${admin}/invitations/${id}`, as('admin')),
        (r) => r.body.status === 'invited',
        { what: 'the invitation sent' },
      );
    }
    await call('POST', `${admin}/invitations/${uma}/resend`, 200, as('admin'));
    await call('POST', `${admin}/invitations/${uma}/revoke`, 200, as('admin', { body: { reason: 'not needed' } }));

    // Rita opens her e-mail's link, signs in and accepts with the code; she is a portal user of Fabrikam.
    const mail = await invitationMail(platform, who.rita.email);
    await call('POST', '/api/portal/invitations/preview', 200, { body: { token: mail.token } });
    await call('POST', '/api/portal/invitations/accept', 200, as('rita', { body: { code: mail.code } }));
    await call('GET', `${admin}/invitations/${rita.body.invitationId}`, 200, as('admin'));
    conforms(
      'GET',
      '/api/portal/me',
      await waitFor(
        () => platform.call('GET', '/api/portal/me', as('rita')),
        (r) => r.body.memberships?.length === 1,
        { what: "Rita's membership" },
      ),
      200,
    );
    await call('GET', `${admin}/ledger`, 200, as('admin'));

    // Portal users: the administrator and Rita (a representative) change Aaron's role, deactivate, reactivate.
    const aaron = await grantMembership(platform, place, who.aaron, CONTACTS.aaron, PortalRole.AuthorizedUser);
    await grantMembership(platform, place, who.theo, CONTACTS.theo, PortalRole.CustomerRepresentative);
    await call('GET', `${admin}/portal-users`, 200, as('admin'));
    await call('GET', `${admin}/portal-users/${aaron}`, 200, as('admin'));
    const aaronActive = () =>
      waitFor(
        () => platform.call('GET', `${admin}/portal-users/${aaron}`, as('admin')),
        (r) => r.body.status === 'active',
        { what: 'Aaron active again' },
      );
    const promote = { body: { role: PortalRole.CustomerRepresentative } };
    await call('PATCH', `${admin}/portal-users/${aaron}/role`, 200, as('admin', promote));
    await call('POST', `${admin}/portal-users/${aaron}/deactivate`, 200, as('admin'));
    await call('POST', `${admin}/portal-users/${aaron}/reactivate`, 200, as('admin'));
    // A reactivation waits for licensing's seat; the next change needs an active user.
    await aaronActive();
    await call('GET', '/api/portal/users', 200, as('rita'));
    await call('GET', `/api/portal/users/${aaron}`, 200, as('rita'));
    const demote = { body: { role: PortalRole.AuthorizedUser } };
    await call('PATCH', `/api/portal/users/${aaron}/role`, 200, as('rita', demote));
    await call('POST', `/api/portal/users/${aaron}/deactivate`, 200, as('rita'));
    await call('POST', `/api/portal/users/${aaron}/reactivate`, 200, as('rita'));
    await aaronActive();
    // My colleagues (issue 13): Rita sees Fabrikam's contacts, invites Alice and follows the invitation.
    await call('GET', '/api/portal/contacts?search=alice', 200, as('rita'));
    const colleague = await waitFor(
      () =>
        platform.call(
          'POST',
          '/api/portal/invitations',
          as('rita', { body: { contactNo: 'CT-ALICE', role: 'authorized_user' } }),
        ),
      (r) => r.status !== 403,
      { what: 'the invitations service to know Rita as representative' },
    );
    conforms('POST', '/api/portal/invitations', colleague, 201);
    await call('GET', '/api/portal/invitations', 200, as('rita'));
    await call('GET', `/api/portal/invitations/${colleague.body.invitationId}`, 200, as('rita'));

    // The administrator list.
    const someone = { issuer: platform.issuer, subject: 'contracts-second-admin' };
    await call('POST', `${admin}/administrators`, 204, as('admin', { body: someone }));
    await call('GET', `${admin}/administrators`, 200, as('admin'));
    const query = `issuer=${encodeURIComponent(someone.issuer)}&subject=${someone.subject}`;
    await call('DELETE', `${admin}/administrators?${query}`, 204, as('admin'));

    // Documents and stock, in the partner's words and the ERP's.
    const documents = await waitFor(
      () => platform.call('GET', '/api/portal/documents?type=purchase_order', as('rita')),
      (r) => r.status === 200 && r.body.items.length === 1,
      { what: 'the sales order as a purchase order' },
    );
    conforms('GET', '/api/portal/documents', documents, 200);
    const documentId = documents.body.items[0].documentId;
    await call('GET', `/api/portal/documents/${documentId}`, 200, as('rita'));
    await call('GET', `${admin}/documents?partnerType=${PartnerType.Customer}`, 200, as('admin'));
    await call('GET', `${admin}/documents/${documentId}`, 200, as('admin'));
    await call('GET', '/api/portal/documents/summary', 200, as('rita'));
    const customer = `partnerType=${PartnerType.Customer}&partnerNo=C10000`;
    await call('GET', `${admin}/documents/summary?${customer}`, 200, as('admin'));
    const stock = await waitFor(
      () => platform.call('GET', '/api/portal/stock', as('theo')),
      (r) => r.status === 200 && r.body.items.length === 2,
      { what: "Northwind's stock" },
    );
    conforms('GET', '/api/portal/stock', stock, 200);
    await call('GET', `${admin}/stock`, 200, as('admin'));

    // Orders: one (and its replay), a file of them, the ERP's answer.
    const order = {
      requestedReceiptDate: '2026-12-15',
      requisitionNo: 'REQ-1',
      deliveryAddress: {
        description: 'Fabrikam store',
        line1: 'Keizersgracht 12',
        city: 'Amsterdam',
        postalCode: '1015 CJ',
        countryCode: 'NL',
      },
      lines: [{ itemNo: 'DESK', quantity: '2', unitCode: 'PCS' }],
    };
    const placed = as('rita', { headers: { 'idempotency-key': 'contracts-order-1' }, body: order });
    const created = await call('POST', '/api/portal/orders', 201, placed);
    await call('POST', '/api/portal/orders', 200, placed);
    const csv = [
      'orderRef,requestedReceiptDate,requisitionNo,deliveryDescription,deliveryLine1,deliveryLine2,deliveryCity,deliveryPostalCode,deliveryCountryCode,itemNo,quantity,unitCode',
      'A,2026-12-16,,Store,Keizersgracht 12,Floor 2,Amsterdam,1015 CJ,NL,DESK,1,PCS',
      'B,2026-12-17,REQ-2,Store,Keizersgracht 12,,Amsterdam,1015 CJ,NL,DESK,3,PCS',
    ].join('\n');
    const form = new FormData();
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'orders.csv');
    const uploaded = await fetch(`${platform.gatewayUrl}/api/portal/orders/upload`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.rita}`, 'idempotency-key': 'contracts-upload-1' },
      body: form,
    });
    conforms(
      'POST',
      '/api/portal/orders/upload',
      {
        status: uploaded.status,
        contentType: uploaded.headers.get('content-type') ?? '',
        headers: uploaded.headers,
        body: await uploaded.json(),
      },
      201,
    );
    // The HTTP-only connector reads the orders from its feed and acknowledges them, then answers.
    const fed = await call('GET', '/api/connector/portal-orders?limit=5', 200, connector);
    expect(fed.body.orders.length).toBeGreaterThan(0);
    await call('POST', '/api/connector/portal-orders/ack', 200, {
      ...connector,
      body: { cursor: fed.body.nextCursor },
    });
    const accepted = portalOrderAccepted(place, created.body.portalOrderId, 'C10000', 'SO-2001');
    await call('POST', '/api/connector/events', 202, { ...connector, body: { events: [accepted] } });
    const orders = await waitFor(
      () => platform.call('GET', '/api/portal/orders', as('rita')),
      (r) => r.body.items?.some((o: { status: string }) => o.status === 'accepted'),
      { what: 'the order accepted by the ERP' },
    );
    conforms('GET', '/api/portal/orders', orders, 200);
    await call('GET', `${admin}/orders`, 200, as('admin'));
    // The order wizard and the upload page (issue 13): one order, defaults, catalogue, preview, template.
    await call('GET', `/api/portal/orders/${created.body.portalOrderId}`, 200, as('rita'));
    await call('GET', `${admin}/orders/${created.body.portalOrderId}`, 200, as('admin'));
    await call('GET', '/api/portal/orders/defaults', 200, as('rita'));
    await call('GET', '/api/portal/items?search=DE&pageSize=5', 200, as('rita'));
    const previewForm = new FormData();
    previewForm.append('file', new Blob([csv], { type: 'text/csv' }), 'orders.csv');
    const previewed = await fetch(`${platform.gatewayUrl}/api/portal/orders/upload/preview`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.rita}` },
      body: previewForm,
    });
    conforms(
      'POST',
      '/api/portal/orders/upload/preview',
      {
        status: previewed.status,
        contentType: previewed.headers.get('content-type') ?? '',
        headers: previewed.headers,
        body: await previewed.json(),
      },
      200,
    );
    // The template is a CSV file, not JSON: its answer is held against its documented content type.
    const template = await fetch(`${platform.gatewayUrl}/api/portal/orders/upload/template`, {
      headers: { authorization: `Bearer ${tokens.rita}` },
    });
    expect([template.status, template.headers.get('content-type')]).toEqual([200, expect.stringContaining('text/csv')]);
    expect(doc.paths['/api/portal/orders/upload/template'].get.responses['200'].content?.['text/csv']).toBeDefined();
    checked.add('GET /api/portal/orders/upload/template');
    await call('GET', `${admin}/documents?type=${ErpDocumentType.SalesOrder}`, 200, as('admin'));

    // The webhook's delivery log, after an attempt failed (the name does not resolve), a redelivery, the removal.
    const hooks = `${admin}/connector-webhooks/${webhook.body.id}`;
    const log = await waitFor(
      () => platform.call('GET', `${hooks}/deliveries`, as('admin')),
      (answer) => answer.body.items?.some((d: { lastError: string | null }) => d.lastError !== null),
      { what: 'a failed webhook delivery' },
    );
    conforms('GET', `${hooks}/deliveries`, log, 200);
    await call('POST', `${hooks}/deliveries/${log.body.items[0].id}/redeliver`, 201, as('admin'));
    await call('POST', `${hooks}/remove`, 200, as('admin'));

    // The web app's sign-in settings, where the gateway offers them.
    if (doc.paths['/api/client-config']) await call('GET', '/api/client-config', 200);

    // Every route of the public API was held against the document.
    const routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const unchecked = routes.filter((route) => route.includes(' /api/') && !checked.has(route));
    expect(unchecked).toEqual([]);
  });
});
