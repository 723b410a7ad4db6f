import { Client } from 'pg';
import { ErpDocumentType } from '@partner-portal/contracts';
import {
  documentUpserted,
  erpPlace,
  EventPublisher,
  isolatedEnvironment,
  startServiceProcess,
  testServiceEnv,
  waitFor,
  type IsolatedEnvironment,
  type ServiceProcess,
} from '@partner-portal/testing';
import { recordFigures } from '../src/figures';

const STATUSES = ['Open', 'Released', 'Shipped', 'Invoiced', 'Closed'];

/** A small seeded generator (mulberry32): the same shuffle on every run, so a failure can be replayed. */
function seeded(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

// Fault 9: a connector that sends versions late, twice, and resends whole events.
describe('ERP versions out of order and repeated', () => {
  let env: IsolatedEnvironment;
  let service: ServiceProcess;
  let db: Client;
  const place = erpPlace('tenant-versions');
  const documents = 400;

  beforeAll(async () => {
    env = await isolatedEnvironment('versions');
    service = await startServiceProcess('document-projection', testServiceEnv(env));
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
  }, 120_000);
  afterAll(async () => {
    await db?.end();
    await service?.stop();
    await env?.dispose();
  });

  /** What a reader of the read model sees of the tenant's documents, as one digest (ids apart). */
  const checksum = async () =>
    (
      await db.query(
        `SELECT count(*)::int AS documents,
                md5(string_agg(concat_ws('|', environment, company_id, document_type, document_no, partner_no, status,
                                         erp_version, amount, lines::text, deleted_at IS NULL),
                               ',' ORDER BY document_type, document_no)) AS digest
           FROM document WHERE tenant_id = $1`,
        [place.tenantId],
      )
    ).rows[0] as { documents: number; digest: string };
  const ids = async () =>
    (await db.query(`SELECT document_no, id FROM document WHERE tenant_id = $1 ORDER BY document_no`, [place.tenantId]))
      .rows;

  it('ends with the newest version of every document, and a replay of the whole topic gives the same read model', async () => {
    const startedAt = Date.now();
    const random = seeded(20261203);
    const perDocument = Array.from({ length: documents }, (_, d) => {
      const versions = STATUSES.map((status, v) =>
        documentUpserted(place, {
          documentNo: `SO-${String(d).padStart(5, '0')}`,
          documentType: ErpDocumentType.SalesOrder,
          partnerNo: `C${10_000 + (d % 20)}`,
          erpVersion: v + 1,
          status,
          amount: `${100 + v}.00`,
        }),
      );
      const resentVersion = versions[Math.floor(random() * versions.length)];
      // A version sent again as a new event (a connector's retry), and one event delivered twice (the same id).
      const resent = { ...resentVersion, eventId: crypto.randomUUID() };
      const duplicated = versions[Math.floor(random() * versions.length)];
      const all = [...versions, resent, duplicated];
      for (let i = all.length - 1; i > 0; i -= 1) {
        const j = Math.floor(random() * (i + 1));
        [all[i], all[j]] = [all[j], all[i]];
      }
      return all;
    });
    // Documents interleaved at random, each document's own events in its shuffled order.
    const queues = perDocument.map((events) => [...events]);
    const events: (typeof perDocument)[number] = [];
    while (queues.some((q) => q.length > 0)) {
      const open = queues.filter((q) => q.length > 0);
      events.push(open[Math.floor(random() * open.length)].shift()!);
    }
    const outOfOrder = perDocument.filter((list) =>
      list.some((e, i) => i > 0 && e.payload.erpVersion < list[i - 1].payload.erpVersion),
    ).length;

    const publisher = new EventPublisher(env.kafkaBrokers, env.topicPrefix);
    await publisher.publishMany(events, { batchSize: 200 });
    await publisher.close();
    const distinctEventIds = [...new Set(events.map((e) => e.eventId))];
    await waitFor(
      async () =>
        (
          await db.query(`SELECT count(*)::int AS n FROM processed_message WHERE event_id::text = ANY($1)`, [
            distinctEventIds,
          ])
        ).rows[0].n,
      (n) => n === distinctEventIds.length,
      { what: 'every distinct event handled', timeoutMs: 120_000, intervalMs: 500 },
    );

    const { rows: newest } = await db.query(
      `SELECT count(*)::int AS n FROM document WHERE tenant_id = $1 AND erp_version = 5 AND status = 'Closed' AND amount = 104`,
      [place.tenantId],
    );
    expect(newest[0].n).toBe(documents);
    const live = await checksum();
    expect(live.documents).toBe(documents);
    const idsBefore = await ids();

    const started = await service.request('POST', '/internal/operator/rebuild');
    expect(started.status).toBe(202);
    const rebuilt = await waitFor(
      () => service.request('GET', '/internal/operator/rebuild'),
      (r) => ['done', 'failed'].includes(r.body?.state),
      { what: 'the rebuild to finish', timeoutMs: 180_000, intervalMs: 500 },
    );
    expect(rebuilt.body).toMatchObject({ state: 'done' });
    const replayed = await checksum();
    expect(replayed).toEqual(live);
    // Links to a document (bookmarks, e-mails, order pages) survive a rebuild.
    expect(await ids()).toEqual(idsBefore);

    recordFigures('ERP versions out of order and repeated; a replay gives the same read model', startedAt, {
      events: events.length,
      faults: outOfOrder + 2 * documents,
      lost: 0,
      doubled: 0,
      documents,
      documentsOutOfOrder: outOfOrder,
      replayedEvents: rebuilt.body.eventsReplayed,
      checksum: live.digest,
    });
  }, 360_000);
});
