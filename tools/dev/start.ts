// `npm start`: the whole system on this machine. Brings up Kafka (fetched from Maven Central on first use), the
// topics and the service databases, builds the workspace, starts every service under services/, prints what runs
// where, and on Ctrl-C stops the services and the broker it started, leaving no process behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { databaseUrl, localKafkaBroker, upLocalInfra } from '@partner-portal/infra';
import { bin, runStep } from './run-step';
import { discoverServices } from './services';

const root = join(__dirname, '..', '..');
const say = (line: string) => console.log(`[start] ${line}`);

function pipeLines(child: ChildProcess, name: string): void {
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream }).on('line', (line) => console.log(`[${name}] ${line}`));
  }
}

function stopChild(child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function main(): Promise<void> {
  const infra = await upLocalInfra((line) => say(line));
  const built = await runStep('build', process.execPath, [bin('tsc'), '-b', 'tsconfig.build.json']);
  if (built !== 0) throw new Error('the build failed; see above');

  // The credential the gateway presents to the services: one per run unless the environment sets it.
  const internalApiToken = process.env.INTERNAL_API_TOKEN ?? randomBytes(24).toString('hex');
  // The invitations service's secrets, per run unless set (e-mails waiting to be sent are sealed with the key).
  const secrets = {
    INVITATION_CODE_PEPPER: process.env.INVITATION_CODE_PEPPER ?? randomBytes(32).toString('hex'),
    EMAIL_PAYLOAD_KEY: process.env.EMAIL_PAYLOAD_KEY ?? randomBytes(32).toString('base64'),
    MAIL_DEV_DIR: process.env.MAIL_DEV_DIR ?? join(root, '.local', 'mail'),
  };
  const children: Array<{ name: string; child: ChildProcess }> = [];
  let stopping = false;
  for (const service of discoverServices(root)) {
    const child = spawn(process.execPath, ['--enable-source-maps', join(service.dir, service.main)], {
      cwd: service.dir,
      env: {
        ...process.env,
        PORT: String(service.port),
        KAFKA_BROKERS: infra.kafkaBrokers.join(','),
        INTERNAL_API_TOKEN: internalApiToken,
        ...secrets,
        ...(service.database ? { DATABASE_URL: databaseUrl(infra.postgresAdminUrl, service.database) } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    pipeLines(child, service.name);
    child.on('exit', (code, signal) => {
      if (!stopping) say(`${service.name} exited (${signal ?? code}); the others keep running`);
    });
    children.push({ name: service.name, child });
  }

  say('running:');
  say(`  ${'Kafka'.padEnd(20)} ${infra.kafkaBrokers.join(',')}`);
  say(`  ${'PostgreSQL'.padEnd(20)} ${infra.postgresAdminUrl.replace(/\/[^/]*$/, '')}`);
  for (const service of discoverServices(root)) {
    say(
      `  ${service.name.padEnd(20)} http://127.0.0.1:${service.port}${service.database ? `  (database ${service.database})` : ''}`,
    );
  }
  if (children.length === 0) say('  (no services under services/ yet)');
  say('press Ctrl-C to stop');

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping services ...`);
    await Promise.all(children.map(({ child }) => stopChild(child, 15_000)));
    if (infra.kafkaStartedNow) {
      say('stopping the Kafka broker this run started ...');
      await localKafkaBroker().stop();
    }
    say('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  // Keep running until a signal arrives.
  setInterval(() => undefined, 1 << 30);
}

main().catch((error: Error) => {
  console.error(`[start] ${error.message}`);
  process.exit(1);
});
