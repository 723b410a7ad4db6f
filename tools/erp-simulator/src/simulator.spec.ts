import { decodeEvent, PartnerType, type EventEnvelope } from '@partner-portal/contracts';
import { answerFor } from './answering';
import { DEMO_PEOPLE } from './demo-people';
import { DocumentLifecycles } from './document-lifecycles';
import { tenantCompanies } from './erp-tenant';
import { buildModel, masterDataEvents } from './master-data';

const valid = (events: EventEnvelope<object>[]) =>
  events.map((e) => decodeEvent(JSON.parse(JSON.stringify(e)))).filter((d) => d.kind !== 'event');
const payload = (e: EventEnvelope<object>) => e.payload as Record<string, unknown>;

describe('the ERP simulator', () => {
  const [production, sandbox] = tenantCompanies('demo');
  const model = buildModel(42);

  it('seeds the same master data for the same seed, numbered as Business Central numbers partners', () => {
    expect(buildModel(42)).toEqual(model);
    expect(buildModel(43)).not.toEqual(model);
    const numbers = (type: PartnerType) => model.partners.filter((p) => p.partnerType === type).map((p) => p.partnerNo);
    expect(numbers(PartnerType.Customer).slice(0, 3)).toEqual(['C10000', 'C10010', 'C10020']);
    expect(numbers(PartnerType.Vendor)[0]).toBe('V10000');
    expect(numbers(PartnerType.ThirdPartyLogisticsCustomer)[0]).toBe('L10000');
    const timeless = () => masterDataEvents(production, model, 42).map(({ occurredAt: _at, ...rest }) => rest);
    expect(timeless()).toEqual(timeless());
  });

  it('makes valid events of every master data type, for production and a sandbox', () => {
    for (const company of [production, sandbox]) {
      const events = masterDataEvents(company, model, 42);
      expect(valid(events)).toEqual([]);
      expect(new Set(events.map((e) => e.type))).toEqual(
        new Set([
          'ExtensionStatusChanged',
          'CompanyUpserted',
          'PartnerUpserted',
          'ContactUpserted',
          'ItemUpserted',
          'PriceListUpserted',
        ]),
      );
    }
    expect(sandbox.environmentType).toBe('sandbox');
  });

  it("includes every demo person's contact, with their e-mail", () => {
    const contacts = model.partners.flatMap((p) => p.contacts.map((c) => ({ partnerNo: p.partnerNo, ...c })));
    for (const person of DEMO_PEOPLE.filter((p) => p.contact)) {
      expect(contacts).toContainEqual(
        expect.objectContaining({
          partnerNo: person.contact?.partnerNo,
          contactNo: person.contact?.contactNo,
          email: person.email,
        }),
      );
    }
  });

  it('streams valid life cycles whose follow-ups name their order, with repeats and late older versions', () => {
    const stream = new DocumentLifecycles(production, model, 7, { repeated: 0.05, outOfOrder: 0.5 });
    const events = Array.from({ length: 3_000 }, () => stream.next()).flat();
    expect(valid(events)).toEqual([]);
    const documents = events.filter((e) => e.type === 'DocumentUpserted').map(payload);
    const types = new Set(documents.map((d) => d.documentType));
    for (const type of [
      'sales_order',
      'sales_shipment',
      'sales_invoice',
      'sales_return_order',
      'sales_credit_memo',
      'purchase_order',
      'purchase_receipt',
      'purchase_invoice',
      'warehouse_receipt',
      'warehouse_shipment',
    ]) {
      expect(types).toContain(type);
    }
    const orders = new Set(documents.filter((d) => d.documentType === 'sales_order').map((d) => d.documentNo));
    const shipments = documents.filter((d) => d.documentType === 'sales_shipment');
    expect(shipments.every((s) => orders.has(s.orderNo))).toBe(true);
    const stock = events.filter((e) => e.type === 'StockLevelChanged').map(payload);
    expect(stock.length).toBeGreaterThan(0);
    expect(stock.every((s) => Number(s.quantity) >= 0 && s.binCode && s.licensePlate && s.lotNo)).toBe(true);

    const ids = events.map((e) => e.eventId);
    expect(new Set(ids).size).toBeLessThan(ids.length);
    const late = documents.some((d, i) =>
      documents
        .slice(i + 1)
        .some((later) => later.documentNo === d.documentNo && (later.erpVersion as number) < (d.erpVersion as number)),
    );
    expect(late).toBe(true);
  });

  it("gives the ERP's sales order of a portal order an id that follows from the order, whatever ran before", () => {
    const order = (portalOrderId: string, erpOrderNo: string) => ({
      portalOrderId,
      partnerNo: 'C10000',
      contactNo: 'CT000005',
      erpOrderNo,
      lines: [{ itemNo: '1896-S', quantity: '2', unitCode: 'PCS', estimatedUnitPrice: '649.00' }],
    });
    const first = new DocumentLifecycles(production, model, 44);
    const restarted = new DocumentLifecycles(production, model, 44);
    const a = first.salesOrderForPortalOrder(order('7b0f6f2e-0d4b-4c39-9d0e-2b7e9a1d1c11', 'SOW000001'));
    const b = restarted.salesOrderForPortalOrder(order('0c6a3f0e-9f0e-4a37-8f52-5e1b0d8a7c22', 'SOW000002'));
    const again = restarted.salesOrderForPortalOrder(order('7b0f6f2e-0d4b-4c39-9d0e-2b7e9a1d1c11', 'SOW000001'));
    expect(a.eventId).not.toBe(b.eventId);
    expect(again.eventId).toBe(a.eventId);
    expect(valid([a, b])).toEqual([]);
  });

  it('accepts a deliverable portal order with a number that follows from it, and rejects one it cannot deliver', () => {
    const order = {
      portalOrderNo: 'PO-000042',
      lines: [{ lineNo: 1, itemNo: '1896-S', quantity: '2', unitCode: 'PCS' }],
    } as never;
    expect(answerFor(order)).toEqual({ kind: 'accept', erpOrderNo: 'SOW000042' });
    const tooMuch = {
      portalOrderNo: 'PO-000043',
      lines: [{ lineNo: 2, itemNo: '1896-S', quantity: '5000', unitCode: 'PCS' }],
    };
    expect(answerFor(tooMuch as never)).toEqual({ kind: 'reject', reason: expect.stringContaining('line 2') });
  });
});
