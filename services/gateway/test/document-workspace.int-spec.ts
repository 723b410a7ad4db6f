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
} from '@partner-portal/testing';

// What the partner's home and a document's page ask of the public API, with every service running: counts per
// type in the partner's words, a document's status history and links, the list of one order's follow-ups, and
// the administrator's view of one partner narrowed by environment and company.
describe("the partner's documents through the gateway", () => {
  let platform: RunningPlatform;
  const tenant = 'tenant-workspace-docs';
  const place = erpPlace(tenant);
  const who = people(tenant);
  const admin = `/api/admin/tenants/${tenant}`;
  const tokens: Record<string, string> = {};
  const get = (url: string, as: keyof typeof tokens) => platform.call('GET', url, { token: tokens[as] });

  beforeAll(async () => {
    platform = await startPlatform('workspace-docs', Object.values(who));
    await platform.publisher.publish(...masterData(place, who));
    await grantMembership(platform, place, who.rita, CONTACTS.rita, PortalRole.CustomerRepresentative);
    await grantMembership(platform, place, who.aaron, CONTACTS.aaron, PortalRole.AuthorizedUser);
    await grantMembership(platform, place, who.alice, CONTACTS.alice, PortalRole.AuthorizedUser);
    for (const name of ['admin', 'rita', 'aaron', 'alice'] as const) tokens[name] = await tokenOf(platform, who[name]);
    await platform.publisher.publish(
      salesOrder(place, 'SO-AARON', { contactNo: CONTACTS.aaron.contactNo, status: 'Open' }),
      salesOrder(place, 'SO-ALICE', { contactNo: CONTACTS.alice.contactNo, status: 'Open' }),
      salesOrder(place, 'SO-AARON', { contactNo: CONTACTS.aaron.contactNo, status: 'Released', erpVersion: 2 }),
      documentUpserted(place, {
        documentNo: 'SHP-AARON',
        documentType: ErpDocumentType.SalesShipment,
        partnerNo: 'C10000',
        orderNo: 'SO-AARON',
        status: 'Posted',
      }),
      // C10000 in another company is another partner.
      salesOrder(erpPlace(tenant, { companyId: 'CRONUS-BE' }), 'SO-BELGIUM', { status: 'Open' }),
    );
    await waitFor(
      () => get('/api/portal/documents?type=warehouse_receipt', 'rita'),
      (r) => r.status === 200 && r.body.items.length === 1,
      { what: "Aaron's shipment" },
    );
  }, 180_000);
  afterAll(() => platform?.stop());

  it("counts each type in the partner's words, over what the person may see", async () => {
    const rita = await get('/api/portal/documents/summary', 'rita');
    expect(rita.status).toBe(200);
    expect(rita.body.types.slice(0, 2)).toEqual([
      { type: 'purchase_order', open: 2, total: 2 },
      { type: 'warehouse_receipt', open: 0, total: 1 },
    ]);
    const alice = await get('/api/portal/documents/summary', 'alice');
    expect(alice.body.types.slice(0, 2)).toEqual([
      { type: 'purchase_order', open: 1, total: 1 },
      { type: 'warehouse_receipt', open: 0, total: 0 },
    ]);
  });

  it("shows an order's status history and follow-ups, and a follow-up's order", async () => {
    const [order] = (await get('/api/portal/documents?type=purchase_order', 'aaron')).body.items;
    expect(order.documentNo).toBe('SO-AARON');
    const page = await get(`/api/portal/documents/${order.documentId}`, 'aaron');
    expect(page.body).toMatchObject({
      statusHistory: [
        { status: 'Open', erpVersion: 1 },
        { status: 'Released', erpVersion: 2 },
      ],
      followsFrom: null,
      followUps: [{ documentNo: 'SHP-AARON', type: 'warehouse_receipt', status: 'Posted' }],
    });
    const shipment = await get(`/api/portal/documents/${page.body.followUps[0].documentId}`, 'aaron');
    expect(shipment.body.followsFrom).toMatchObject({ documentNo: 'SO-AARON', type: 'purchase_order' });
    expect((await get(`/api/portal/documents/${order.documentId}`, 'alice')).status).toBe(404);
  });

  it('lists the documents that follow from one order', async () => {
    const list = await get('/api/portal/documents?orderNo=SO-AARON', 'rita');
    expect(list.body.items.map((d: { documentNo: string }) => d.documentNo)).toEqual(['SHP-AARON']);
    expect((await get('/api/portal/documents?orderNo=SO-AARON', 'alice')).body.items).toEqual([]);
  });

  it('lets the administrator look at one partner in one environment and company', async () => {
    const one = `environment=production&companyId=CRONUS&partnerType=${PartnerType.Customer}&partnerNo=C10000`;
    const summary = await get(`${admin}/documents/summary?${one}`, 'admin');
    expect(summary.body.types[0]).toEqual({
      type: 'purchase_order',
      erpDocumentType: 'sales_order',
      open: 2,
      total: 2,
    });
    const orders = await get(`${admin}/documents?${one}&view=purchase_order&sort=number_asc`, 'admin');
    expect(orders.body.items.map((d: { documentNo: string }) => d.documentNo)).toEqual(['SO-AARON', 'SO-ALICE']);
    const belgium = await get(`${admin}/documents?companyId=CRONUS-BE&partnerNo=C10000`, 'admin');
    expect(belgium.body.items.map((d: { documentNo: string }) => d.documentNo)).toEqual(['SO-BELGIUM']);

    const refused = await get(`${admin}/documents/summary?partnerNo=C10000`, 'admin');
    expect(refused.status).toBe(400);
    expect(refused.contentType).toContain('application/problem+json');
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'partnerType' })]);
    expect((await get('/api/portal/documents/summary', 'admin')).status).toBe(403);
  });
});
