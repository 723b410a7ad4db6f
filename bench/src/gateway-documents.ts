// Gateway latency: with 1,000,000 documents over 1,000 partners loaded, customer representatives list their
// partner's first page of purchase orders through the gateway (token verification, membership, the service and
// back) at a fixed rate, evenly spaced and open-loop (bench/src/constant-rate.ts) on loopback; p50/p99 and the
// throughput reached.
import { PortalRole } from '@partner-portal/contracts';
import {
  erpPlace,
  invitationTarget,
  inviteAccepted,
  signIn,
  startPlatform,
  testAccount,
  waitFor,
} from '@partner-portal/testing';
import { prepareBench, progress, report } from './bench-env';
import { constantRate, measureAtRates } from './constant-rate';
import { loadDocuments } from './document-load';
import { firstPageVerdicts, measureBareCeiling } from './bare-documents';

const DOCUMENTS = Number(process.env.BENCH_DOCUMENTS ?? 1_000_000);
const PARTNERS = 1_000;
const USERS = 20;
const RATES = (process.env.BENCH_RATES ?? '500,1000').split(',').map(Number);
const DURATION = Number(process.env.BENCH_DURATION ?? 20);
const PATH = '/api/portal/documents?type=purchase_order&pageSize=50';

async function main(): Promise<void> {
  await prepareBench();
  const tenantId = 'bench-gateway';
  const place = erpPlace(tenantId);
  const accounts = Array.from({ length: USERS }, (_, i) => testAccount(`rep${i}`));
  const platform = await startPlatform('bench-gateway', accounts, {
    gatewayEnv: { RATE_LIMIT_PER_MINUTE: '100000000' },
  });
  try {
    progress(`loading ${DOCUMENTS} documents over ${PARTNERS} partners ...`);
    await loadDocuments(platform.databaseUrls['document-projection'], tenantId, DOCUMENTS, PARTNERS, progress);
    // One customer representative per partner C10000..C10019, made the way an acceptance makes them.
    await platform.publisher.publish(
      ...accounts.map((account, i) =>
        inviteAccepted(
          place,
          invitationTarget(place, { partnerNo: `C${10_000 + i}`, contactNo: `CT-${i}`, email: account.email }),
          PortalRole.CustomerRepresentative,
          { issuer: platform.issuer, subject: account.subject, email: account.email },
        ),
      ),
    );
    const tokens = await Promise.all(accounts.map(async (a) => (await signIn(platform.issuer, a)).accessToken));
    for (const token of tokens) {
      await waitFor(
        () => platform.call('GET', PATH, { token }),
        (r) => r.status === 200 && r.body.items.length === 50,
        { what: 'a representative seeing its first page', timeoutMs: 60_000 },
      );
    }
    progress(`warming up, then each of ${RATES.join(', ')} requests/s for ${DURATION} s, evenly spaced ...`);
    const request = (i: number) => ({ path: PATH, headers: { authorization: `Bearer ${tokens[i % tokens.length]}` } });
    await constantRate(platform.gatewayUrl, 500, 5, request);
    const runs = await measureAtRates(platform.gatewayUrl, RATES, DURATION, request, {
      postgres: /^postgres/,
      gateway: /gateway\/dist\/main\.js/,
      documentProjection: /document-projection\/dist\/main\.js/,
      loadGenerator: /bench\/src\/gateway-documents/,
    });
    progress(`the bare ceiling (node:http + pg, the same statement) at the same rates ...`);
    const bare = await measureBareCeiling(
      platform.databaseUrls['document-projection'],
      tenantId,
      RATES,
      DURATION,
      USERS,
    );
    report('gateway-documents', firstPageVerdicts(runs, bare, 25), {
      documents: DOCUMENTS,
      partners: PARTNERS,
      users: USERS,
      seconds: DURATION,
      runs,
      bare,
    });
  } finally {
    await platform.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
