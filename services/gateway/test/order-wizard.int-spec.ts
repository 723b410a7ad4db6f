import { PartnerType, PortalRole } from '@partner-portal/contracts';
import {
  CONTACTS,
  deskOrder,
  contactUpserted,
  erpPlace,
  grantMembership,
  masterData,
  partnerUpserted,
  people,
  portalOrderAccepted,
  portalOrderRejected,
  type RunningPlatform,
  startPlatform,
  testAccount,
  tokenOf,
  waitFor,
} from '@partner-portal/testing';

const HEADER = [
  'orderRef',
  'requestedReceiptDate',
  'requisitionNo',
  'deliveryDescription',
  'deliveryLine1',
  'deliveryLine2',
  'deliveryCity',
  'deliveryPostalCode',
  'deliveryCountryCode',
  'itemNo',
  'quantity',
  'unitCode',
];

// What the order wizard and the upload page call, through the gateway with every service running: the defaults
// from the contact record, the catalogue, one order and its ERP answer, and the upload's preview and template.
describe('the order wizard and the order upload through the gateway', () => {
  let platform: RunningPlatform;
  const tenant = 'tenant-wizard';
  const place = erpPlace(tenant);
  const who = { ...people(tenant), bess: testAccount('bess', { email: 'bess@bare.example' }) };
  const bess = { partnerType: PartnerType.Customer, partnerNo: 'C20000', contactNo: 'CT-BESS' } as const;
  const tokens: Record<string, string> = {};
  const admin = `/api/admin/tenants/${tenant}`;
  const get = (path: string, name: string) => platform.call('GET', path, { token: tokens[name] });
  const order = (quantity = '2') => ({ ...deskOrder(quantity, 'DESK', '2027-01-15'), requisitionNo: 'REQ-9' });
  const send = (path: string, name: string, content: string | Uint8Array, headers: Record<string, string> = {}) => {
    const form = new FormData();
    form.append('file', new Blob([content], { type: 'text/csv' }), 'orders.csv');
    return fetch(`${platform.gatewayUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens[name]}`, ...headers },
      body: form,
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
  };

  beforeAll(async () => {
    platform = await startPlatform('wizard', Object.values(who));
    await platform.publisher.publish(
      ...masterData(place, who),
      // A customer the ERP blocked, and whose record names no price list.
      partnerUpserted(place, { partnerNo: 'C20000', name: 'Bare Goods', priceListCode: undefined, blocked: true }),
      contactUpserted(place, { ...bess, name: 'Bess', email: who.bess.email }),
    );
    for (const [name, account] of Object.entries(who)) tokens[name] = await tokenOf(platform, account);
    await grantMembership(platform, place, who.rita, CONTACTS.rita, PortalRole.CustomerRepresentative);
    await grantMembership(platform, place, who.aaron, CONTACTS.aaron, PortalRole.AuthorizedUser);
    await grantMembership(platform, place, who.alice, CONTACTS.alice, PortalRole.AuthorizedUser);
    await grantMembership(platform, place, who.victor, CONTACTS.victor, PortalRole.CustomerRepresentative);
    await grantMembership(platform, place, who.bess, bess as never, PortalRole.CustomerRepresentative);
  }, 180_000);
  afterAll(() => platform?.stop());

  it('shows the defaults of the contact record, or names every field it lacks, and offers only priced items', async () => {
    const defaults = await waitFor(
      () => get('/api/portal/orders/defaults', 'aaron'),
      (r) => r.status === 200,
      { what: "aaron's defaults" },
    );
    expect(defaults.body).toMatchObject({
      companyId: 'CRONUS',
      companyName: 'CRONUS Nederland BV',
      customerAccount: 'C10000',
      customerName: 'Fabrikam Retail',
      currencyCode: 'EUR',
      priceListCode: 'RETAIL',
      contactNo: 'CT-AARON',
      contactName: 'aaron',
      suggestedDeliveryAddress: { description: 'Fabrikam Retail', line1: 'Main Street 1' },
    });
    const lacking = await get('/api/portal/orders/defaults', 'bess');
    expect([lacking.status, lacking.contentType]).toEqual([422, expect.stringContaining('application/problem+json')]);
    expect(lacking.body.code).toBe('order_defaults_missing');
    expect(lacking.body.errors).toEqual([
      { field: 'priceListCode', reason: 'the customer has no price list' },
      { field: 'customerAccount', reason: 'customer C20000 is blocked in the ERP' },
    ]);
    expect((await get('/api/portal/orders/defaults', 'victor')).status).toBe(403);
    expect((await get('/api/portal/items', 'bess')).status).toBe(422);

    const items = await get('/api/portal/items?search=desk&pageSize=10', 'aaron');
    expect(items.body).toEqual({
      priceListCode: 'RETAIL',
      currencyCode: 'EUR',
      items: [
        {
          itemNo: 'DESK',
          description: 'Item DESK',
          baseUnitCode: 'PCS',
          units: [
            {
              unitCode: 'PCS',
              qtyPerBaseUnit: '1',
              baseUnit: true,
              prices: [{ minimumQuantity: '0', unitPrice: '649.00' }],
            },
          ],
        },
      ],
      page: 1,
      pageSize: 10,
      total: 1,
    });
    expect((await get('/api/portal/items?pageSize=500', 'aaron')).status).toBe(400);
    expect((await get('/api/portal/items?limit=10', 'aaron')).status).toBe(400);
  });

  it("places one order per key, and shows it with the ERP's answer to who may see it", async () => {
    const place1 = () =>
      platform.call('POST', '/api/portal/orders', {
        token: tokens.aaron,
        headers: { 'idempotency-key': 'wizard-aaron-1' },
        body: order(),
      });
    const [first, second] = await Promise.all([place1(), place1()]);
    expect([first.status, second.status].sort()).toEqual([200, 201]);
    expect(second.body.portalOrderId).toBe(first.body.portalOrderId);
    const id = first.body.portalOrderId;
    const one = (name: string, path = `/api/portal/orders/${id}`) => get(path, name);
    expect((await one('aaron')).body).toMatchObject({ status: 'submitted', answeredAt: null, contactName: 'aaron' });
    expect((await one('rita')).status).toBe(200);
    expect((await one('alice')).status).toBe(404);
    expect((await one('victor')).status).toBe(404);
    expect((await one('aaron', '/api/portal/orders/PO-000001')).status).toBe(400);

    await platform.publisher.publish(portalOrderAccepted(place, id, 'C10000', 'SO-7001'));
    const accepted = await waitFor(
      () => one('aaron'),
      (r) => r.body.status === 'accepted',
      { what: 'the ERP to accept the order' },
    );
    expect(accepted.body).toMatchObject({ erpOrderNo: 'SO-7001', answeredAt: expect.any(String) });

    const refusedLater = await platform.call('POST', '/api/portal/orders', {
      token: tokens.alice,
      headers: { 'idempotency-key': 'wizard-alice-1' },
      body: order('5000'),
    });
    await platform.publisher.publish(
      portalOrderRejected(place, refusedLater.body.portalOrderId, 'C10000', 'credit limit exceeded'),
    );
    await waitFor(
      () => one('alice', `/api/portal/orders/${refusedLater.body.portalOrderId}`),
      (r) => r.body.status === 'rejected' && r.body.rejectionReason === 'credit limit exceeded',
      { what: 'the ERP to reject the order' },
    );

    expect((await get(`${admin}/orders/${id}`, 'admin')).body.portalOrderNo).toBe(first.body.portalOrderNo);
    const ofFabrikam = await get(`${admin}/orders?environment=production&companyId=CRONUS&partnerNo=C10000`, 'admin');
    expect(ofFabrikam.body.items.map((o: { partnerNo: string }) => o.partnerNo)).toEqual(['C10000', 'C10000']);
    expect((await get(`${admin}/orders?partnerNo=C20000`, 'admin')).body.items).toEqual([]);
  });

  it('previews a file exactly as the upload checks it, creating nothing, and uploads a semicolon file from Excel', async () => {
    const count = async () => (await get('/api/portal/orders?pageSize=200', 'rita')).body.total;
    const before = await count();
    const row = (ref: string, item: string, quantity: string) =>
      [ref, '15-01-2027', '', 'Store', 'Damrak 1', '', 'Amsterdam', '1012 LG', 'NL', item, quantity, 'PCS'].join(';');
    const excel = (...rows: string[]) => `\uFEFF${[HEADER.join(';'), ...rows].join('\r\n')}\r\n`;

    const bad = await send(
      '/api/portal/orders/upload/preview',
      'rita',
      excel(row('A', 'DESK', '1'), row('B', 'GHOST', '1')),
    );
    expect(bad).toMatchObject({
      status: 200,
      body: {
        acceptable: false,
        delimiter: ';',
        orders: [{ orderRef: 'A' }],
        rowErrors: [{ row: 3, field: 'itemNo', reason: 'unknown product GHOST' }],
      },
    });
    const refused = await send(
      '/api/portal/orders/upload',
      'rita',
      excel(row('A', 'DESK', '1'), row('B', 'GHOST', '1')),
      { 'idempotency-key': 'wizard-upload-bad' },
    );
    expect(refused).toMatchObject({ status: 422, body: { code: 'upload_invalid', rowErrors: bad.body.rowErrors } });

    const good = excel(row('A', 'DESK', '1'), row('A', 'DESK', '2,5'), row('B', 'DESK', '3'));
    const previewed = await send('/api/portal/orders/upload/preview', 'rita', good);
    expect(previewed.body).toMatchObject({
      acceptable: true,
      rowCount: 3,
      currencyCode: 'EUR',
      orders: [
        { orderRef: 'A', requestedReceiptDate: '2027-01-15', estimatedTotal: '2271.500' },
        { orderRef: 'B', estimatedTotal: '1947.00' },
      ],
    });
    expect(await count()).toBe(before);
    const uploaded = await send('/api/portal/orders/upload', 'rita', good, { 'idempotency-key': 'wizard-upload-1' });
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.orders.map((o: { estimatedTotal: string }) => o.estimatedTotal)).toEqual([
      '2271.500',
      '1947.00',
    ]);
    expect(await count()).toBe(before + 2);

    const latin1 = await send('/api/portal/orders/upload/preview', 'rita', new Uint8Array([0x6f, 0x72, 0xe9, 0x0a]));
    expect(latin1).toMatchObject({ status: 400, body: { errors: [{ field: 'file' }] } });
  });

  it("offers a template in the person's delimiter that uploads as it is", async () => {
    const template = await fetch(`${platform.gatewayUrl}/api/portal/orders/upload/template?delimiter=semicolon`, {
      headers: { authorization: `Bearer ${tokens.rita}` },
    });
    expect(template.status).toBe(200);
    expect(template.headers.get('content-type')).toContain('text/csv');
    expect(template.headers.get('content-disposition')).toBe('attachment; filename="orders-template.csv"');
    const bytes = new Uint8Array(await template.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.split('\r\n')[0]).toBe(HEADER.join(';'));
    expect(text.split('\r\n')[1]).toContain(';Fabrikam Retail;Main Street 1;;Amsterdam;1011 AA;NL;DESK;1;PCS');
    expect((await send('/api/portal/orders/upload/preview', 'rita', bytes)).body).toMatchObject({
      acceptable: true,
      rowErrors: [],
    });
    const bad = await fetch(`${platform.gatewayUrl}/api/portal/orders/upload/template?delimiter=tab`, {
      headers: { authorization: `Bearer ${tokens.rita}` },
    });
    expect(bad.status).toBe(400);
  });
});
