// Freshness: while the ERP simulator streams document life cycles at a steady 2,000 events/s straight to Kafka,
// probe documents are published ten times a second and a customer representative asks the gateway for each until
// it shows; the time from an event's publication by the simulator to its visibility through the gateway.
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
    const probes: Promise<void>[] = [];
    const started = Date.now();
    for (let n = 0; Date.now() - started < DURATION * 1_000 - 1_000; n += 1) {
      const documentNo = `FRESH${n}`;
      const publishedAt = performance.now();
      await sink.send([
        documentUpserted(place, { documentNo, documentType: ErpDocumentType.SalesOrder, partnerNo: 'C10000' }),
      ]);
      probes.push(
        (async () => {
          for (;;) {
            const answer = await platform.call('GET', `/api/portal/documents?search=${documentNo}&pageSize=1`, {
              token,
            });
            if (answer.status === 200 && answer.body.items.length === 1) {
              freshness.push(performance.now() - publishedAt);
              return;
            }
            if (performance.now() - publishedAt > 30_000) {
              unseen += 1;
              freshness.push(30_000);
              return;
            }
            await new Promise((r) => setTimeout(r, POLL_MS));
          }
        })(),
      );
      await new Promise((r) => setTimeout(r, 1_000 / PROBES_PER_SECOND));
    }
    await Promise.all(probes);
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
