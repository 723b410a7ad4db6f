import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DlqHeaders, ErpDocumentType, Topics } from '@partner-portal/contracts';
import {
  documentUpserted,
  erpPlace,
  internalApiClient,
  readTopic,
  untilReady,
  waitFor,
  type ServiceUnderTest,
} from '@partner-portal/testing';
import { documentId } from '../src/projection/document-id';
import { startSecondInstance, startService } from './document-projection.harness';

// Two instances on one database and one consumer group: the rebuild runs on one while both consume, events keep
// arriving throughout, and nothing is lost, ids stay, a bad event is dead-lettered and the rebuild goes on.
describe('rebuilding the read model with two instances', () => {
  let service: ServiceUnderTest;
  let second: INestApplication;
  let onSecond: ServiceUnderTest['request'];
  let dataSource: DataSource;
  const tenant = 'tenant-rebuild-n';
  const place = erpPlace(tenant);
  const order = (documentNo: string, extra: { erpVersion?: number; status?: string } = {}) =>
    documentUpserted(place, { documentNo, documentType: ErpDocumentType.SalesOrder, partnerNo: 'C1', ...extra });
  const documents = async (): Promise<{ document_no: string; id: string; status: string; erp_version: string }[]> =>
    dataSource.query(`SELECT document_no, id, status, erp_version FROM document WHERE tenant_id = $1`, [tenant]);
  const rebuildStatus = async () => (await service.request('GET', '/internal/operator/rebuild')).body;
  const rebuildEnded = () =>
    waitFor(rebuildStatus, (s) => s.state === 'done' || s.state === 'failed', {
      what: 'the rebuild',
      timeoutMs: 60_000,
    });

  beforeAll(async () => {
    service = await startService('rebuild-n');
    second = await startSecondInstance(service);
    const url = (await second.getUrl()).replace('[::1]', '127.0.0.1');
    await untilReady(url, 'the second instance');
    onSecond = internalApiClient(url);
    dataSource = service.app.get(DataSource);
  });
  afterAll(async () => {
    await second?.close();
    await service?.stop();
  });

  it('reflects every event streamed during a rebuild on the other instance, keeps ids, and dead-letters a bad event', async () => {
    // Arrange: 200 orders, a poison event (a customer has no view of a purchase order) among them.
    const poison = documentUpserted(place, {
      documentNo: 'PO-POISON',
      documentType: ErpDocumentType.PurchaseOrder,
      partnerNo: 'C1',
    });
    await service.publisher.publish(
      ...Array.from({ length: 100 }, (_, i) => order(`SO-${String(i).padStart(4, '0')}`)),
      poison,
      ...Array.from({ length: 100 }, (_, i) => order(`SO-${String(i + 100).padStart(4, '0')}`)),
    );
    await waitFor(documents, (rows) => rows.length === 200, { what: '200 documents' });
    const idsBefore = new Map((await documents()).map((d) => [d.document_no, d.id]));

    // Act: events keep coming (new orders, and each order released) while the second instance rebuilds.
    let streaming = true;
    let streamed = 0;
    const stream = (async () => {
      for (; streaming; streamed += 1) {
        const i = streamed;
        const release =
          i < 200 ? [order(`SO-${String(i).padStart(4, '0')}`, { erpVersion: 2, status: 'Released' })] : [];
        await service.publisher.publish(order(`ST-${i}`), ...release);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    await new Promise((r) => setTimeout(r, 200));
    const started = await onSecond('POST', '/internal/operator/rebuild');
    // One rebuild at a time, whichever instance is asked.
    const again = await service.request('POST', '/internal/operator/rebuild');
    const finished = await rebuildEnded();
    // And after it.
    await new Promise((r) => setTimeout(r, 300));
    streaming = false;
    await stream;

    // Assert: the rebuild ran once and completed despite the poison event.
    expect(started).toMatchObject({ status: 202, body: { state: 'replaying' } });
    expect(again.status).toBe(409);
    expect(JSON.stringify(again.body)).toContain('rebuild_running');
    expect(finished).toMatchObject({ state: 'done' });

    // Every event is reflected: the streamed orders, and every release.
    expect(streamed).toBeGreaterThan(20);
    const expected = 200 + streamed;
    const releasedNos = new Set(
      Array.from({ length: Math.min(streamed, 200) }, (_, i) => `SO-${String(i).padStart(4, '0')}`),
    );
    const expectedNos = [...idsBefore.keys(), ...Array.from({ length: streamed }, (_, i) => `ST-${i}`)];
    const shortfall = (rows: Awaited<ReturnType<typeof documents>>) => {
      const present = new Set(rows.map((d) => d.document_no));
      return {
        missing: expectedNos.filter((no) => !present.has(no)),
        unreleased: rows
          .filter((d) => releasedNos.has(d.document_no) && (d.status !== 'Released' || d.erp_version !== '2'))
          .map((d) => d.document_no),
        extra: rows.length - expectedNos.length,
      };
    };
    await waitFor(
      async () => shortfall(await documents()),
      (s) => s.missing.length === 0 && s.unreleased.length === 0,
      { what: `${expected} documents, ${releasedNos.size} orders released`, timeoutMs: 30_000 },
    );
    const after = await documents();
    expect(after).toHaveLength(expected);
    expect(after.map((d) => d.document_no)).not.toContain('PO-POISON');
    // A document keeps its id, the one derived from its key.
    for (const d of after) {
      if (idsBefore.has(d.document_no)) expect(d.id).toBe(idsBefore.get(d.document_no));
      expect(d.id).toBe(documentId({ ...place, documentType: ErpDocumentType.SalesOrder, documentNo: d.document_no }));
    }
    // The status history names the rebuilt rows: each order arrived open and was released.
    const history: { document_no: string; statuses: string[] }[] = await dataSource.query(
      `SELECT d.document_no, array_agg(h.status ORDER BY h.erp_version) AS statuses
         FROM document d JOIN document_status_history h ON h.document_id = d.id
        WHERE d.tenant_id = $1 AND d.document_no LIKE 'SO-%' GROUP BY d.document_no`,
      [tenant],
    );
    expect(history).toHaveLength(200);
    expect(
      history.every((h) => h.statuses.join() === (releasedNos.has(h.document_no) ? 'Open,Released' : 'Open')),
    ).toBe(true);

    // The poison event went to the dead-letter topic from the rebuild's group too; the list shows it once.
    const dlq = await waitFor(
      () =>
        readTopic(service.env.kafkaBrokers, `${service.env.topicPrefix}${Topics.ErpDocuments}.dlq`, {
          count: 2,
          timeoutMs: 5_000,
        }),
      (messages) => messages.length >= 2,
      { what: 'the poison event dead-lettered twice' },
    );
    const groups = dlq
      .filter((m) => m.value && JSON.parse(m.value).eventId === poison.eventId)
      .map((m) => m.headers[DlqHeaders.ConsumerGroup])
      .sort();
    expect(groups).toEqual(['document-projection', expect.stringMatching(/^document-projection\.rebuild-\d+$/)]);
    const listed = await waitFor(
      () => service.request('GET', '/internal/operator/dead-letters'),
      (r) => r.status === 200 && r.body.total >= 1,
      { what: 'the dead letter indexed' },
    );
    expect(listed.body.items.filter((i: { eventId: string }) => i.eventId === poison.eventId)).toHaveLength(1);
  });

  it('lets live consumers go on when the instance running a rebuild is gone, and counts that rebuild failed', async () => {
    // Arrange: a rebuild in cutover whose instance stopped renewing its lease, which lapses in 3 s.
    await dataSource.query(
      `INSERT INTO read_model_rebuild (phase, owner, lease_until) VALUES ('cutover', 'gone', clock_timestamp() + interval '3 seconds')`,
    );
    const documentNo = `HELD-${randomUUID().slice(0, 8)}`;

    // Act: an event arrives while the lease is current.
    await service.publisher.publish(order(documentNo));

    // Assert: both instances hold it until the lease lapses, then it is applied; the rebuild shows failed.
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await documents()).map((d) => d.document_no)).not.toContain(documentNo);
    await waitFor(documents, (rows) => rows.some((d) => d.document_no === documentNo), {
      what: 'the held event applied',
      timeoutMs: 20_000,
    });
    expect(await rebuildStatus()).toMatchObject({ state: 'failed', error: expect.stringContaining('lease expired') });

    // A new rebuild may start, and completes.
    expect((await service.request('POST', '/internal/operator/rebuild')).status).toBe(202);
    expect(await rebuildEnded()).toMatchObject({ state: 'done' });
  });
});
