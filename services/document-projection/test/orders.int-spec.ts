import { randomUUID } from 'node:crypto';
import { ErpDocumentType, PortalRole, Topics } from '@partner-portal/contracts';
import {
  adminOf,
  companyUpserted,
  contactUpserted,
  documentUpserted,
  erpPlace,
  itemUpserted,
  partnerUpserted,
  partnerUser,
  portalOrderAccepted,
  portalOrderRejected,
  portalUserActivated,
  portalUserRef,
  priceListUpserted,
  readTopic,
  TEST_GATEWAY_TOKEN,
  waitFor,
  type ServiceUnderTest,
} from '@partner-portal/testing';
import { encodePrincipal, INTERNAL_TOKEN_HEADER, PRINCIPAL_HEADER } from '@partner-portal/internal-api';
import { startService } from './document-projection.harness';

describe('portal orders', () => {
  let service: ServiceUnderTest;
  const tenant = 'tenant-orders';
  const place = erpPlace(tenant);
  const anna = portalUserRef(place, { membershipId: randomUUID(), partnerNo: 'C1', contactNo: 'CT-ANNA' });
  const bare = portalUserRef(place, { membershipId: randomUUID(), partnerNo: 'C2', contactNo: 'CT-BARE' });
  const ben = portalUserRef(place, { membershipId: randomUUID(), partnerNo: 'C1', contactNo: 'CT-BEN' });
  const rose = portalUserRef(place, { membershipId: randomUUID(), partnerNo: 'C1', contactNo: 'CT-ROSE' });
  const asAnna = partnerUser(tenant, anna.membershipId, 'sub-anna');
  const asBen = partnerUser(tenant, ben.membershipId, 'sub-ben');
  const asRose = partnerUser(tenant, rose.membershipId, 'sub-rose');
  const asBare = partnerUser(tenant, bare.membershipId, 'sub-bare');
  const asAdmin = adminOf(tenant);
  const order = (lines: object[], extra: object = {}) => ({
    requestedReceiptDate: '2026-12-01',
    deliveryAddress: {
      description: 'Main warehouse',
      line1: 'Keizersgracht 12',
      city: 'Amsterdam',
      postalCode: '1015 CJ',
      countryCode: 'NL',
    },
    requisitionNo: 'REQ-77',
    lines,
    ...extra,
  });
  const submit = (body: object, key: string, principal = asAnna) =>
    service.request('POST', '/internal/partner/orders', { principal, body, headers: { 'idempotency-key': key } });
  const submitted = async (count: number) =>
    (
      await readTopic(service.env.kafkaBrokers, `${service.env.topicPrefix}${Topics.PortalOrders}`, {
        count,
        timeoutMs: 3_000,
      })
    ).map((m) => ({
      key: m.key,
      event: JSON.parse(m.value!),
    }));

  beforeAll(async () => {
    service = await startService('orders');
    await service.publisher.publish(
      partnerUpserted(place, {
        partnerNo: 'C1',
        priceListCode: 'RETAIL',
        languageCode: 'nl',
        shipToCountryCode: 'NL',
        invoicePartnerNo: 'C9',
      }),
      partnerUpserted(place, {
        partnerNo: 'C2',
        priceListCode: undefined,
        currencyCode: 'EUR',
        shipToCountryCode: undefined,
        address: { line1: 'x', city: 'y', postalCode: 'z', countryCode: 'BE' },
      }),
      contactUpserted(place, { partnerNo: 'C1', contactNo: 'CT-ANNA', name: 'Anna de Vries', languageCode: 'nl' }),
      contactUpserted(place, { partnerNo: 'C2', contactNo: 'CT-BARE', name: 'Bare' }),
      contactUpserted(place, { partnerNo: 'C1', contactNo: 'CT-BEN', name: 'Ben' }),
      contactUpserted(place, { partnerNo: 'C1', contactNo: 'CT-ROSE', name: 'Rose' }),
      companyUpserted(place, 'CRONUS Nederland BV'),
      itemUpserted(place, 'DESK', ['PCS', 'BOX', 'PAL']),
      itemUpserted(place, 'LAMP'),
      itemUpserted(place, 'OLD', ['PCS'], true),
      itemUpserted(place, 'CHAIR'),
      priceListUpserted(place, 'RETAIL', [
        { itemNo: 'DESK', unitCode: 'PCS', unitPrice: '649.00' },
        { itemNo: 'DESK', unitCode: 'PCS', unitPrice: '600.00', minimumQuantity: '10' },
        { itemNo: 'DESK', unitCode: 'BOX', unitPrice: '2499.00' },
        { itemNo: 'LAMP', unitCode: 'PCS', unitPrice: '39.95' },
        { itemNo: 'OLD', unitCode: 'PCS', unitPrice: '1.00' },
      ]),
      portalUserActivated(place, anna, PortalRole.AuthorizedUser),
      portalUserActivated(place, ben, PortalRole.AuthorizedUser),
      portalUserActivated(place, rose, PortalRole.CustomerRepresentative),
      portalUserActivated(place, bare, PortalRole.CustomerRepresentative),
    );
    await waitFor(
      () => submit(order([{ itemNo: 'LAMP', quantity: '1', unitCode: 'PCS' }]), 'warm-up'),
      (r) => r.status === 201,
      { what: 'the read model to know anna, her customer and the price list' },
    );
    await waitFor(
      () => service.request('GET', '/internal/partner/orders', { principal: asRose }),
      (r) => r.status === 200 && r.body.items.length > 0,
      { what: 'the read model to know rose' },
    );
  });
  afterAll(() => service.stop());

  it('prices the order on the server, takes the rest from the contact record, and sends it to the ERP once per key', async () => {
    const body = order([
      { itemNo: 'DESK', quantity: '2', unitCode: 'PCS' },
      { itemNo: 'LAMP', quantity: '3', unitCode: 'PCS' },
    ]);
    const first = await submit(body, 'order-42');
    expect(first).toMatchObject({
      status: 201,
      body: {
        portalOrderNo: 'PO-000002',
        status: 'submitted',
        estimatedTotal: '1417.85',
        currencyCode: 'EUR',
        lines: [
          { lineNo: 1, itemNo: 'DESK', estimatedUnitPrice: '649.00', estimatedNetAmount: '1298.00' },
          { lineNo: 2, itemNo: 'LAMP', estimatedUnitPrice: '39.95', estimatedNetAmount: '119.85' },
        ],
      },
    });
    const again = await submit(body, 'order-42');
    expect(again).toMatchObject({
      status: 200,
      body: { portalOrderId: first.body.portalOrderId, portalOrderNo: 'PO-000002' },
    });

    const events = await waitFor(
      () => submitted(10),
      (list) => list.length >= 2,
      { what: 'two PortalOrderSubmitted' },
    );
    const mine = events.filter((e) => e.event.payload.portalOrderId === first.body.portalOrderId);
    expect(mine).toHaveLength(1);
    expect(mine[0].key).toBe(`${tenant}|production|CRONUS|C1`);
    expect(mine[0].event.payload).toMatchObject({
      portalOrderNo: 'PO-000002',
      partnerNo: 'C1',
      invoicePartnerNo: 'C9',
      contactNo: 'CT-ANNA',
      submittedBy: { portalUserId: anna.portalUserId, email: anna.email },
      name: 'sales order',
      requestedReceiptDate: '2026-12-01',
      requisitionNo: 'REQ-77',
      shipToCountryCode: 'NL',
      currencyCode: 'EUR',
      priceListCode: 'RETAIL',
      languageCode: 'nl',
    });
  });

  it('updates the order from the ERP, and links the ERP sales order back to it', async () => {
    const { body } = await submit(order([{ itemNo: 'DESK', quantity: '1', unitCode: 'BOX' }]), 'order-43');
    await service.publisher.publish(
      portalOrderAccepted(place, body.portalOrderId, 'C1', 'SO-101001'),
      documentUpserted(place, {
        documentNo: 'SO-101001',
        documentType: ErpDocumentType.SalesOrder,
        partnerNo: 'C1',
        contactNo: 'CT-ANNA',
        portalOrderId: body.portalOrderId,
      }),
    );
    const list = await service.eventually('/internal/partner/orders', asAnna, (b) =>
      b.items.some((o: any) => o.erpDocumentId && o.portalOrderId === body.portalOrderId),
    );
    const accepted = list.items.find((o: any) => o.portalOrderId === body.portalOrderId);
    expect(accepted).toMatchObject({ status: 'accepted', erpOrderNo: 'SO-101001' });
    const document = await service.request('GET', `/internal/partner/documents/${accepted.erpDocumentId}`, {
      principal: asAnna,
    });
    expect(document.body).toMatchObject({
      documentNo: 'SO-101001',
      type: 'purchase_order',
      portalOrderId: body.portalOrderId,
    });

    const rejected = await submit(order([{ itemNo: 'LAMP', quantity: '1', unitCode: 'PCS' }]), 'order-44');
    await service.publisher.publish(
      portalOrderRejected(place, rejected.body.portalOrderId, 'C1', 'credit limit exceeded'),
    );
    await service.eventually('/internal/partner/orders', asAnna, (b) =>
      b.items.some(
        (o: any) =>
          o.portalOrderId === rejected.body.portalOrderId &&
          o.status === 'rejected' &&
          o.rejectionReason === 'credit limit exceeded',
      ),
    );
  });

  it('names the line and field of every product, unit and quantity problem, and creates nothing', async () => {
    const response = await submit(
      order([
        { itemNo: 'NOPE', quantity: '1', unitCode: 'PCS' },
        { itemNo: 'DESK', quantity: '0', unitCode: 'KG' },
        { itemNo: 'LAMP', quantity: '-2', unitCode: 'PCS' },
      ]),
      'order-bad',
    );
    expect(response).toMatchObject({ status: 422, body: { code: 'order_invalid' } });
    expect(response.body.errors.map((e: any) => e.field)).toEqual([
      'lines[0].itemNo',
      'lines[1].unitCode',
      'lines[1].quantity',
      'lines[2].quantity',
    ]);
    const malformed = await submit(
      order([{ itemNo: 'DESK', quantity: 'two', unitCode: 'PCS' }], { requestedReceiptDate: '1 December' }),
      'order-malformed',
    );
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors.map((e: any) => e.field)).toEqual(['requestedReceiptDate', 'lines[0].quantity']);
    expect(
      (
        await service.request('POST', '/internal/partner/orders', {
          principal: asAnna,
          body: order([{ itemNo: 'DESK', quantity: '1', unitCode: 'PCS' }]),
        })
      ).body.errors.map((e: any) => e.field),
    ).toContain('Idempotency-Key');
  });

  it('names every field the contact record lacks', async () => {
    const response = await submit(
      order([{ itemNo: 'DESK', quantity: '1', unitCode: 'PCS' }]),
      'bare-1',
      partnerUser(tenant, bare.membershipId, 'sub-bare'),
    );
    expect(response.status).toBe(422);
    expect(response.body.errors.map((e: any) => e.field).sort()).toEqual(['lines[0].itemNo', 'priceListCode']);
  });

  it('creates every order of a valid CSV file, and nothing from a file with any error, listing each with its row', async () => {
    const header =
      'orderRef,requestedReceiptDate,requisitionNo,deliveryDescription,deliveryLine1,deliveryLine2,deliveryCity,deliveryPostalCode,deliveryCountryCode,itemNo,quantity,unitCode';
    const row = (ref: string, item: string, quantity: string, unit = 'PCS') =>
      `${ref},2026-12-05,,Main,Keizersgracht 12,,Amsterdam,1015 CJ,NL,${item},${quantity},${unit}`;
    const upload = (rows: string[], key: string) =>
      service.request('POST', '/internal/partner/orders/upload', {
        principal: asAnna,
        headers: { 'idempotency-key': key },
        body: { fileName: 'orders.csv', content: [header, ...rows].join('\n') },
      });
    const before = (await service.request('GET', '/internal/partner/orders?pageSize=200', { principal: asAnna })).body
      .items.length;

    const refused = await upload(
      [row('A', 'DESK', '1'), row('A', 'GHOST', '1'), row('B', 'LAMP', '0'), row('C', 'DESK', 'x')],
      'upload-bad',
    );
    expect(refused).toMatchObject({ status: 422, body: { code: 'upload_invalid' } });
    // The file's own problems and the catalogue's, all at once.
    expect(refused.body.rowErrors.map((e: any) => [e.row, e.field])).toEqual([
      [3, 'itemNo'],
      [4, 'quantity'],
      [5, 'quantity'],
    ]);
    expect(
      (await service.request('GET', '/internal/partner/orders?pageSize=200', { principal: asAnna })).body.items,
    ).toHaveLength(before);

    const accepted = await upload([row('A', 'DESK', '1'), row('B', 'LAMP', '2'), row('A', 'LAMP', '1')], 'upload-good');
    expect(accepted.status).toBe(201);
    expect(accepted.body.orders.map((o: any) => o.lines.map((l: any) => l.itemNo))).toEqual([
      ['DESK', 'LAMP'],
      ['LAMP'],
    ]);
    expect(
      (await upload([row('A', 'DESK', '1'), row('B', 'LAMP', '2'), row('A', 'LAMP', '1')], 'upload-good')).status,
    ).toBe(200);
    expect(
      (await service.request('GET', '/internal/partner/orders?pageSize=200', { principal: asAnna })).body.items,
    ).toHaveLength(before + 2);
  });
  it('shows one order to who placed it, to its customer representative and to the administrator, and to no one else', async () => {
    const { body: placed } = await submit(order([{ itemNo: 'LAMP', quantity: '2', unitCode: 'PCS' }]), 'order-one');
    const one = (principal: typeof asAnna, path = `/internal/partner/orders/${placed.portalOrderId}`) =>
      service.request('GET', path, { principal });
    expect(await one(asAnna)).toMatchObject({
      status: 200,
      body: { portalOrderNo: placed.portalOrderNo, partnerNo: 'C1', contactName: 'Anna de Vries', answeredAt: null },
    });
    expect((await one(asRose)).status).toBe(200);
    expect((await one(asBen)).status).toBe(404);
    expect((await one(asBare)).status).toBe(404);
    expect((await one(asAdmin, `/internal/tenants/${tenant}/orders/${placed.portalOrderId}`)).status).toBe(200);
    expect((await one(asAnna, '/internal/partner/orders/not-an-id')).status).toBe(400);

    const admin = (query: string) =>
      service.request('GET', `/internal/tenants/${tenant}/orders?${query}`, { principal: asAdmin });
    const ids = (r: { body: { items: Array<{ portalOrderId: string }> } }) => r.body.items.map((o) => o.portalOrderId);
    expect(ids(await admin('environment=production&companyId=CRONUS&partnerNo=C1&pageSize=200'))).toContain(
      placed.portalOrderId,
    );
    expect(ids(await admin('partnerNo=C2'))).toEqual([]);
    expect(ids(await admin('companyId=ELSEWHERE'))).toEqual([]);
  });

  it('pages the order list newest first with page and pageSize, and filters by status and number', async () => {
    const all = (await service.request('GET', '/internal/partner/orders?pageSize=200', { principal: asAnna })).body;
    expect(all.total).toBe(all.items.length);
    expect(all.total).toBeGreaterThan(2);
    const seen: string[] = [];
    for (let page = 1; page <= Math.ceil(all.total / 2); page += 1) {
      const answer: any = await service.request('GET', `/internal/partner/orders?pageSize=2&page=${page}`, {
        principal: asAnna,
      });
      expect(answer.body).toMatchObject({ page, pageSize: 2, total: all.total });
      expect(answer.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...answer.body.items.map((o: any) => o.portalOrderId));
    }
    expect(seen).toEqual(all.items.map((o: any) => o.portalOrderId));
    const past = await service.request('GET', `/internal/partner/orders?pageSize=2&page=${all.total}`, {
      principal: asAnna,
    });
    expect(past.body).toMatchObject({ items: [], page: all.total, total: all.total });
    // Newest first; the orders of one upload (one moment) by number, the later first.
    const numbers = all.items.map((o: any) => o.portalOrderNo);
    expect(numbers).toEqual([...numbers].sort().reverse());
    const submittedOnly = await service.request('GET', '/internal/partner/orders?status=submitted&pageSize=200', {
      principal: asAnna,
    });
    expect(submittedOnly.body.items.every((o: any) => o.status === 'submitted')).toBe(true);
    expect(submittedOnly.body.total).toBe(submittedOnly.body.items.length);
    const byNumber = await service.request('GET', `/internal/partner/orders?search=${all.items[0].portalOrderNo}`, {
      principal: asAnna,
    });
    expect(byNumber.body).toMatchObject({ total: 1, items: [{ portalOrderNo: all.items[0].portalOrderNo }] });
    const refused = await service.request('GET', '/internal/partner/orders?pageSize=201&cursor=nonsense', {
      principal: asAnna,
    });
    expect([refused.status, refused.body.errors.map((e: any) => e.field).sort()]).toEqual([
      400,
      ['cursor', 'pageSize'],
    ]);
  });

  it('shows what an order takes from the contact record, or names every missing field', async () => {
    expect(await service.request('GET', '/internal/partner/orders/defaults', { principal: asAnna })).toMatchObject({
      status: 200,
      body: {
        environment: 'production',
        companyId: 'CRONUS',
        companyName: 'CRONUS Nederland BV',
        customerAccount: 'C1',
        invoiceCustomer: 'C9',
        currencyCode: 'EUR',
        priceListCode: 'RETAIL',
        languageCode: 'nl',
        shipToCountryCode: 'NL',
        contactNo: 'CT-ANNA',
        contactName: 'Anna de Vries',
        suggestedDeliveryAddress: { description: 'Partner C1', line1: 'Main Street 1', countryCode: 'NL' },
      },
    });
    const refused = await service.request('GET', '/internal/partner/orders/defaults', { principal: asBare });
    expect(refused).toMatchObject({ status: 422, body: { code: 'order_defaults_missing' } });
    expect(refused.body.errors).toEqual([{ field: 'priceListCode', reason: 'the customer has no price list' }]);
    expect((await service.request('GET', '/internal/partner/orders/defaults', { principal: asAdmin })).status).toBe(
      403,
    );
  });

  it('offers the items the customer can order with their prices, searched and paged by item number', async () => {
    const catalogue = (query = '') =>
      service.request('GET', `/internal/partner/orders/catalogue${query}`, { principal: asAnna });
    const all = await catalogue();
    expect(all.body).toMatchObject({ priceListCode: 'RETAIL', currencyCode: 'EUR', page: 1, pageSize: 50, total: 2 });
    // OLD is blocked and CHAIR has no price: an order line of either would be refused.
    expect(all.body.items.map((i: any) => [i.itemNo, i.units.map((u: any) => u.unitCode)])).toEqual([
      ['DESK', ['PCS', 'BOX']],
      ['LAMP', ['PCS']],
    ]);
    expect(all.body.items[0].units[0].prices).toEqual([
      { minimumQuantity: '0', unitPrice: '649.00' },
      { minimumQuantity: '10', unitPrice: '600.00' },
    ]);
    expect((await catalogue('?search=item%20la')).body.items.map((i: any) => i.itemNo)).toEqual(['LAMP']);
    expect((await catalogue('?search=de')).body.items.map((i: any) => i.itemNo)).toEqual(['DESK']);
    expect((await catalogue('?search=%25')).body.items).toEqual([]);
    const first = await catalogue('?pageSize=1');
    expect(first.body).toMatchObject({ items: [{ itemNo: 'DESK' }], page: 1, pageSize: 1, total: 2 });
    const second = await catalogue('?pageSize=1&page=2');
    expect(second.body).toMatchObject({ items: [{ itemNo: 'LAMP' }], page: 2, pageSize: 1, total: 2 });
    expect((await catalogue('?pageSize=1&page=3')).body).toMatchObject({ items: [], total: 2 });
    expect((await catalogue('?limit=1')).status).toBe(400);
    expect((await service.request('GET', '/internal/partner/orders/catalogue', { principal: asBare })).status).toBe(
      422,
    );
  });

  it('previews an upload exactly as the upload checks it, writing nothing, and offers a template that uploads', async () => {
    const count = async () =>
      (await service.request('GET', '/internal/partner/orders?pageSize=200', { principal: asAnna })).body.items.length;
    const before = await count();
    const preview = (content: string) =>
      service.request('POST', '/internal/partner/orders/upload/preview', {
        principal: asAnna,
        body: { fileName: 'orders.csv', content },
      });
    const header =
      'orderRef;requestedReceiptDate;requisitionNo;deliveryDescription;deliveryLine1;deliveryLine2;deliveryCity;deliveryPostalCode;deliveryCountryCode;itemNo;quantity;unitCode';
    const good = await preview(
      `\uFEFF${header}\r\nA;15-12-2026;;Main;Keizersgracht 12;;Amsterdam;1015 CJ;NL;DESK;2;PCS\r\nA;15-12-2026;;Main;Keizersgracht 12;;Amsterdam;1015 CJ;NL;LAMP;1,5;PCS\r\n`,
    );
    expect(good).toMatchObject({
      status: 200,
      body: {
        acceptable: true,
        delimiter: ';',
        rowCount: 2,
        currencyCode: 'EUR',
        rowErrors: [],
        orders: [
          {
            orderRef: 'A',
            requestedReceiptDate: '2026-12-15',
            estimatedTotal: '1357.925',
            lines: [
              { row: 2, itemNo: 'DESK', estimatedNetAmount: '1298.00' },
              { row: 3, itemNo: 'LAMP', quantity: '1.5', estimatedNetAmount: '59.925' },
            ],
          },
        ],
      },
    });
    const bad = await preview(
      `${header}\nA;2026-12-15;;Main;Keizersgracht 12;;Amsterdam;1015 CJ;NL;DESK;2;PCS\nB;2026-12-15;;Main;Keizersgracht 12;;Amsterdam;1015 CJ;NL;OLD;1;PCS\n`,
    );
    expect(bad.body).toMatchObject({
      acceptable: false,
      orders: [{ orderRef: 'A' }],
      rowErrors: [{ row: 3, field: 'itemNo', reason: 'product OLD is blocked' }],
    });
    expect(await count()).toBe(before);

    const template = await fetch(`${service.baseUrl}/internal/partner/orders/upload/template?delimiter=semicolon`, {
      headers: { [INTERNAL_TOKEN_HEADER]: TEST_GATEWAY_TOKEN, [PRINCIPAL_HEADER]: encodePrincipal(asAnna) },
    });
    expect(template.status).toBe(200);
    expect(template.headers.get('content-type')).toContain('text/csv');
    const text = await template.text();
    const [head, example] = text.replace(/^\uFEFF/, '').split('\r\n');
    expect(head).toBe(header);
    expect(example).toMatch(
      /^ORDER-1;\d{4}-\d{2}-\d{2};REQ-1;Partner C1;Main Street 1;;Amsterdam;1011 AA;NL;DESK;1;PCS$/,
    );
    expect((await preview(text)).body).toMatchObject({ acceptable: true, rowErrors: [] });
  });
});
