import { randomUUID } from 'node:crypto';
import { ErpDocumentType, PortalRole } from '@partner-portal/contracts';
import {
  adminOf,
  documentUpserted,
  erpPlace,
  partnerUser,
  portalUserActivated,
  portalUserDeactivated,
  portalUserRef,
  waitFor,
  type ServiceUnderTest,
} from '@partner-portal/testing';
import { startService } from './document-projection.harness';

// ARCHITECTURE.md section 1: two authorized users of customer X each see only their own order, the representative
// of X sees both, the administrator sees those and customer Y's order, an unauthorized user sees nothing, not even
// an order of its own that reached the ERP through another channel.
describe('who sees which documents', () => {
  let service: ServiceUnderTest;
  const tenant = 'tenant-vis';
  const place = erpPlace(tenant);
  const member = (contactNo: string, partnerNo = 'CX') =>
    portalUserRef(place, { membershipId: randomUUID(), partnerNo, contactNo });
  const anna = member('CT-ANNA');
  const bert = member('CT-BERT');
  const rita = member('CT-RITA');
  const uwe = member('CT-UWE');
  const principal = (ref: ReturnType<typeof member>) => partnerUser(tenant, ref.membershipId, `sub-${ref.contactNo}`);
  const order = (documentNo: string, partnerNo: string, contactNo: string) =>
    documentUpserted(place, { documentNo, documentType: ErpDocumentType.SalesOrder, partnerNo, contactNo });
  const list = async (who: object, query = '') =>
    (await service.request('GET', `/internal/partner/documents${query}`, { principal: who as never })).body.items.map(
      (d: any) => d.documentNo,
    );

  beforeAll(async () => {
    service = await startService('visibility');
    await service.publisher.publish(
      portalUserActivated(place, anna, PortalRole.AuthorizedUser),
      portalUserActivated(place, bert, PortalRole.AuthorizedUser),
      portalUserActivated(place, rita, PortalRole.CustomerRepresentative),
      portalUserActivated(place, uwe, PortalRole.AuthorizedUser),
      portalUserDeactivated(place, uwe),
      order('SO-ANNA', 'CX', 'CT-ANNA'),
      order('SO-BERT', 'CX', 'CT-BERT'),
      // Uwe's order came by phone; Uwe no longer has portal access.
      order('SO-UWE', 'CX', 'CT-UWE'),
      order('SO-Y', 'CY', 'CT-YVES'),
      documentUpserted(place, {
        documentNo: 'SH-ANNA',
        documentType: ErpDocumentType.SalesShipment,
        partnerNo: 'CX',
        orderNo: 'SO-ANNA',
      }),
      documentUpserted(place, {
        documentNo: 'INV-BERT',
        documentType: ErpDocumentType.SalesInvoice,
        partnerNo: 'CX',
        orderNo: 'SO-BERT',
      }),
    );
    await service.eventually(
      `/internal/tenants/${tenant}/documents`,
      adminOf(tenant),
      (b) => b.items.length === 6,
      'six documents',
    );
  });
  afterAll(() => service.stop());

  it('shows each authorized user only its own order, in its own words, and what follows from it', async () => {
    expect(await list(principal(anna), '?type=purchase_order')).toEqual(['SO-ANNA']);
    expect(await list(principal(bert), '?type=purchase_order')).toEqual(['SO-BERT']);
    expect(await list(principal(anna), '?type=warehouse_receipt')).toEqual(['SH-ANNA']);
    expect(await list(principal(bert), '?type=purchase_invoice')).toEqual(['INV-BERT']);
    expect(await list(principal(anna))).toEqual(expect.arrayContaining(['SO-ANNA', 'SH-ANNA']));
    expect(await list(principal(anna))).toHaveLength(2);
    const [first] = (
      await service.request('GET', '/internal/partner/documents?type=purchase_order', { principal: principal(anna) })
    ).body.items;
    expect(first).toMatchObject({ type: 'purchase_order', documentNo: 'SO-ANNA' });
    expect(first.erpDocumentType).toBeUndefined();
  });

  it("shows the representative every order of its partner, and nothing of another partner's", async () => {
    expect((await list(principal(rita), '?type=purchase_order')).sort()).toEqual(['SO-ANNA', 'SO-BERT', 'SO-UWE']);
  });

  it("shows the administrator those and customer Y's order", async () => {
    const admin = await service.request('GET', `/internal/tenants/${tenant}/documents?type=sales_order`, {
      principal: adminOf(tenant),
    });
    expect(admin.body.items.map((d: any) => d.documentNo).sort()).toEqual(['SO-ANNA', 'SO-BERT', 'SO-UWE', 'SO-Y']);
    expect(admin.body.items[0]).toMatchObject({ erpDocumentType: 'sales_order', type: 'purchase_order' });
  });

  it('shows an unauthorized user nothing, not even its own order from another channel', async () => {
    expect(await list(principal(uwe))).toEqual([]);
    expect(await list(principal(uwe), '?type=purchase_order')).toEqual([]);
    const stranger = partnerUser(tenant, randomUUID(), 'sub-nobody');
    expect(await list(stranger)).toEqual([]);
  });

  it('answers 404, never 403, for a document outside the viewer', async () => {
    const ids = Object.fromEntries(
      (
        await service.request('GET', `/internal/tenants/${tenant}/documents`, { principal: adminOf(tenant) })
      ).body.items.map((d: any) => [d.documentNo, d.documentId]),
    );
    const get = (who: object, documentNo: string) =>
      service.request('GET', `/internal/partner/documents/${ids[documentNo]}`, { principal: who as never });
    expect(await get(principal(anna), 'SO-BERT')).toMatchObject({
      status: 404,
      contentType: expect.stringContaining('problem+json'),
    });
    expect((await get(principal(rita), 'SO-Y')).status).toBe(404);
    expect((await get(principal(uwe), 'SO-UWE')).status).toBe(404);
    const own = await get(principal(anna), 'SO-ANNA');
    expect(own).toMatchObject({ status: 200, body: { documentNo: 'SO-ANNA', lines: [{ itemNo: 'DESK' }] } });
    expect(
      (
        await service.request('GET', `/internal/tenants/tenant-other/documents/${ids['SO-ANNA']}`, {
          principal: adminOf('tenant-other'),
        })
      ).status,
    ).toBe(404);
  });

  it("refuses a type that is not in the partner's words, naming the allowed ones", async () => {
    const response = await service.request('GET', '/internal/partner/documents?type=sales_order', {
      principal: principal(anna),
    });
    expect(response).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'type', reason: expect.stringContaining('purchase_order') }] },
    });
  });

  it('follows a change of role at once', async () => {
    await service.publisher.publish(portalUserActivated(place, { ...bert }, PortalRole.CustomerRepresentative));
    await waitFor(
      () => list(principal(bert), '?type=purchase_order'),
      (docs) => docs.length === 3,
      { what: "bert's new view" },
    );
  });
});
