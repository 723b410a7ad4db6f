import { randomUUID } from 'node:crypto';
import { ErpDocumentType, Topics } from '@partner-portal/contracts';
import {
  adminOf,
  documentUpserted,
  erpPlace,
  partnerUser,
  waitFor,
  type ServiceUnderTest,
} from '@partner-portal/testing';
import { startService } from './document-projection.harness';

// An administrator sees and replays the dead letters of their own tenant's connector events only; an operator sees
// every tenant's.
describe("a tenant's connector dead letters", () => {
  let service: ServiceUnderTest;
  const mine = adminOf('tenant-mine');
  const theirs = adminOf('tenant-theirs');
  const path = '/internal/tenants/tenant-mine/connector-dead-letters';

  /** A document event the ERP sent with a negative version: invalid, so dead-lettered at once. */
  const invalidDocument = (tenantId: string) => {
    const event = documentUpserted(erpPlace(tenantId), {
      documentNo: `SO-${tenantId}`,
      documentType: ErpDocumentType.SalesOrder,
      partnerNo: 'C1',
    });
    return { ...event, payload: { ...event.payload, erpVersion: -1 } };
  };

  beforeAll(async () => {
    service = await startService('connector-dead-letters');
  });

  afterAll(() => service?.stop());

  it("lists and replays only the administrator's tenant's dead letters; others get nothing of them", async () => {
    // Arrange: one invalid event of each tenant.
    const own = invalidDocument('tenant-mine');
    const other = invalidDocument('tenant-theirs');
    for (const event of [own, other]) {
      await service.publisher.publishRaw(Topics.ErpDocuments, randomUUID(), JSON.stringify(event));
    }
    const all = await waitFor(
      () => service.request('GET', '/internal/operator/dead-letters'),
      (r) => r.status === 200 && r.body.total === 2,
      { what: 'both dead letters indexed' },
    );
    const idOf = (eventId: string) => all.body.items.find((i: any) => i.eventId === eventId).id as string;

    // Act and assert: the administrator lists their own.
    const listed = await service.request('GET', path, { principal: mine });
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({ total: 1, page: 1, pageSize: 50 });
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        id: idOf(own.eventId),
        consumerGroup: 'document-projection',
        topic: Topics.ErpDocuments,
        type: 'DocumentUpserted',
        tenantId: 'tenant-mine',
        reason: 'payload.erpVersion: erpVersion must not be less than 0',
        status: 'dead',
      }),
    ]);

    // Another tenant's administrator, and a partner user of the tenant, get nothing of it.
    expect((await service.request('GET', path, { principal: theirs })).status).toBe(404);
    const partner = partnerUser('tenant-mine', randomUUID(), 'partner-subject');
    expect((await service.request('GET', path, { principal: partner })).status).toBe(404);
    const replayByOther = await service.request('POST', `${path}/replay`, {
      principal: theirs,
      body: { ids: [idOf(own.eventId)] },
    });
    expect(replayByOther.status).toBe(404);

    // A replay names only the tenant's own: the other tenant's id is not found, and left untouched.
    const replayed = await service.request('POST', `${path}/replay`, {
      principal: mine,
      body: { ids: [idOf(own.eventId), idOf(other.eventId)] },
    });
    expect(replayed.status).toBe(200);
    expect(replayed.body.outcomes).toEqual([
      {
        id: idOf(own.eventId),
        outcome: 'failed',
        reason: 'payload.erpVersion: erpVersion must not be less than 0',
      },
      { id: idOf(other.eventId), outcome: 'not_found', reason: null },
    ]);
    const after = await service.request('GET', '/internal/operator/dead-letters');
    const attempts = Object.fromEntries(after.body.items.map((i: any) => [i.tenantId, i.replayAttempts]));
    expect(attempts).toEqual({ 'tenant-mine': 1, 'tenant-theirs': 0 });
  });

  it('refuses a topic that is not a connector topic, and ids that are not dead-letter ids', async () => {
    const topic = await service.request('GET', `${path}?topic=${Topics.LicensingEvents}`, { principal: mine });
    expect(topic.status).toBe(400);
    expect(topic.contentType).toContain('application/problem+json');
    expect(topic.body.errors).toEqual([expect.objectContaining({ field: 'topic' })]);
    const ids = await service.request('POST', `${path}/replay`, { principal: mine, body: { ids: [] } });
    expect(ids.status).toBe(400);
    expect(ids.body.errors).toEqual([expect.objectContaining({ field: 'ids' })]);
  });
});
