// Freshness: while the ERP simulator streams document life cycles at a steady 2,000 events/s straight to Kafka,
// probe documents are published ten times a second and a customer representative asks the gateway for the newest
// probes every 5 ms until each shows; the time from an event's publication by the simulator to its visibility through the gateway.
import { PAGE_SIZE_MAX } from '@partner-portal/api-contracts';
import { ErpDocumentType, PortalRole } from '@partner-portal/contracts';
import { DEFAULT_QUIRKS, KafkaSink, stream } from '@partner-portal/erp-simulator';
import {
  documentUpserted,
  erpPlace,
  invitationTarget,
  inviteAccepted,
  signIn,
  startPlatform,
  testAccount,
  waitFor,
} from '@partner-portal/testing';
import { cpuSampler, limitVerdict, percentile, prepareBench, progress, report } from './bench-env';

const RATE = Number(process.env.BENCH_RATE ?? 2_000);
const DURATION = Number(process.env.BENCH_DURATION ?? 30);
const PROBES_PER_SECOND = 10;
const POLL_MS = 5;

async function main(): Promise<void> {
  await prepareBench();
  const tenantId = 'bench-fresh';
  const place = erpPlace(tenantId);
  const rep = testAccount('rep');
  const platform = await startPlatform('bench-freshness', [rep], {
    gatewayEnv: { RATE_LIMIT_PER_MINUTE: '100000000' },
  });
  const sink = new KafkaSink(platform.kafkaBrokers, platform.topicPrefix);
  try {
    // The representative of C10000, the customer every probe belongs to.
    await platform.publisher.publish(
      inviteAccepted(
        place,
        invitationTarget(place, { partnerNo: 'C10000', contactNo: 'CT-REP', email: rep.email }),
        PortalRole.CustomerRepresentative,
        { issuer: platform.issuer, subject: rep.subject, email: rep.email },
      ),
    );
    const token = (await signIn(platform.issuer, rep)).accessToken;
    await waitFor(
      () => platform.call('GET', '/api/portal/documents', { token }),
      (r) => r.status === 200,
      { what: 'the representative signed in and known' },
    );

    progress(`streaming ${RATE} events/s for ${DURATION} s and probing ${PROBES_PER_SECOND} times a second ...`);
    const stop = new AbortController();
    const streaming = stream(sink, {
      tenantId,
      seed: 7,
      rate: RATE,
      durationSeconds: DURATION,
      quirks: DEFAULT_QUIRKS,
      runPrefix: 'F',
      log: () => undefined,
      signal: stop.signal,
    });
    const cpu = cpuSampler({
      postgres: /^postgres/,
      services: /services\/[a-z-]+\/dist\/main\.js/,
      kafka: /kafka\.Kafka/,
      bench: /bench\/src\/freshness/,
    });
    const freshness: number[] = [];
    // A probe not seen in 30 s counts as 30 s (a lower bound) and as unseen: the figure of a run that falls behind.
    let unseen = 0;
    // One poller asks every POLL_MS for the newest probes that show (one request, whatever is outstanding), so the
    // probes' own load stays one request per POLL_MS however far the projection falls behind.
    const waiting = new Map<string, number>();
    // How long each of the poller's requests took: a figure includes up to one of them.
    const pollTimes: number[] = [];
    let publishing = true;
    const polling = (async () => {
      while (publishing || waiting.size > 0) {
        if (waiting.size > 0) {
          const asked = performance.now();
          const answer = await platform.call(
            'GET',
            `/api/portal/documents?search=FRESH&sort=number_desc&pageSize=${PAGE_SIZE_MAX}`,
            { token },
          );
          const now = performance.now();
          pollTimes.push(now - asked);
          for (const { documentNo } of answer.status === 200 ? (answer.body.items as { documentNo: string }[]) : []) {
            const publishedAt = waiting.get(documentNo);
            if (publishedAt === undefined) continue;
            waiting.delete(documentNo);
            freshness.push(now - publishedAt);
          }
          for (const [documentNo, publishedAt] of waiting) {
            if (now - publishedAt <= 30_000) continue;
            waiting.delete(documentNo);
            freshness.push(30_000);
            unseen += 1;
          }
        }
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    })();
    const started = Date.now();
    for (let n = 0; Date.now() - started < DURATION * 1_000 - 1_000; n += 1) {
      const documentNo = `FRESH${String(n).padStart(5, '0')}`;
      const publishedAt = performance.now();
      await sink.send([
        documentUpserted(place, { documentNo, documentType: ErpDocumentType.SalesOrder, partnerNo: 'C10000' }),
      ]);
      waiting.set(documentNo, publishedAt);
      await new Promise((r) => setTimeout(r, 1_000 / PROBES_PER_SECOND));
    }
    publishing = false;
    await polling;
    const usage = cpu.stop();
    const streamed = await streaming;
    freshness.sort((a, b) => a - b);
    const ms = (p: number) => Math.round(percentile(freshness, p) * 10) / 10;
    const verdicts = [
      limitVerdict('p99 from the ERP event to the partner seeing it', ms(99), 'ms', 250),
      limitVerdict('probes not seen within 30 s', unseen, 'probes', 0),
    ];
    report('freshness', verdicts, {
      streamRate: RATE,
      streamedEvents: streamed.sent,
      streamedPerSecond: Math.round(streamed.sent / streamed.seconds),
      streamErrors: streamed.errors,
      probes: freshness.length,
      unseenAfter30s: unseen,
      pollRequests: pollTimes.length,
      pollRequestP50Ms:
        Math.round(
          percentile(
            pollTimes.sort((a, b) => a - b),
            50,
          ) * 10,
        ) / 10,
      pollRequestP99Ms: Math.round(percentile(pollTimes, 99) * 10) / 10,
      pollEveryMs: POLL_MS,
      p50Ms: ms(50),
      p90Ms: ms(90),
      p99Ms: ms(99),
      maxMs: ms(100),
      cpuPercent: usage,
    });
  } finally {
    await sink.close();
    await platform.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
