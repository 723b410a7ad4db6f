// `npm start`: the whole system on this machine, from a fresh clone. Brings up Kafka (fetched from Maven Central on
// first use), the topics and the service databases, builds the workspace and the web app, starts the development
// sign-in provider and every service under services/ (the gateway among them, serving the web app), prepares the
// demo tenant with the ERP simulator, keeps the simulator answering portal orders, serves the development mailbox,
// and prints the web app's URL first, then where everything else is and how to sign in. Ctrl-C stops all of it,
// including the broker if this run started it. A second `npm start` reuses what is there.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { kafkaSecurityEnv, KafkaPrincipals, type KafkaPrincipal } from '@partner-portal/contracts';
import { answerPortalOrders, DEMO_PEOPLE, GatewaySink } from '@partner-portal/erp-simulator';
import { loadEnvironmentFile } from '@partner-portal/internal-api';
import {
  buildWebApp,
  databaseUrl,
  localKafkaBroker,
  startDevMailbox,
  upLocalInfra,
  webAppDist,
} from '@partner-portal/infra';
import { prepareDemoTenant } from './demo-tenant';
import { readableLogLine } from './log-lines';
import { PortalClient, SCRIPT_CLIENT, until } from './portal-client';
import { bin, runStep } from './run-step';
import { discoverServices } from './services';

const root = join(__dirname, '..', '..');
// The shell's environment first, then the repository's .env (or ENV_FILE) for what it leaves unset.
const envFile = loadEnvironmentFile(process.env, root);
const local = join(root, '.local');
const say = (line: string) => console.log(`[start] ${line}`);
const DEMO_TENANT = process.env.DEMO_TENANT_ID ?? 'demo';
const IDP_PORT = Number(process.env.IDP_PORT ?? 3200);
const MAILBOX_PORT = Number(process.env.MAILBOX_PORT ?? 3300);

function pipeLines(child: ChildProcess, name: string): void {
  for (const stream of [child.stdout, child.stderr]) {
    // The services log JSON records (docs/observability.md); people read one short line per record.
    if (stream)
      createInterface({ input: stream }).on('line', (line) => console.log(`[${name}] ${readableLogLine(line)}`));
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

/** Whether something already answers on a port (a system started elsewhere, or a stale one). */
async function answers(url: string): Promise<boolean> {
  return fetch(url, { signal: AbortSignal.timeout(1_000) }).then(
    () => true,
    () => false,
  );
}

async function main(): Promise<void> {
  if (envFile) say(`settings from ${envFile} (the shell's environment wins)`);
  const infra = await upLocalInfra((line) => say(line));
  const built = await runStep('build', process.execPath, [bin('tsc'), '-b', 'tsconfig.build.json']);
  if (built !== 0) throw new Error('the build failed; see above');
  say(`web app: ${(await buildWebApp(say)) === 'built' ? 'built' : 'build is current'} (${webAppDist})`);

  const services = discoverServices(root);
  const gateway = services.find((s) => s.name === 'gateway');
  for (const service of services) {
    if (await answers(`http://127.0.0.1:${service.port}/health/live`)) {
      throw new Error(`port ${service.port} (${service.name}) is taken: is another npm start running? Stop it first`);
    }
  }

  // Per-run secrets unless the environment sets them: the gateway's credential at the services, the invitation
  // code pepper, the key that seals e-mails waiting to be sent.
  const secrets = {
    GATEWAY_API_TOKEN: process.env.GATEWAY_API_TOKEN || randomBytes(24).toString('hex'),
    INVITATION_CODE_PEPPER: process.env.INVITATION_CODE_PEPPER ?? randomBytes(32).toString('hex'),
    EMAIL_PAYLOAD_KEY: process.env.EMAIL_PAYLOAD_KEY ?? randomBytes(32).toString('base64'),
  };
  // Operators' credential at the services' operator routes (npm run dead-letters); the gateway never gets it.
  const operatorApiToken = process.env.OPERATOR_API_TOKEN || randomBytes(24).toString('hex');
  const mailDir = process.env.MAIL_DEV_DIR ?? join(local, 'mail');
  const idpStateDir = process.env.IDP_STATE_DIR ?? join(local, 'identity-provider');
  const gatewayUrl = `http://127.0.0.1:${gateway?.port ?? 3100}`;
  // The gateway serves the web app, so the invitation e-mails link to it.
  const portalUrl = process.env.PORTAL_BASE_URL ?? gatewayUrl;
  say(`the Partner Portal will be at ${portalUrl} once everything is up`);
  const children: Array<{ name: string; child: ChildProcess }> = [];
  let stopping = false;
  const watch = (name: string, child: ChildProcess) => {
    pipeLines(child, name);
    child.on('exit', (code, signal) => {
      if (!stopping) say(`${name} exited (${signal ?? code}); the others keep running`);
    });
    children.push({ name, child });
  };

  // The development sign-in provider, standing in for Microsoft Entra ID.
  const idp = spawn(
    process.execPath,
    ['--conditions=development', '--import', 'tsx', join(root, 'tools/identity-provider/src/main.ts')],
    {
      cwd: root,
      env: {
        ...process.env,
        IDP_PORT: String(IDP_PORT),
        IDP_STATE_DIR: idpStateDir,
        DEMO_TENANT_ID: DEMO_TENANT,
        GATEWAY_PUBLIC_URL: gatewayUrl,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  watch('identity-provider', idp);
  const issuer = `http://127.0.0.1:${IDP_PORT}`;
  await until(() => answers(`${issuer}/.well-known/openid-configuration`), Boolean, 'the identity provider', 30_000);

  for (const service of services) {
    const child = spawn(process.execPath, ['--enable-source-maps', join(service.dir, service.main)], {
      cwd: service.dir,
      env: {
        ...process.env,
        ...secrets,
        ...(service === gateway ? {} : { OPERATOR_API_TOKEN: operatorApiToken }),
        PORT: String(service.port),
        KAFKA_BROKERS: infra.kafkaBrokers.join(','),
        // Each service as its own Kafka user, whose ACLs let it write its own topic and read what it consumes.
        ...kafkaSecurityEnv(infra.kafkaSecurityOf(service.name as KafkaPrincipal)),
        // The development mailbox unless the person starting it chose SendGrid (MAIL_TRANSPORT and SENDGRID_API_KEY).
        MAIL_TRANSPORT: process.env.MAIL_TRANSPORT ?? 'development',
        MAIL_DEV_DIR: mailDir,
        PORTAL_BASE_URL: portalUrl,
        WEB_APP_DIR: process.env.WEB_APP_DIR ?? webAppDist,
        OIDC_ISSUER: process.env.OIDC_ISSUER ?? issuer,
        // A connector's webhook receiver under development runs on this machine, often over plain http.
        CONNECTOR_WEBHOOK_TRUSTED_HOSTS: process.env.CONNECTOR_WEBHOOK_TRUSTED_HOSTS ?? '127.0.0.1,localhost',
        ...(service.database ? { DATABASE_URL: databaseUrl(infra.postgresAdminUrl, service.database) } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    watch(service.name, child);
  }

  let answering: { stop(): Promise<void> } | undefined;
  const mailbox = await startDevMailbox(mailDir, MAILBOX_PORT).catch((error: Error) => {
    say(
      `the development mailbox could not start on port ${MAILBOX_PORT} (${error.message}); e-mails stay in ${mailDir}`,
    );
    return undefined;
  });
  const shutdown = async (signal: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping ...`);
    await answering?.stop().catch(() => undefined);
    await mailbox?.close();
    await Promise.all(children.map(({ child }) => stopChild(child, 15_000)));
    if (infra.kafkaStartedNow) {
      say('stopping the Kafka broker this run started ...');
      await localKafkaBroker().stop();
    }
    say('stopped');
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    for (const service of services) {
      await until(
        () =>
          fetch(`http://127.0.0.1:${service.port}/health/ready`).then(
            (r) => r.status,
            () => 0,
          ),
        (status) => status === 200,
        `${service.name} to be ready`,
        90_000,
      );
    }
    say('every service is ready');

    const password = JSON.parse(readFileSync(join(idpStateDir, 'demo-password.json'), 'utf8')) as string;
    if (gateway && process.env.DEMO !== 'off') {
      const client = new PortalClient({ gatewayUrl, issuer, client: SCRIPT_CLIENT });
      const { connectorKey } = await prepareDemoTenant({
        client,
        gatewayUrl,
        tenantId: DEMO_TENANT,
        password,
        mailDir,
        stateDir: join(local, 'demo'),
        seed: 42,
        say,
      });
      answering = await answerPortalOrders(new GatewaySink(gatewayUrl, connectorKey), {
        brokers: infra.kafkaBrokers,
        security: infra.kafkaSecurityOf(KafkaPrincipals.Connector),
        seed: 42,
        delayMs: 800,
        log: (line) => console.log(line),
      });
      say('the ERP simulator answers portal orders (accepts, or rejects lines over 999)');
    }

    say(`open the Partner Portal: ${portalUrl}`);
    say('running:');
    say(`  ${'Partner Portal (web app)'.padEnd(26)} ${portalUrl}`);
    say(`  ${'gateway (the API)'.padEnd(26)} ${gatewayUrl}/api`);
    say(`  ${'API docs (Swagger UI)'.padEnd(26)} ${gatewayUrl}/api/docs   (Authorize signs in with PKCE)`);
    say(`  ${'sign-in provider (OIDC)'.padEnd(26)} ${issuer}`);
    for (const service of services.filter((s) => s.name !== 'gateway')) {
      say(`  ${service.name.padEnd(26)} http://127.0.0.1:${service.port}  (internal; database ${service.database})`);
    }
    say(`  ${'Kafka'.padEnd(26)} ${infra.kafkaBrokers.join(',')}`);
    say(`  ${'PostgreSQL'.padEnd(26)} ${infra.postgresAdminUrl.replace(/\/[^/]*$/, '')}`);
    say(`  ${'e-mails (development)'.padEnd(26)} ${mailbox ? `${mailbox.url}  (files in ${mailDir})` : mailDir}`);
    say(`demo sign-ins (tenant ${DEMO_TENANT}), password ${password} for everyone:`);
    for (const person of DEMO_PEOPLE) say(`  ${person.username.padEnd(8)} ${person.portrays}`);
    say(`next: open ${portalUrl} and sign in as ada; \`npm run demo\` walks the main journey through the API;`);
    say('      `npm run sim -- help` streams more ERP data');
    if (!process.env.OPERATOR_API_TOKEN) {
      say(
        'operator routes (`npm run dead-letters`): this run made its own OPERATOR_API_TOKEN; set one before npm start',
      );
      say('      and the same for the command to use them');
    }
    say('press Ctrl-C to stop');
  } catch (error) {
    say(`could not bring the system up: ${(error as Error).message}`);
    await shutdown('failure', 1);
  }
  setInterval(() => undefined, 1 << 30);
}

main().catch((error: Error) => {
  console.error(`[start] ${error.message}`);
  process.exit(1);
});
