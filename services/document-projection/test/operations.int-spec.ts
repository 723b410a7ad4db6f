import { ErpDocumentType } from '@partner-portal/contracts';
import { documentUpserted, erpPlace, waitFor, type ServiceUnderTest } from '@partner-portal/testing';
import { startService } from './document-projection.harness';

// What an operator's probes and scraper see: readiness of the database and Kafka, and the metrics.
describe('health and metrics of a running service', () => {
  let service: ServiceUnderTest;
  const place = erpPlace('tenant-ops');
  const get = (path: string) => fetch(`${service.baseUrl}${path}`);
  const metric = (text: string, name: string, labels: string) =>
    Number(
      text
        .split('\n')
        .find((line) => line.startsWith(`${name}{`) && line.includes(labels))
        ?.split(' ')
        .pop() ?? NaN,
    );

  beforeAll(async () => {
    service = await startService('ops');
  });
  afterAll(() => service.stop());

  it('answers live and ready without a credential, naming the database and Kafka', async () => {
    expect((await get('/health/live')).status).toBe(200);
    const ready = await get('/health/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', database: 'ok', kafka: 'ok' });
  });

  it('exposes HTTP latency, consumer lag, outbox backlog and dead letters in Prometheus format', async () => {
    await service.request('GET', '/internal/tenants/tenant-ops/documents');
    await service.publisher.publish(
      documentUpserted(place, { documentNo: 'SO-1', documentType: ErpDocumentType.SalesOrder, partnerNo: 'C1' }),
      // Bad on purpose: a customer has no view of a purchase order, so it is dead-lettered.
      documentUpserted(place, { documentNo: 'PO-1', documentType: ErpDocumentType.PurchaseOrder, partnerNo: 'C1' }),
    );
    const text = await waitFor(
      async () => {
        const response = await get('/metrics');
        expect(response.headers.get('content-type')).toContain('text/plain');
        return response.text();
      },
      (body) => metric(body, 'dlq_messages_total', 'topic="erp.documents"') === 1,
      { what: 'the dead letter counted' },
    );
    expect(text).toMatch(
      /http_request_duration_seconds_count\{[^}]*route="\/internal\/tenants\/:tenantId\/documents"[^}]*status="401"/,
    );
    expect(metric(text, 'kafka_consumer_lag', 'group="document-projection"')).toBe(0);
    expect(metric(text, 'inbox_events_total', 'outcome="processed"')).toBeGreaterThanOrEqual(1);
    expect(metric(text, 'outbox_backlog', 'state="pending"')).toBe(0);
  });
});
