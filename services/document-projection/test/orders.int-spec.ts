import { randomUUID } from 'node:crypto';
import { ErpDocumentType, PortalRole, Topics } from '@partner-portal/contracts';
import {
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
  waitFor,
  type ServiceUnderTest,
} from '@partner-portal/testing';
import { startService } from './document-projection.harness';

describe('portal orders', () => {
  let service: ServiceUnderTest;
  const tenant = 'tenant-orders';
  const place = erpPlace(tenant);
  const anna = portalUserRef(place, { membershipId: randomUUID(), partnerNo: 'C1', contactNo: 'CT-ANNA' });
  const bare = portalUserRef(place, { membershipId: randomUUID(), partnerNo: 'C2', contactNo: 'CT-BARE' });
  const asAnna = partnerUser(tenant, anna.membershipId, 'sub-anna');
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
      itemUpserted(place, 'DESK', ['PCS', 'BOX']),
      itemUpserted(place, 'LAMP'),
      priceListUpserted(place, 'RETAIL', [
        { itemNo: 'DESK', unitCode: 'PCS', unitPrice: '649.00' },
        { itemNo: 'DESK', unitCode: 'BOX', unitPrice: '2499.00' },
        { itemNo: 'LAMP', unitCode: 'PCS', unitPrice: '39.95' },
      ]),
      portalUserActivated(place, anna, PortalRole.AuthorizedUser),
      portalUserActivated(place, bare, PortalRole.CustomerRepresentative),
    );
    await waitFor(
      () => submit(order([{ itemNo: 'LAMP', quantity: '1', unitCode: 'PCS' }]), 'warm-up'),
      (r) => r.status === 201,
      { what: 'the read model to know anna, her customer and the price list' },
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
    const before = (await service.request('GET', '/internal/partner/orders?limit=200', { principal: asAnna })).body
      .items.length;

    const refused = await upload(
      [row('A', 'DESK', '1'), row('A', 'GHOST', '1'), row('B', 'LAMP', '0'), row('C', 'DESK', 'x')],
      'upload-bad',
    );
    expect(refused).toMatchObject({ status: 422, body: { code: 'upload_invalid' } });
    expect(refused.body.rowErrors.map((e: any) => [e.row, e.field])).toEqual([[5, 'quantity']]);
    const refusedLater = await upload(
      [row('A', 'DESK', '1'), row('A', 'GHOST', '1'), row('B', 'LAMP', '0')],
      'upload-bad-2',
    );
    expect(refusedLater.body.rowErrors.map((e: any) => [e.row, e.field])).toEqual([
      [3, 'itemNo'],
      [4, 'quantity'],
    ]);
    expect(
      (await service.request('GET', '/internal/partner/orders?limit=200', { principal: asAnna })).body.items,
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
      (await service.request('GET', '/internal/partner/orders?limit=200', { principal: asAnna })).body.items,
    ).toHaveLength(before + 2);
  });
});
