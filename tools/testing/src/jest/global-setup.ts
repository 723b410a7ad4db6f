import { publishTestInfra, resolveTestInfra, type TestInfra } from '../test-infra';

declare global {
  // Kept for the global teardown, which runs in the same process.
  var __partnerPortalTestInfra: TestInfra | undefined;
}

/** Jest global setup: finds or starts Kafka and PostgreSQL once per run. */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const infra = await resolveTestInfra((line) => process.stdout.write(`[test-infra] ${line}\n`));
  publishTestInfra(infra);
  globalThis.__partnerPortalTestInfra = infra;
  process.stdout.write(
    `[test-infra] ${infra.source}: Kafka ${infra.kafkaBrokers.join(',')} (ready in ${Date.now() - started} ms)\n`,
  );
}
