import { DataSource } from 'typeorm';
import { ErpDocumentType, PortalRole } from '@partner-portal/contracts';
import {
  adminOf,
  documentUpserted,
  erpPlace,
  partnerUser,
  portalUserActivated,
  portalUserRef,
  waitFor,
  type ServiceUnderTest,
} from '@partner-portal/testing';
import { startService } from './document-projection.harness';

describe('rebuilding the read model', () => {
  let service: ServiceUnderTest;
  const tenant = 'tenant-rebuild';
  const place = erpPlace(tenant);
  const rep = portalUserRef(place, {
    membershipId: '44444444-4444-4444-8444-444444444444',
    partnerNo: 'C1',
    contactNo: 'CT-R',
  });
  const asRep = partnerUser(tenant, rep.membershipId, 'sub-rep');
  const count = async () =>
    (await service.request('GET', `/internal/tenants/${tenant}/documents?pageSize=200`, { principal: adminOf(tenant) }))
      .body.items.length;

  beforeAll(async () => {
    service = await startService('rebuild');
    await service.publisher.publish(
      portalUserActivated(place, rep, PortalRole.CustomerRepresentative),
      ...Array.from({ length: 150 }, (_, i) =>
        documentUpserted(place, {
          documentNo: `SO-${String(i).padStart(4, '0')}`,
          documentType: ErpDocumentType.SalesOrder,
          partnerNo: 'C1',
          status: 'Released',
        }),
      ),
    );
    await waitFor(count, (n) => n === 150, { what: '150 documents' });
  });
  afterAll(() => service.stop());

  it('replays the topic into fresh tables and switches over while queries keep answering', async () => {
    const dataSource = service.app.get(DataSource);
    // A damaged read model: a lost row and wrong statuses.
    await dataSource.query(`DELETE FROM document WHERE document_no = 'SO-0007'`);
    await dataSource.query(`UPDATE document SET status = 'Damaged' WHERE document_no < 'SO-0050'`);
    await dataSource.query(`DELETE FROM document_status_history WHERE erp_version = 1`);

    let querying = true;
    const answers: number[] = [];
    const reader = (async () => {
      while (querying) {
        answers.push(
          (
            await service.request('GET', '/internal/partner/documents?type=purchase_order&pageSize=10', {
              principal: asRep,
            })
          ).status,
        );
      }
    })();
    const started = await service.request('POST', '/internal/operator/rebuild');
    expect(started).toMatchObject({ status: 202, body: { state: 'replaying' } });
    expect((await service.request('POST', '/internal/operator/rebuild')).status).toBe(409);
    const finished = await waitFor(
      async () => (await service.request('GET', '/internal/operator/rebuild')).body,
      (s) => s.state === 'done' || s.state === 'failed',
      { what: 'the rebuild' },
    );
    querying = false;
    await reader;

    expect(finished).toMatchObject({ state: 'done', eventsReplayed: 150 });
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.every((status) => status === 200)).toBe(true);
    expect(await count()).toBe(150);
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM document WHERE status = 'Damaged'`)).toEqual([
      { n: 0 },
    ]);
    // The status history is replayed with the documents, and names the rebuilt rows.
    expect(
      await dataSource.query(
        `SELECT h.status, count(*)::int AS n FROM document_status_history h JOIN document d ON d.id = h.document_id
          GROUP BY h.status`,
      ),
    ).toEqual([{ status: 'Released', n: 150 }]);

    // The live consumer goes on, into the rebuilt table.
    await service.publisher.publish(
      documentUpserted(place, { documentNo: 'SO-NEW', documentType: ErpDocumentType.SalesOrder, partnerNo: 'C1' }),
    );
    await waitFor(count, (n) => n === 151, { what: 'the document after the rebuild' });
  });
});
