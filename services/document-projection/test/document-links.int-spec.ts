import { ErpDocumentType, PortalRole } from '@partner-portal/contracts';
import {
  adminOf,
  documentDeleted,
  documentUpserted,
  erpPlace,
  partnerUser,
  portalUserActivated,
  portalUserRef,
  type ServiceUnderTest,
} from '@partner-portal/testing';
import { startService } from './document-projection.harness';

// A document's page: its status history as the ERP sent it, the order it follows from and its follow-ups (only
// those the viewer may see), the list filter by order, and the counts of a partner's home, for two authorized users
// of customer C1, its representative and the administrator (who narrows to one partner by environment and company).
describe('document history, links and counts', () => {
  let service: ServiceUnderTest;
  const tenant = 'tenant-links';
  const place = erpPlace(tenant);
  const sandbox = erpPlace(tenant, { environment: 'sandbox' });
  const admin = adminOf(tenant);
  const member = (contactNo: string, membershipId: string) =>
    portalUserRef(place, { membershipId, partnerNo: 'C1', contactNo });
  const anna = member('CT-ANNA', '55555555-5555-4555-8555-555555555551');
  const bert = member('CT-BERT', '55555555-5555-4555-8555-555555555552');
  const rita = member('CT-RITA', '55555555-5555-4555-8555-555555555553');
  const as = (ref: typeof anna) => partnerUser(tenant, ref.membershipId, `sub-${ref.contactNo}`);
  const at = (minute: number) => `2026-11-02T09:${String(minute).padStart(2, '0')}:00.000Z`;
  /** An event as the ERP sent it at a given minute. */
  const sent = <T extends { occurredAt: string }>(event: T, minute: number): T => ({
    ...event,
    occurredAt: at(minute),
  });
  const order = (documentNo: string, contactNo: string, status: string, erpVersion: number) =>
    documentUpserted(place, {
      documentNo,
      documentType: ErpDocumentType.SalesOrder,
      partnerNo: 'C1',
      contactNo,
      status,
      erpVersion,
    });
  const followUp = (
    documentNo: string,
    documentType: ErpDocumentType,
    orderNo: string,
    status: string,
    documentDate = '2026-11-03',
  ) => documentUpserted(place, { documentNo, documentType, partnerNo: 'C1', orderNo, status, documentDate });
  const ids: Record<string, string> = {};
  const get = async (who: object, documentNo: string) =>
    service.request('GET', `/internal/partner/documents/${ids[documentNo]}`, { principal: who as never });
  const numbers = (refs: Array<{ documentNo: string }>) => refs.map((r) => r.documentNo);

  beforeAll(async () => {
    service = await startService('links');
    await service.publisher.publish(
      portalUserActivated(place, anna, PortalRole.AuthorizedUser),
      portalUserActivated(place, bert, PortalRole.AuthorizedUser),
      portalUserActivated(place, rita, PortalRole.CustomerRepresentative),
      sent(order('SO-A', 'CT-ANNA', 'Open', 1), 1),
      sent(order('SO-A', 'CT-ANNA', 'Released', 2), 2),
      // A new version with the same status is no change of status.
      sent(order('SO-A', 'CT-ANNA', 'Released', 3), 3),
      sent(followUp('SH-A', ErpDocumentType.SalesShipment, 'SO-A', 'Posted'), 4),
      sent(followUp('INV-A', ErpDocumentType.SalesInvoice, 'SO-A', 'Open', '2026-11-04'), 5),
      sent(order('SO-A', 'CT-ANNA', 'Invoiced', 4), 6),
      // Bert's order: the newer version overtakes the older one on the way; the older one changes nothing.
      sent(order('SO-B', 'CT-BERT', 'Released', 2), 7),
      sent(order('SO-B', 'CT-BERT', 'Open', 1), 8),
      sent(followUp('SH-B', ErpDocumentType.SalesShipment, 'SO-B', 'Posted'), 9),
      sent(followUp('SH-GONE', ErpDocumentType.SalesShipment, 'SO-B', 'Posted'), 10),
      documentDeleted(place, {
        documentNo: 'SH-GONE',
        documentType: ErpDocumentType.SalesShipment,
        partnerNo: 'C1',
        erpVersion: 2,
      }),
      // The same partner number in another environment is another partner.
      documentUpserted(sandbox, {
        documentNo: 'SO-SANDBOX',
        documentType: ErpDocumentType.SalesOrder,
        partnerNo: 'C1',
        status: 'Open',
      }),
    );
    const all = await service.eventually(
      `/internal/tenants/${tenant}/documents?pageSize=50`,
      admin,
      (b) =>
        b.items.length === 6 &&
        b.items.some((d: any) => d.documentNo === 'SO-A' && d.status === 'Invoiced') &&
        !b.items.some((d: any) => d.documentNo === 'SH-GONE'),
      'the documents of C1',
    );
    for (const d of all.items) ids[d.documentNo] = d.documentId;
  });
  afterAll(() => service.stop());

  it('keeps the status history as the ERP sent it: first arrival and each change, at the time it was sent', async () => {
    const soA = await get(as(anna), 'SO-A');
    expect(soA.status).toBe(200);
    expect(soA.body.statusHistory).toEqual([
      { status: 'Open', erpVersion: 1, changedAt: at(1) },
      { status: 'Released', erpVersion: 2, changedAt: at(2) },
      { status: 'Invoiced', erpVersion: 4, changedAt: at(6) },
    ]);
    expect((await get(as(bert), 'SO-B')).body.statusHistory).toEqual([
      { status: 'Released', erpVersion: 2, changedAt: at(7) },
    ]);
    expect((await get(as(anna), 'SH-A')).body.statusHistory).toEqual([
      { status: 'Posted', erpVersion: 1, changedAt: at(4) },
    ]);
  });

  it('links an order with its follow-ups and a follow-up with its order, within what the viewer sees', async () => {
    const soA = (await get(as(anna), 'SO-A')).body;
    expect(soA.followsFrom).toBeNull();
    expect(soA.followUps).toEqual([
      expect.objectContaining({ documentNo: 'SH-A', type: 'warehouse_receipt', status: 'Posted' }),
      expect.objectContaining({ documentNo: 'INV-A', type: 'purchase_invoice', status: 'Open' }),
    ]);
    expect(soA.followUps[0]).toEqual({
      documentId: ids['SH-A'],
      type: 'warehouse_receipt',
      documentNo: 'SH-A',
      status: 'Posted',
      documentDate: '2026-11-03',
    });
    expect((await get(as(anna), 'INV-A')).body.followsFrom).toMatchObject({
      documentId: ids['SO-A'],
      type: 'purchase_order',
      documentNo: 'SO-A',
      status: 'Invoiced',
    });
    // A deleted follow-up is seen by nobody.
    expect(numbers((await get(as(rita), 'SO-B')).body.followUps)).toEqual(['SH-B']);
    expect((await get(as(bert), 'SH-A')).status).toBe(404);
    const forAdmin = await service.request('GET', `/internal/tenants/${tenant}/documents/${ids['SO-A']}`, {
      principal: admin,
    });
    expect(numbers(forAdmin.body.followUps)).toEqual(['SH-A', 'INV-A']);
    expect(forAdmin.body.statusHistory).toHaveLength(3);
  });

  it('lists the documents that follow from one order', async () => {
    const list = async (who: object, query: string, path = '/internal/partner/documents') =>
      numbers((await service.request('GET', `${path}?${query}`, { principal: who as never })).body.items);
    expect(await list(as(rita), 'orderNo=SO-A&sort=number_asc')).toEqual(['INV-A', 'SH-A']);
    expect(await list(as(anna), 'orderNo=SO-A&type=warehouse_receipt')).toEqual(['SH-A']);
    expect(await list(as(bert), 'orderNo=SO-A')).toEqual([]);
    expect(await list(admin, 'orderNo=SO-B', `/internal/tenants/${tenant}/documents`)).toEqual(['SH-B']);
  });

  it("counts open and total documents per type in the partner's words, over what the viewer sees", async () => {
    const summary = async (who: object) =>
      (await service.request('GET', '/internal/partner/documents/summary', { principal: who as never })).body.types;
    expect(await summary(as(rita))).toEqual([
      { type: 'purchase_order', open: 1, total: 2 },
      { type: 'warehouse_receipt', open: 0, total: 2 },
      { type: 'purchase_return_order', open: 0, total: 0 },
      { type: 'purchase_invoice', open: 1, total: 1 },
      { type: 'purchase_credit_memo', open: 0, total: 0 },
    ]);
    expect(await summary(as(anna))).toEqual([
      { type: 'purchase_order', open: 0, total: 1 },
      { type: 'warehouse_receipt', open: 0, total: 1 },
      { type: 'purchase_return_order', open: 0, total: 0 },
      { type: 'purchase_invoice', open: 1, total: 1 },
      { type: 'purchase_credit_memo', open: 0, total: 0 },
    ]);
    expect((await summary(as(bert))).slice(0, 2)).toEqual([
      { type: 'purchase_order', open: 1, total: 1 },
      { type: 'warehouse_receipt', open: 0, total: 1 },
    ]);
    expect(await summary(partnerUser(tenant, '55555555-5555-4555-8555-555555555559', 'sub-nobody'))).toEqual([]);
  });

  it('lets the administrator narrow lists and counts to one partner by environment and company', async () => {
    const adminList = async (query: string) =>
      numbers(
        (await service.request('GET', `/internal/tenants/${tenant}/documents?${query}`, { principal: admin })).body
          .items,
      );
    expect(await adminList('partnerType=customer&partnerNo=C1&type=sales_order&sort=number_asc')).toEqual([
      'SO-A',
      'SO-B',
      'SO-SANDBOX',
    ]);
    expect(await adminList('environment=sandbox&companyId=CRONUS&partnerType=customer&partnerNo=C1')).toEqual([
      'SO-SANDBOX',
    ]);
    expect(await adminList('environment=production&companyId=OTHER&partnerNo=C1')).toEqual([]);
    // A partner's own page, as the administrator sees it: the type in the partner's words.
    expect(
      await adminList('environment=production&partnerType=customer&partnerNo=C1&view=purchase_order&sort=number_asc'),
    ).toEqual(['SO-A', 'SO-B']);
    const noPartnerType = await service.request('GET', `/internal/tenants/${tenant}/documents?view=purchase_order`, {
      principal: admin,
    });
    expect(noPartnerType).toMatchObject({ status: 400, body: { errors: [{ field: 'view' }] } });
    const vendorWord = await service.request(
      'GET',
      `/internal/tenants/${tenant}/documents?partnerType=customer&view=sales_invoice`,
      { principal: admin },
    );
    expect(vendorWord.body.errors).toEqual([{ field: 'view', reason: expect.stringContaining('purchase_invoice') }]);

    const summary = async (query: string) =>
      service.request('GET', `/internal/tenants/${tenant}/documents/summary?${query}`, { principal: admin });
    const production = await summary('environment=production&companyId=CRONUS&partnerType=customer&partnerNo=C1');
    expect(production.body.types[0]).toEqual({
      type: 'purchase_order',
      erpDocumentType: 'sales_order',
      open: 1,
      total: 2,
    });
    const inSandbox = await summary('environment=sandbox&partnerType=customer&partnerNo=C1');
    expect(inSandbox.body.types[0]).toMatchObject({ type: 'purchase_order', open: 1, total: 1 });
    expect((await summary('partnerType=vendor')).body.types.map((t: any) => t.type)).toEqual([
      'sales_order',
      'warehouse_shipment',
      'sales_return_order',
      'sales_invoice',
      'sales_credit_memo',
    ]);
    const refused = await summary('partnerNo=C1');
    expect(refused).toMatchObject({ status: 400, body: { errors: [{ field: 'partnerType' }] } });
  });
});
