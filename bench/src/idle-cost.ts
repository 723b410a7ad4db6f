// Idle cost: the whole platform running with a tenant's data and no traffic. Reports the CPU each process uses over
// a quiet minute (percent of one core) and the transactions each service's database commits meanwhile, which is
// what polling costs. Target: <= 1% of one core per service.
import { PLATFORM_SERVICES, startPlatform, testAccount, tokenOf, waitFor } from '@partner-portal/testing';
import { buildModel, KafkaSink, masterDataEvents, tenantCompanies } from '@partner-portal/erp-simulator';
import { cpuSampler, limitVerdict, prepareBench, progress, report } from './bench-env';
import { databaseActivity } from './database-writes';

const WARM_SECONDS = Number(process.env.BENCH_WARM_SECONDS ?? 20);
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 60);
const TARGET_PERCENT = 1;

/** Transactions committed or rolled back so far in each service's database. */
async function main(): Promise<void> {
  await prepareBench();
  const tenantId = 'bench-idle';
  const admin = testAccount('ada', { roles: ['PartnerPortal.Administrator'], tenants: [tenantId] });
  const platform = await startPlatform('bench-idle', [admin]);
  try {
    // Some data, as a running system has: master data, and a signed-in administrator's look at it.
    const [production] = tenantCompanies(tenantId);
    const model = buildModel(1, { customers: 10, vendors: 2, thirdPartyLogistics: 1, contactsPerPartner: 3, items: 5 });
    const sink = new KafkaSink(platform.kafkaBrokers, platform.topicPrefix);
    await sink.send(masterDataEvents(production, model, 1));
    await sink.close();
    const token = await tokenOf(platform, admin);
    await waitFor(
      () => platform.call('GET', `/api/admin/tenants/${tenantId}/overview`, { token }),
      (r) => r.status === 200,
      { what: 'the overview' },
    );
    progress(`warming up for ${WARM_SECONDS} s, then ${IDLE_SECONDS} s without traffic ...`);
    await new Promise((r) => setTimeout(r, WARM_SECONDS * 1_000));

    const processes = ['gateway', ...PLATFORM_SERVICES] as const;
    const before = Object.fromEntries(processes.map((name) => [name, platform.services[name].cpuSeconds()]));
    const transactionsBefore = await databaseActivity(platform.databaseUrls);
    const machine = cpuSampler({ postgres: /^postgres/, kafka: /kafka\.Kafka/ });
    const started = Date.now();
    await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1_000));
    const seconds = (Date.now() - started) / 1_000;
    const shared = machine.stop();
    const transactionsAfter = await databaseActivity(platform.databaseUrls);
    const cpuPercent = Object.fromEntries(
      processes.map((name) => [
        name,
        Math.round(((platform.services[name].cpuSeconds() - before[name]) / seconds) * 10_000) / 100,
      ]),
    );
    const verdicts = processes.map((name) =>
      limitVerdict(`${name} at rest`, cpuPercent[name], '% of one core', TARGET_PERCENT),
    );
    report('idle-cost', verdicts, {
      seconds: Math.round(seconds),
      cpuPercentOfOneCore: cpuPercent,
      transactionsPerSecond: Object.fromEntries(
        Object.keys(transactionsAfter).map((service) => [
          service,
          Math.round(
            ((transactionsAfter[service].transactions - transactionsBefore[service].transactions) / seconds) * 10,
          ) / 10,
        ]),
      ),
      sharedCpuPercent: shared,
    });
  } finally {
    await platform.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
