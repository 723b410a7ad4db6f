// Query latency: with 1,000,000 documents over 1,000 partners, a partner's first page of purchase orders through
// the document-projection service's API (run as a process), at a constant rate (evenly spaced, open loop).
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { encodePrincipal, INTERNAL_TOKEN_HEADER, PRINCIPAL_HEADER } from '@partner-portal/internal-api';
import {
  isolatedEnvironment,
  partnerUser,
  startServiceProcess,
  TEST_SERVICE_CREDENTIALS,
  TEST_GATEWAY_TOKEN,
} from '@partner-portal/testing';
import { prepareBench, progress, report } from './bench-env';
import { constantRate, measureAtRates } from './constant-rate';
import { loadDocuments } from './document-load';
import { firstPageVerdicts, measureBareCeiling } from './bare-documents';

const DOCUMENTS = Number(process.env.BENCH_DOCUMENTS ?? 1_000_000);
const PARTNERS = 1_000;
const RATES = (process.env.BENCH_RATES ?? '250,1000').split(',').map(Number);
const DURATION = Number(process.env.BENCH_DURATION ?? 20);

/** The read model with the documents, and one customer representative per partner (their membership ids). */
async function load(url: string, tenantId: string): Promise<string[]> {
  await loadDocuments(url, tenantId, DOCUMENTS, PARTNERS, progress);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
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
    ...TEST_SERVICE_CREDENTIALS,
  });
  try {
    progress(`loading ${DOCUMENTS} documents over ${PARTNERS} partners ...`);
    const principals = (await load(env.databaseUrl, tenantId)).map((id) => partnerUser(tenantId, id, `sub-${id}`));
    const path = '/internal/partner/documents?type=purchase_order&pageSize=50';
    const request = (i: number) => ({
      path,
      headers: {
        [INTERNAL_TOKEN_HEADER]: TEST_GATEWAY_TOKEN,
        [PRINCIPAL_HEADER]: encodePrincipal(principals[i % principals.length]),
      },
    });
    progress(`warming up, then each of ${RATES.join(', ')} requests/s for ${DURATION} s, evenly spaced ...`);
    await constantRate(service.baseUrl, 500, 5, request);
    const runs = await measureAtRates(service.baseUrl, RATES, DURATION, request, {
      postgres: /^postgres/,
      documentProjection: /document-projection\/dist\/main\.js/,
      loadGenerator: /bench\/src\/document-queries/,
    });
    progress(`the bare ceiling (node:http + pg, the same statement) at the same rates ...`);
    const bare = await measureBareCeiling(env.databaseUrl, tenantId, RATES, DURATION, PARTNERS);
    report('document-queries', firstPageVerdicts(runs, bare, 25), {
      documents: DOCUMENTS,
      partners: PARTNERS,
      seconds: DURATION,
      runs,
      bare,
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
