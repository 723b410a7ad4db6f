// Query latency: with 1,000,000 documents over 1,000 partners, a partner's first page of purchase orders through
// the document-projection service's API (run as a process), measured as p50/p99 over many requests.
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { isolatedEnvironment, partnerUser, startServiceProcess, TEST_INTERNAL_TOKEN } from '@partner-portal/testing';
import { percentile, prepareBench, progress, report } from './bench-env';

const DOCUMENTS = Number(process.env.BENCH_DOCUMENTS ?? 1_000_000);
const PARTNERS = 1_000;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 2);

/** Loads the read model directly: the benchmark measures queries, not the projection. */
async function load(url: string, tenantId: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const batch = 100_000;
    for (let start = 0; start < DOCUMENTS; start += batch) {
      await client.query(
        `INSERT INTO document (tenant_id, environment, company_id, document_type, document_no, partner_type, partner_no, view_type,
                               contact_no, status, document_date, currency_code, amount, amount_including_tax, lines, line_count, erp_version)
         SELECT $1, 'production', 'CRONUS', t.erp_type, 'D' || lpad(g::text, 8, '0'), 'customer', 'C' || (10000 + g % $2), t.view_type,
                'CT' || (g % 7), CASE WHEN g % 3 = 0 THEN 'Released' ELSE 'Open' END, date '2024-01-01' + (g % 1000),
                'EUR', 100 + g % 900, 121 + g % 900,
                '[{"lineNo":10000,"itemNo":"DESK","description":"ATHENS Desk","quantity":"2","unitCode":"PCS"}]'::jsonb, 1, 1
           FROM generate_series($3::int, $4::int) g
           CROSS JOIN LATERAL (SELECT (ARRAY['sales_order','sales_shipment','sales_invoice'])[1 + g % 3] AS erp_type,
                                      (ARRAY['purchase_order','warehouse_receipt','purchase_invoice'])[1 + g % 3] AS view_type) t`,
        [tenantId, PARTNERS, start, Math.min(DOCUMENTS, start + batch) - 1],
      );
      progress(`loaded ${Math.min(DOCUMENTS, start + batch)} documents`);
    }
    const memberships: string[] = [];
    for (let p = 0; p < PARTNERS; p += 1) {
      const id = randomUUID();
      memberships.push(id);
      await client.query(
        `INSERT INTO membership (membership_id, portal_user_id, tenant_id, environment, company_id, partner_type, partner_no, contact_no, email, role, active)
         VALUES ($1, $2, $3, 'production', 'CRONUS', 'customer', $4, 'CT0', 'rep@example.test', 'customer_representative', true)`,
        [id, randomUUID(), tenantId, `C${10_000 + p}`],
      );
    }
    await client.query('VACUUM ANALYZE document');
    return memberships;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  await prepareBench();
  const env = await isolatedEnvironment('bench-queries');
  const tenantId = 'bench-queries';
  const service = await startServiceProcess('document-projection', {
    DATABASE_URL: env.databaseUrl,
    KAFKA_BROKERS: env.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: env.topicPrefix,
    INTERNAL_API_TOKEN: TEST_INTERNAL_TOKEN,
  });
  try {
    progress(`loading ${DOCUMENTS} documents over ${PARTNERS} partners ...`);
    const memberships = await load(env.databaseUrl, tenantId);
    const principals = memberships.map((id) => partnerUser(tenantId, id, `sub-${id}`));
    // Warm-up, so that the first requests do not measure connection set-up.
    for (const principal of principals.slice(0, 50))
      await service.request('GET', '/internal/partner/documents?type=purchase_order', { principal });
    const latencies: number[] = [];
    let next = 0;
    let failures = 0;
    const started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < REQUESTS) {
          const principal = principals[next++ % principals.length];
          const t = process.hrtime.bigint();
          const response = await service.request('GET', '/internal/partner/documents?type=purchase_order&limit=50', {
            principal,
          });
          latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
          if (response.status !== 200 || response.body.items.length !== 50) failures += 1;
        }
      }),
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    latencies.sort((a, b) => a - b);
    report('document-queries', {
      documents: DOCUMENTS,
      partners: PARTNERS,
      requests: REQUESTS,
      concurrency: CONCURRENCY,
      failures,
      requestsPerSecond: Math.round(REQUESTS / seconds),
      p50Ms: Math.round(percentile(latencies, 50) * 10) / 10,
      p99Ms: Math.round(percentile(latencies, 99) * 10) / 10,
      maxMs: Math.round(latencies[latencies.length - 1] * 10) / 10,
      targets: { p99Ms: 25 },
    });
  } finally {
    await service.stop();
    await env.dispose();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
