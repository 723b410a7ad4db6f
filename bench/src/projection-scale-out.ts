// Scale-out: the same events projected by one document-projection instance and by two in one consumer group
// (the 12 partitions of erp.documents split between them), in one run, on the same machine.
import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { isolatedEnvironment } from '@partner-portal/testing';
import { prepareBench, progress, rateVerdict, report } from './bench-env';
import { events, projectWith, publish } from './projection-fixture';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 300_000);

async function runWith(instances: number) {
  const env = await isolatedEnvironment(`bench-scale-${instances}`);
  try {
    const tenantId = `bench-${randomUUID().slice(0, 8)}`;
    progress(`${instances} instance(s): publishing ${EVENTS} events ...`);
    await publish(env.kafkaBrokers, `${env.topicPrefix}erp.documents`, events(tenantId, EVENTS));
    progress(`${instances} instance(s): projecting ...`);
    return await projectWith(env, instances, EVENTS);
  } finally {
    await env.dispose();
  }
}

async function main(): Promise<void> {
  await prepareBench();
  const one = await runWith(1);
  const two = await runWith(2);
  const verdicts = [
    rateVerdict(
      'two instances in one group',
      two.eventsPerSecond,
      'events/s',
      { ratioAbove: 1 },
      {
        figure: one.eventsPerSecond,
        is: 'one instance',
      },
    ),
  ];
  report('projection-scale-out', verdicts, {
    events: EVENTS,
    cpus: cpus().length,
    oneInstanceEventsPerSecond: one.eventsPerSecond,
    twoInstancesEventsPerSecond: two.eventsPerSecond,
    speedup: Math.round((two.eventsPerSecond / one.eventsPerSecond) * 100) / 100,
    oneInstanceSeconds: one.seconds,
    twoInstancesSeconds: two.seconds,
    eventsBeforeBothJoined: two.eventsBeforeReady,
    cpuPercentOneInstance: one.cpuPercent,
    cpuPercentTwoInstances: two.cpuPercent,
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
