import { DlqHeaders, ErpDocumentType, PartnerType, PortalRole, Topics, dlqTopicOf } from '@partner-portal/contracts';
import {
  adminOf,
  documentDeleted,
  documentUpserted,
  erpPlace,
  partnerUser,
  portalUserActivated,
  portalUserRef,
  readTopic,
  stockLevelChanged,
  type ServiceUnderTest,
} from '@partner-portal/testing';
import { startService } from './document-projection.harness';

describe('the document projection', () => {
  let service: ServiceUnderTest;
  const tenant = 'tenant-proj';
  const place = erpPlace(tenant);
  const admin = adminOf(tenant);
  const vendor = portalUserRef(place, {
    membershipId: '11111111-1111-4111-8111-111111111111',
    partnerNo: 'V1',
    contactNo: 'CT-V',
    partnerType: PartnerType.Vendor,
  });
  const thirdParty = portalUserRef(place, {
    membershipId: '22222222-2222-4222-8222-222222222222',
    partnerNo: 'T1',
    contactNo: 'CT-T',
    partnerType: PartnerType.ThirdPartyLogisticsCustomer,
  });
  const customer = portalUserRef(place, {
    membershipId: '33333333-3333-4333-8333-333333333333',
    partnerNo: 'C1',
    contactNo: 'CT-C',
  });
  const as = (ref: typeof vendor) => partnerUser(tenant, ref.membershipId, `sub-${ref.contactNo}`);
  const adminDocs = async (query: string) =>
    (await service.request('GET', `/internal/tenants/${tenant}/documents${query}`, { principal: admin })).body;

  beforeAll(async () => {
    service = await startService('projection');
    await service.publisher.publish(
      portalUserActivated(place, vendor, PortalRole.CustomerRepresentative),
      portalUserActivated(place, thirdParty, PortalRole.CustomerRepresentative),
      portalUserActivated(place, customer, PortalRole.CustomerRepresentative),
    );
  });
  afterAll(() => service.stop());

  it("speaks each partner type's words", async () => {
    const docs = [
      [PartnerType.Customer, 'C1', ErpDocumentType.SalesOrder],
      [PartnerType.Customer, 'C1', ErpDocumentType.SalesShipment],
      [PartnerType.Customer, 'C1', ErpDocumentType.SalesReturnOrder],
      [PartnerType.Customer, 'C1', ErpDocumentType.SalesInvoice],
      [PartnerType.Customer, 'C1', ErpDocumentType.SalesCreditMemo],
      [PartnerType.Vendor, 'V1', ErpDocumentType.PurchaseOrder],
      [PartnerType.Vendor, 'V1', ErpDocumentType.PurchaseReceipt],
      [PartnerType.Vendor, 'V1', ErpDocumentType.PurchaseReturnOrder],
      [PartnerType.Vendor, 'V1', ErpDocumentType.PurchaseInvoice],
      [PartnerType.Vendor, 'V1', ErpDocumentType.PurchaseCreditMemo],
      [PartnerType.ThirdPartyLogisticsCustomer, 'T1', ErpDocumentType.WarehouseShipment],
      [PartnerType.ThirdPartyLogisticsCustomer, 'T1', ErpDocumentType.WarehouseReceipt],
    ] as const;
    await service.publisher.publish(
      ...docs.map(([partnerType, partnerNo, documentType], i) =>
        documentUpserted(place, { documentNo: `D-${i}`, documentType, partnerNo, partnerType }),
      ),
    );
    await service.eventually(
      `/internal/tenants/${tenant}/documents`,
      admin,
      (b) => b.items.length === 12,
      'twelve documents',
    );
    const words = async (ref: typeof vendor) =>
      (
        await service.request('GET', '/internal/partner/documents?sort=number_asc', { principal: as(ref) })
      ).body.items.map((d: any) => d.type);
    expect(await words(customer)).toEqual([
      'purchase_order',
      'warehouse_receipt',
      'purchase_return_order',
      'purchase_invoice',
      'purchase_credit_memo',
    ]);
    expect(await words(vendor)).toEqual([
      'sales_order',
      'warehouse_shipment',
      'sales_return_order',
      'sales_invoice',
      'sales_credit_memo',
    ]);
    expect(await words(thirdParty)).toEqual(['shipment', 'delivery']);
  });

  it('keeps the newest ERP version, whatever the order of arrival, and ignores redelivery', async () => {
    const v3 = documentUpserted(place, {
      documentNo: 'SO-V',
      documentType: ErpDocumentType.SalesOrder,
      partnerNo: 'C1',
      status: 'Released',
      erpVersion: 3,
    });
    await service.publisher.publish(
      v3,
      documentUpserted(place, {
        documentNo: 'SO-V',
        documentType: ErpDocumentType.SalesOrder,
        partnerNo: 'C1',
        status: 'Open',
        erpVersion: 2,
      }),
      v3,
      documentUpserted(place, { documentNo: 'SO-MARK', documentType: ErpDocumentType.SalesOrder, partnerNo: 'C1' }),
    );
    await service.eventually(
      `/internal/tenants/${tenant}/documents?search=SO-MARK`,
      admin,
      (b) => b.items.length === 1,
    );
    expect((await adminDocs('?search=SO-V')).items).toEqual([
      expect.objectContaining({ documentNo: 'SO-V', status: 'Released' }),
    ]);
  });

  it('removes a deleted document, and a late older upsert does not bring it back', async () => {
    await service.publisher.publish(
      documentUpserted(place, {
        documentNo: 'SO-DEL',
        documentType: ErpDocumentType.SalesOrder,
        partnerNo: 'C1',
        erpVersion: 1,
      }),
      documentDeleted(place, {
        documentNo: 'SO-DEL',
        documentType: ErpDocumentType.SalesOrder,
        partnerNo: 'C1',
        erpVersion: 5,
      }),
      documentUpserted(place, {
        documentNo: 'SO-DEL',
        documentType: ErpDocumentType.SalesOrder,
        partnerNo: 'C1',
        erpVersion: 4,
      }),
      documentUpserted(place, { documentNo: 'SO-MARK2', documentType: ErpDocumentType.SalesOrder, partnerNo: 'C1' }),
    );
    await service.eventually(
      `/internal/tenants/${tenant}/documents?search=SO-MARK2`,
      admin,
      (b) => b.items.length === 1,
    );
    expect((await adminDocs('?search=SO-DEL')).items).toEqual([]);
  });

  it('sends an invalid event and a document no partner can see to the dead-letter topic, and goes on', async () => {
    const wrongSide = documentUpserted(place, {
      documentNo: 'PO-X',
      documentType: ErpDocumentType.PurchaseOrder,
      partnerNo: 'C1',
    });
    const broken = documentUpserted(place, {
      documentNo: 'SO-BAD',
      documentType: ErpDocumentType.SalesOrder,
      partnerNo: 'C1',
    });
    await service.publisher.publishRaw(
      Topics.ErpDocuments,
      `${tenant}|production|CRONUS|C1`,
      JSON.stringify({ ...broken, payload: { ...broken.payload, amount: 12 } }),
    );
    await service.publisher.publish(
      wrongSide,
      documentUpserted(place, { documentNo: 'SO-AFTER', documentType: ErpDocumentType.SalesOrder, partnerNo: 'C1' }),
    );
    await service.eventually(
      `/internal/tenants/${tenant}/documents?search=SO-AFTER`,
      admin,
      (b) => b.items.length === 1,
    );
    const dead = await readTopic(
      service.env.kafkaBrokers,
      `${service.env.topicPrefix}${dlqTopicOf(Topics.ErpDocuments)}`,
      { count: 2 },
    );
    expect(dead.map((m) => m.headers[DlqHeaders.Error])).toEqual([
      expect.stringContaining('payload.amount'),
      'PermanentError: a customer has no view of a purchase_order (document PO-X)',
    ]);
    expect(dead[1].headers[DlqHeaders.Attempts]).toBe('1');
  });

  it('lists with filters, sorted, page by page with the total of the filtered list', async () => {
    await service.publisher.publish(
      ...Array.from({ length: 7 }, (_, i) =>
        documentUpserted(place, {
          documentNo: `INV-${i}`,
          documentType: ErpDocumentType.SalesInvoice,
          partnerNo: 'C1',
          documentDate: `2026-12-0${i + 1}`,
          status: i % 2 ? 'Paid' : 'Open',
        }),
      ),
    );
    await service.eventually(`/internal/tenants/${tenant}/documents?search=INV-6`, admin, (b) => b.items.length === 1);
    const page = (query: string) =>
      service
        .request('GET', `/internal/partner/documents?type=purchase_invoice&search=INV-&${query}`, {
          principal: as(customer),
        })
        .then((r) => r.body);
    const first = await page('pageSize=3');
    expect(first).toMatchObject({ page: 1, pageSize: 3, total: 7 });
    expect(first.items.map((d: any) => d.documentNo)).toEqual(['INV-6', 'INV-5', 'INV-4']);
    const second = await page('pageSize=3&page=2');
    expect(second.items.map((d: any) => d.documentNo)).toEqual(['INV-3', 'INV-2', 'INV-1']);
    expect(await page('pageSize=3&page=3')).toMatchObject({
      items: [{ documentNo: 'INV-0' }],
      page: 3,
      pageSize: 3,
      total: 7,
    });
    // Past the last page: no items, and the total to find the way back.
    expect(await page('pageSize=3&page=4')).toEqual({ items: [], page: 4, pageSize: 3, total: 7 });
    const paid = await page('status=Paid&sort=date_asc');
    expect(paid).toMatchObject({ page: 1, pageSize: 50, total: 3 });
    expect(paid.items.map((d: any) => d.documentNo)).toEqual(['INV-1', 'INV-3', 'INV-5']);
    expect((await page('from=2026-12-03&to=2026-12-04')).items.map((d: any) => d.documentNo)).toEqual([
      'INV-3',
      'INV-2',
    ]);
    const bad = await service.request('GET', `/internal/partner/documents?page=0&pageSize=201&from=yesterday`, {
      principal: as(customer),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.field).sort()).toEqual(['from', 'page', 'pageSize']);
    const cursor = await service.request('GET', `/internal/partner/documents?cursor=bm9wZQ&limit=3`, {
      principal: as(customer),
    });
    expect(cursor.status).toBe(400);
    expect(cursor.body.errors.map((e: any) => e.field).sort()).toEqual(['cursor', 'limit']);
  });

  it("pages an administrator's tenant-wide list, each page holding the next rows and the same total", async () => {
    await service.publisher.publish(
      ...Array.from({ length: 7 }, (_, i) =>
        documentUpserted(place, {
          documentNo: `ADM-${i}`,
          documentType: ErpDocumentType.SalesOrder,
          partnerNo: i % 2 ? 'C1' : 'C2',
        }),
      ),
    );
    await service.eventually(`/internal/tenants/${tenant}/documents?search=ADM-`, admin, (b) => b.total === 7);
    const pages = await Promise.all(
      [1, 2, 3].map((n) => adminDocs(`?search=ADM-&sort=number_asc&pageSize=3&page=${n}`)),
    );
    expect(pages.map((p) => p.items.map((d: any) => d.documentNo))).toEqual([
      ['ADM-0', 'ADM-1', 'ADM-2'],
      ['ADM-3', 'ADM-4', 'ADM-5'],
      ['ADM-6'],
    ]);
    expect(pages.map((p) => [p.page, p.pageSize, p.total])).toEqual([
      [1, 3, 7],
      [2, 3, 7],
      [3, 3, 7],
    ]);
  });

  it('shows a 3PL customer its stock by item, location, bin and license plate, with totals per item', async () => {
    await service.publisher.publish(
      stockLevelChanged(place, {
        partnerNo: 'T1',
        itemNo: 'DESK',
        locationCode: 'WH1',
        binCode: 'A-01',
        licensePlate: 'LP1',
        quantity: '10',
      }),
      stockLevelChanged(place, {
        partnerNo: 'T1',
        itemNo: 'DESK',
        locationCode: 'WH1',
        binCode: 'A-02',
        licensePlate: 'LP2',
        quantity: '5.5',
      }),
      stockLevelChanged(place, { partnerNo: 'T1', itemNo: 'CHAIR', locationCode: 'WH2', quantity: '4' }),
      stockLevelChanged(place, {
        partnerNo: 'T1',
        itemNo: 'DESK',
        locationCode: 'WH1',
        binCode: 'A-01',
        licensePlate: 'LP1',
        quantity: '8',
        erpVersion: 2,
      }),
      stockLevelChanged(place, { partnerNo: 'T2', itemNo: 'DESK', locationCode: 'WH1', quantity: '99' }),
    );
    const stock = await service.eventually('/internal/partner/stock', as(thirdParty), (b) =>
      b.totals.some((t: any) => t.quantity === '13.5'),
    );
    expect(stock.totals).toEqual([
      { itemNo: 'CHAIR', description: null, unitCode: 'PCS', quantity: '4' },
      { itemNo: 'DESK', description: null, unitCode: 'PCS', quantity: '13.5' },
    ]);
    expect(stock).toMatchObject({ page: 1, pageSize: 50, total: 3 });
    const filtered = await service.request('GET', '/internal/partner/stock?itemNo=DESK&licensePlate=LP1', {
      principal: as(thirdParty),
    });
    expect(filtered.body).toMatchObject({ page: 1, pageSize: 50, total: 1 });
    expect(filtered.body.items).toEqual([
      expect.objectContaining({ itemNo: 'DESK', binCode: 'A-01', licensePlate: 'LP1', quantity: '8' }),
    ]);
    expect((await service.request('GET', '/internal/partner/stock', { principal: as(customer) })).status).toBe(403);
  });

  it('pages stock: of 120 rows, page 2 of 50 holds rows 51-100, and the totals count every page', async () => {
    const itemNo = (n: number) => `PG-${String(n).padStart(3, '0')}`;
    await service.publisher.publish(
      ...Array.from({ length: 120 }, (_, i) =>
        stockLevelChanged(place, { partnerNo: 'T9', itemNo: itemNo(i + 1), locationCode: 'WH9', quantity: '1' }),
      ),
    );
    const stock = (query: string) =>
      service
        .request('GET', `/internal/tenants/${tenant}/stock?partnerNo=T9&${query}`, { principal: admin })
        .then((r) => r.body);
    await service.eventually(`/internal/tenants/${tenant}/stock?partnerNo=T9`, admin, (b) => b.total === 120);
    const second = await stock('page=2&pageSize=50');
    expect(second).toMatchObject({ page: 2, pageSize: 50, total: 120 });
    expect(second.items.map((r: any) => r.itemNo)).toEqual(Array.from({ length: 50 }, (_, i) => itemNo(i + 51)));
    expect(second.totals).toHaveLength(120);
    expect(second.locationTotals).toEqual([{ locationCode: 'WH9', unitCode: 'PCS', quantity: '120' }]);
    const third = await stock('page=3&pageSize=50');
    expect(third.items.map((r: any) => r.itemNo)).toEqual(Array.from({ length: 20 }, (_, i) => itemNo(i + 101)));
    expect(await stock('page=4&pageSize=50')).toMatchObject({ items: [], page: 4, pageSize: 50, total: 120 });
    expect((await stock('pageSize=50')).items[0].itemNo).toBe(itemNo(1));
    const refused = await service.request('GET', `/internal/tenants/${tenant}/stock?pageSize=201`, {
      principal: admin,
    });
    expect([refused.status, refused.body.errors.map((e: any) => e.field)]).toEqual([400, ['pageSize']]);
  });
});
