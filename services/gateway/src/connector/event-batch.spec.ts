import {
  createEvent,
  ErpDocumentType,
  PartnerType,
  PortalOrderSubmitted,
  DocumentUpserted,
} from '@partner-portal/contracts';
import { checkConnectorBatch } from './event-batch';

const document = (tenantId: string, documentNo: string) =>
  createEvent(DocumentUpserted, {
    tenantId,
    producer: 'bc-connector',
    correlationId: 'c1',
    payload: {
      environment: 'production',
      environmentType: 'production',
      companyId: 'CRONUS',
      erpVersion: 1,
      documentType: ErpDocumentType.SalesOrder,
      documentNo,
      partnerType: PartnerType.Customer,
      partnerNo: 'C10000',
      status: 'Open',
      documentDate: '2026-11-02',
      currencyCode: 'EUR',
      amount: '10.00',
      amountIncludingTax: '12.10',
      lines: [],
    } as never,
  });

describe("a connector's batch", () => {
  it('passes events of its own tenant on the ERP topics', () => {
    const { accepted, rejected } = checkConnectorBatch('t1', [document('t1', 'SO-1'), document('t1', 'SO-2')]);
    expect(rejected).toEqual([]);
    expect(accepted.map((a) => a.definition.type)).toEqual(['DocumentUpserted', 'DocumentUpserted']);
  });

  it('names every refused event: another tenant, a broken field, an unknown type, a topic it may not use', () => {
    const broken = { ...document('t1', 'SO-3'), payload: { ...document('t1', 'SO-3').payload, amount: 12 } };
    const order = createEvent(PortalOrderSubmitted, {
      tenantId: 't1',
      producer: 'x',
      correlationId: 'c',
      payload: {} as never,
    });
    const { accepted, rejected } = checkConnectorBatch('t1', [
      document('t1', 'SO-1'),
      document('t2', 'SO-2'),
      broken,
      { ...document('t1', 'SO-4'), type: 'InvoicePaid' },
      order,
      'not an event',
    ]);
    expect(accepted).toHaveLength(1);
    expect(rejected.map((r) => [r.index, r.reason.split(':')[0]])).toEqual([
      [1, 'tenantId'],
      [2, 'payload.amount'],
      [3, 'type'],
      [4, expect.stringMatching(/^payload|^type/)],
      [5, '(root)'],
    ]);
    expect(rejected[0].eventId).toEqual(expect.any(String));
  });
});
