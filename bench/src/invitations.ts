// Invitations end to end: an administrator invites 1,000 contacts through the gateway at a steady rate; each is
// timed from its request to `ContactInvited` (license held by licensing, e-mail rendered and handed to the
// transport, the event published). Throughput is invitations completed per second over the whole run.
import { Kafka, logLevel } from 'kafkajs';
import { parseEvent, readKafkaSecurity, Topics } from '@partner-portal/contracts';
import { buildModel, KafkaSink, masterDataEvents, tenantCompanies } from '@partner-portal/erp-simulator';
import { callGateway, signIn, startPlatform, testAccount, waitFor } from '@partner-portal/testing';
import { cpuSampler, limitVerdict, percentile, prepareBench, progress, rateVerdict, report } from './bench-env';
import { activityBetween, bareCommits, databaseActivity } from './database-writes';

const INVITES = Number(process.env.BENCH_INVITES ?? 1_000);
const RATE = Number(process.env.BENCH_RATE ?? 250);

/** Waits until a consumer group has consumed a topic to its current end. */
async function caughtUp(kafka: Kafka, group: string, topic: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    await waitFor(
      async () => (await admin.fetchOffsets({ groupId: group, topics: [topic] }))[0].partitions,
      (committed) =>
        ends.every(
          ({ partition, high }) =>
            Number(high) === 0 ||
            Number(committed.find((c) => c.partition === partition)?.offset ?? -1) >= Number(high),
        ),
      { what: `${group} to consume ${topic}`, timeoutMs: 60_000 },
    );
  } finally {
    await admin.disconnect();
  }
}

async function main(): Promise<void> {
  await prepareBench();
  const tenantId = 'bench-invite';
  const admin = testAccount('ada', { roles: ['PartnerPortal.Administrator'], tenants: [tenantId] });
  const platform = await startPlatform('bench-invitations', [admin], {
    gatewayEnv: { RATE_LIMIT_PER_MINUTE: '100000000' },
    serviceEnv: { RESEND_DAILY_LIMIT: '5' },
  });
  const kafka = new Kafka({
    clientId: 'bench-invitations',
    brokers: platform.kafkaBrokers,
    logLevel: logLevel.NOTHING,
    ...readKafkaSecurity(),
  });
  const sink = new KafkaSink(platform.kafkaBrokers, platform.topicPrefix);
  const consumer = kafka.consumer({ groupId: `${platform.topicPrefix}bench-watch`, maxWaitTimeInMs: 20 });
  try {
    const [production] = tenantCompanies(tenantId);
    const model = buildModel(1, {
      customers: 25,
      vendors: 0,
      thirdPartyLogistics: 0,
      contactsPerPartner: 40,
      items: 1,
    });
    const contacts = model.partners.flatMap((p) =>
      p.contacts.map((c) => ({ partnerNo: p.partnerNo, contactNo: c.contactNo })),
    );
    if (contacts.length < INVITES) throw new Error(`only ${contacts.length} contacts for ${INVITES} invitations`);
    progress(`seeding ${contacts.length} contacts and buying ${INVITES} licenses ...`);
    await sink.send(masterDataEvents(production, model, 1));
    const masterdata = `${platform.topicPrefix}${Topics.ErpMasterdata}`;
    for (const group of ['invitations', 'licensing'])
      await caughtUp(kafka, `${platform.topicPrefix}${group}`, masterdata);
    const token = (await signIn(platform.issuer, admin)).accessToken;
    const api = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
      callGateway(platform.gatewayUrl, method, `/api/admin/tenants/${tenantId}${path}`, { token, body, headers });
    for (let left = INVITES; left > 0; left -= 1_000)
      await api('POST', '/cart/lines', { quantity: Math.min(1_000, left) });
    const checkout = await api('POST', '/checkout', undefined, { 'idempotency-key': 'bench' });
    if (checkout.status !== 201) throw new Error(`checkout answered ${checkout.status}`);

    const invitedAt = new Map<string, number>();
    await consumer.connect();
    await consumer.subscribe({ topic: `${platform.topicPrefix}${Topics.InvitationsEvents}`, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const decoded = parseEvent(message.value);
        if (decoded.kind === 'event' && decoded.event.type === 'ContactInvited') {
          invitedAt.set((decoded.event.payload as { invitationId: string }).invitationId, performance.now());
        }
      },
    });

    progress(`inviting ${INVITES} contacts at ${RATE}/s through the gateway ...`);
    const requestedAt = new Map<string, number>();
    const answered: number[] = [];
    const refused: Record<string, number> = {};
    const writesBefore = await databaseActivity(platform.databaseUrls);
    const cpu = cpuSampler({
      postgres: /^postgres/,
      invitations: /invitations\/dist\/main\.js/,
      licensing: /licensing\/dist\/main\.js/,
      gateway: /gateway\/dist\/main\.js/,
      kafka: /kafka\.Kafka/,
    });
    const started = performance.now();
    const requests: Promise<void>[] = [];
    for (let i = 0; i < INVITES;) {
      for (; i < INVITES && started + (i * 1_000) / RATE <= performance.now(); i += 1) {
        const due = started + (i * 1_000) / RATE;
        const contact = contacts[i];
        requests.push(
          api('POST', '/invitations', {
            environment: production.environment,
            companyId: production.companyId,
            partnerType: 'customer',
            partnerNo: contact.partnerNo,
            contactNo: contact.contactNo,
            role: 'authorized_user',
          }).then((answer) => {
            answered.push(performance.now() - due);
            if (answer.status === 201) requestedAt.set(answer.body.invitationId, due);
            else refused[answer.status] = (refused[answer.status] ?? 0) + 1;
          }),
        );
      }
      await new Promise((r) => setTimeout(r, 1));
    }
    await Promise.all(requests);
    await waitFor(
      () => [...requestedAt.keys()].filter((id) => invitedAt.has(id)).length,
      (done) => done === requestedAt.size,
      { what: 'every invitation sent', timeoutMs: 120_000, intervalMs: 50 },
    );
    const usage = cpu.stop();
    // The statistics reach pg_stat_database when each backend reports them, within a second of going idle.
    await new Promise((r) => setTimeout(r, 1_500));
    const writes = activityBetween(writesBefore, await databaseActivity(platform.databaseUrls));
    progress(
      `the bare ceiling: one pg client making the same ${writes.commits} commits of ${writes.rowsWritten} rows ...`,
    );
    const bareSeconds = await bareCommits(platform.databaseUrls.invitations, writes.commits, writes.rowsWritten);
    const latencies = [...requestedAt].map(([id, due]) => (invitedAt.get(id) as number) - due).sort((a, b) => a - b);
    const last = Math.max(...[...requestedAt.keys()].map((id) => invitedAt.get(id) as number));
    answered.sort((a, b) => a - b);
    const ms = (values: number[], p: number) => Math.round(percentile(values, p));
    const verdicts = [
      rateVerdict(
        'invited',
        Math.round((latencies.length / (last - started)) * 1_000),
        'invitations/s',
        { least: 200 },
        { figure: Math.round(latencies.length / bareSeconds), is: 'one pg client making the same commits and rows' },
      ),
      limitVerdict('p99 from request to ContactInvited', ms(latencies, 99), 'ms', 1_000),
    ];
    report('invitations', verdicts, {
      invitations: INVITES,
      requestRate: RATE,
      invited: latencies.length,
      refused,
      invitedPerSecond: Math.round((latencies.length / (last - started)) * 1_000),
      p50Ms: ms(latencies, 50),
      p99Ms: ms(latencies, 99),
      maxMs: ms(latencies, 100),
      requestP99Ms: ms(answered, 99),
      cpuPercent: usage,
      commitsPerInvitation: Math.round((writes.commits / latencies.length) * 10) / 10,
      rowsWrittenPerInvitation: Math.round((writes.rowsWritten / latencies.length) * 10) / 10,
      bareCommitsSeconds: Math.round(bareSeconds * 100) / 100,
    });
  } finally {
    await consumer.disconnect();
    await sink.close();
    await platform.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
