import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KafkaPrincipals, type KafkaPrincipal, type KafkaSecurity } from '@partner-portal/contracts';
import { infraAdmin } from './kafka-admin';
import { ensureMavenJars, javaServerArgs, mavenJarsPresent, pomProperty, type MavenJars } from './jvm';
import { infraDir, localDir } from './paths';
import {
  delay,
  isPortOpen,
  isProcessAlive,
  PrerequisiteError,
  requireJava,
  run,
  silent,
  type ProgressLog,
} from './process-tools';

const POM = join(infraDir, 'kafka', 'pom.xml');
const LOG4J_CONFIG = join(infraDir, 'kafka', 'log4j2.properties');

/** The Kafka version the project runs, as chosen in infra/kafka/pom.xml. */
export function kafkaVersion(): string {
  return pomProperty(POM, 'kafka.version');
}

/** Where the broker jars live; shared by every local broker. */
export const kafkaLibsDir = join(localDir, 'kafka', 'libs');

const kafkaJars = (): MavenJars => ({
  label: `Apache Kafka ${kafkaVersion()}`,
  pom: POM,
  libsDir: kafkaLibsDir,
  markers: [`kafka_2.13-${kafkaVersion()}.jar`],
});

/**
 * Copies `org.apache.kafka:kafka_2.13` and its runtime dependencies from Maven Central into `.local/kafka/libs`,
 * once per version. Returns whether anything was fetched.
 */
export function ensureKafkaJars(log: ProgressLog = silent): boolean {
  return ensureMavenJars(kafkaJars(), log);
}

/** Where and how one broker runs. */
export interface KafkaBrokerOptions {
  /** Client port on 127.0.0.1. */
  port: number;
  /** KRaft controller port on 127.0.0.1. */
  controllerPort: number;
  /** Folder of this broker's config, data, pid and logs. */
  homeDir: string;
  /** Maximum heap. Default 1024 MB. */
  heapMb?: number;
  /** Authentication and ACLs (the local broker's); unset, a PLAINTEXT broker open to every client. */
  sasl?: KafkaBrokerSasl;
}

/** The super user of an authenticating broker: the broker itself, and whoever creates topics and ACLs. */
export const KAFKA_SUPER_USER = 'admin';

/**
 * A broker whose client listener is SASL_PLAINTEXT with SCRAM-SHA-512 and whose authorizer refuses whatever no ACL
 * allows. Its SCRAM users are created when its storage is formatted (KRaft has no other way before it runs).
 */
export interface KafkaBrokerSasl {
  /** Password of the super user `admin`. */
  adminPassword: string;
  /** The other SCRAM users (the services' principals). */
  users: Array<{ name: string; password: string }>;
}

// Both end up unquoted inside `--add-scram 'SCRAM-SHA-512=[name=...,password=...]'` and quoted in JAAS lines.
const SCRAM_CREDENTIAL = /^[A-Za-z0-9._-]+$/;

/** What `status` reports. */
export interface KafkaBrokerStatus {
  running: boolean;
  pid?: number;
  /** Started by this project (pid file) rather than found on the port. */
  managed: boolean;
  bootstrap: string;
}

/**
 * A single-node Apache Kafka (combined broker and KRaft controller) run with `java` from the jars in
 * `.local/kafka/libs`, tuned for one machine and fast tests: replication factor 1, no initial rebalance delay,
 * no automatic topic creation.
 */
export class KafkaBroker {
  readonly bootstrap: string;
  private readonly dataDir: string;
  private readonly logsDir: string;
  private readonly pidFile: string;
  private readonly configFile: string;
  private readonly credentialsFile: string;

  constructor(private readonly options: KafkaBrokerOptions) {
    this.bootstrap = `127.0.0.1:${options.port}`;
    this.dataDir = join(options.homeDir, 'data');
    this.logsDir = join(options.homeDir, 'logs');
    this.pidFile = join(options.homeDir, 'broker.pid');
    this.configFile = join(options.homeDir, 'server.properties');
    this.credentialsFile = brokerCredentialsFile(options.homeDir);
    const sasl = options.sasl;
    if (sasl) {
      for (const value of [sasl.adminPassword, ...sasl.users.flatMap((u) => [u.name, u.password])]) {
        if (!SCRAM_CREDENTIAL.test(value))
          throw new Error(`SCRAM user names and passwords must match ${SCRAM_CREDENTIAL}`);
      }
    }
  }

  /** How the super user connects: nothing on a broker without authentication. */
  get adminSecurity(): KafkaSecurity {
    const sasl = this.options.sasl;
    if (!sasl) return {};
    return { sasl: { mechanism: 'scram-sha-512', username: KAFKA_SUPER_USER, password: sasl.adminPassword } };
  }

  /** How one of its SCRAM users connects. */
  userSecurity(name: string): KafkaSecurity {
    const user = this.options.sasl?.users.find((u) => u.name === name);
    if (!user) throw new Error(`the broker on ${this.bootstrap} has no SCRAM user ${name}`);
    return { sasl: { mechanism: 'scram-sha-512', username: user.name, password: user.password } };
  }

  /** Starts the broker unless it already answers; recovers from a crashed or hung earlier run. */
  async start(log: ProgressLog = silent): Promise<'already-running' | 'started'> {
    if (await this.answers()) return 'already-running';
    await this.stopIfOpenWhereAuthenticationIsWanted(log);
    const stalePid = this.readPid();
    if (stalePid && isProcessAlive(stalePid)) {
      log(`broker process ${stalePid} does not answer; waiting for it ...`);
      if (await this.waitUntilAnswering(30_000, stalePid)) return 'already-running';
      log(`broker process ${stalePid} is hung; killing it`);
      await this.kill(stalePid);
    }
    if (await isPortOpen('127.0.0.1', this.options.port)) {
      throw new PrerequisiteError(
        this.options.sasl
          ? `port ${this.options.port} is taken by something that is not a Kafka broker, or by one this checkout ` +
              `has no credentials for (another checkout's); free it or set KAFKA_PORT`
          : `port ${this.options.port} is taken by something that is not a Kafka broker; free it or set KAFKA_PORT`,
      );
    }
    ensureKafkaJars(log);
    requireJava(17);
    mkdirSync(this.logsDir, { recursive: true });
    this.writeConfig();
    this.formatStorage(log);
    const out = openSync(join(this.logsDir, 'stdout.log'), 'a');
    const child = spawn(
      'java',
      javaServerArgs({
        heapMb: this.options.heapMb ?? 1024,
        log4jConfig: LOG4J_CONFIG,
        logsDir: this.logsDir,
        libsDir: kafkaLibsDir,
        mainClass: 'kafka.Kafka',
        args: [this.configFile],
      }),
      { detached: true, stdio: ['ignore', out, out] },
    );
    child.unref();
    closeSync(out);
    const pid = child.pid;
    if (pid === undefined) throw new Error(`could not start java: ${this.logTail()}`);
    writeFileSync(this.pidFile, String(pid));
    if (!(await this.waitUntilAnswering(90_000, pid))) {
      const tail = this.logTail();
      await this.kill(pid);
      throw new Error(`Kafka did not start on ${this.bootstrap}. Last broker log lines:\n${tail}`);
    }
    return 'started';
  }

  /** Stops the broker this project started (SIGTERM, then SIGKILL after 30 s). */
  async stop(): Promise<'stopped' | 'not-running'> {
    const pid = this.readPid();
    if (!pid || !isProcessAlive(pid)) {
      rmSync(this.pidFile, { force: true });
      return 'not-running';
    }
    await this.kill(pid);
    return 'stopped';
  }

  /** Sends the broker process a signal: a fault test's crash (SIGKILL) or freeze (SIGSTOP, then SIGCONT). */
  async signal(signal: NodeJS.Signals): Promise<void> {
    const pid = this.readPid();
    if (!pid || !isProcessAlive(pid)) throw new Error(`no broker process of ours serves ${this.bootstrap}`);
    process.kill(pid, signal);
    if (signal !== 'SIGKILL') return;
    while (isProcessAlive(pid)) await delay(50);
    rmSync(this.pidFile, { force: true });
  }

  /** Whether the broker answers, and whether it is the one this project started. */
  async status(): Promise<KafkaBrokerStatus> {
    const pid = this.readPid();
    const managed = pid !== undefined && isProcessAlive(pid);
    return { running: await this.answers(), pid: managed ? pid : undefined, managed, bootstrap: this.bootstrap };
  }

  /** Whether a Kafka broker answers a metadata request on the port. */
  async answers(): Promise<boolean> {
    if (!(await isPortOpen('127.0.0.1', this.options.port))) return false;
    return probeKafka([this.bootstrap], undefined, this.adminSecurity);
  }

  /** Deletes the broker's data (the broker must be stopped). */
  wipe(): void {
    rmSync(this.options.homeDir, { recursive: true, force: true });
  }

  /**
   * A broker of ours that still runs without authentication (started before the local broker authenticated) is
   * stopped, so that it restarts with it; one started elsewhere is left alone and refused.
   */
  private async stopIfOpenWhereAuthenticationIsWanted(log: ProgressLog): Promise<void> {
    if (!this.options.sasl || !(await probeKafka([this.bootstrap], 3_000, {}))) return;
    const pid = this.readPid();
    if (!pid || !isProcessAlive(pid)) {
      throw new PrerequisiteError(
        `a Kafka broker without authentication, not started by this checkout, answers on ${this.bootstrap}; ` +
          'stop it or set KAFKA_PORT (or point KAFKA_BROKERS at it)',
      );
    }
    log(`the broker on ${this.bootstrap} runs without authentication; restarting it with SASL/SCRAM and ACLs ...`);
    await this.kill(pid);
  }

  private async waitUntilAnswering(timeoutMs: number, pid: number): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (!isProcessAlive(pid)) return false;
      if (await this.answers()) return true;
      await delay(250);
    }
    return false;
  }

  private async kill(pid: number): Promise<void> {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      return;
    }
    const until = Date.now() + 30_000;
    while (isProcessAlive(pid) && Date.now() < until) await delay(200);
    if (isProcessAlive(pid)) process.kill(pid, 'SIGKILL');
    while (isProcessAlive(pid)) await delay(50);
    rmSync(this.pidFile, { force: true });
  }

  private readPid(): number | undefined {
    if (!existsSync(this.pidFile)) return undefined;
    const pid = Number(readFileSync(this.pidFile, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  }

  private writeConfig(): void {
    const { controllerPort } = this.options;
    const lines = [
      '# Written by infra/src/kafka-broker.ts on every start; edit that file, not this one.',
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
      ...(this.options.sasl ? this.authenticatingListeners(this.options.sasl) : this.openListeners()),
      `log.dirs=${this.dataDir}`,
      // Topics are created explicitly, with the partition counts libs/contracts documents.
      'auto.create.topics.enable=false',
      'num.partitions=1',
      'default.replication.factor=1',
      'min.insync.replicas=1',
      'offsets.topic.replication.factor=1',
      'offsets.topic.num.partitions=10',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'transaction.state.log.num.partitions=4',
      'share.coordinator.state.topic.replication.factor=1',
      'share.coordinator.state.topic.min.isr=1',
      // One node: nobody else will join, so do not wait for them before the first rebalance.
      'group.initial.rebalance.delay.ms=0',
      'num.network.threads=3',
      'num.io.threads=4',
      'log.retention.hours=168',
      'log.segment.bytes=134217728',
      'delete.topic.enable=true',
    ];
    writeFileSync(this.configFile, `${lines.join('\n')}\n`);
  }

  private openListeners(): string[] {
    const { port, controllerPort } = this.options;
    return [
      `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
      `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
      'controller.listener.names=CONTROLLER',
      'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
      'inter.broker.listener.name=PLAINTEXT',
    ];
  }

  /**
   * Clients and the broker itself authenticate with SCRAM-SHA-512 on SASL_PLAINTEXT; the controller listener uses
   * PLAIN with the super user, whose credential lives in this file (SCRAM credentials are metadata, which the
   * controller serves). Every request then goes through the ACLs, `admin` excepted.
   */
  private authenticatingListeners(sasl: KafkaBrokerSasl): string[] {
    const { port, controllerPort } = this.options;
    const admin = `username="${KAFKA_SUPER_USER}" password="${sasl.adminPassword}"`;
    return [
      `listeners=SASL_PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
      `advertised.listeners=SASL_PLAINTEXT://127.0.0.1:${port}`,
      'controller.listener.names=CONTROLLER',
      'listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT',
      'inter.broker.listener.name=SASL_PLAINTEXT',
      'sasl.enabled.mechanisms=SCRAM-SHA-512',
      'sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512',
      'sasl.mechanism.controller.protocol=PLAIN',
      'listener.name.sasl_plaintext.sasl.enabled.mechanisms=SCRAM-SHA-512',
      `listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required ${admin};`,
      'listener.name.controller.sasl.enabled.mechanisms=PLAIN',
      `listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required ${admin} user_${KAFKA_SUPER_USER}="${sasl.adminPassword}";`,
      'authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer',
      'allow.everyone.if.no.acl.found=false',
      `super.users=User:${KAFKA_SUPER_USER}`,
    ];
  }

  /** `--add-scram` arguments of the format command: every SCRAM user, the super user first. */
  private scramUsers(): string[] {
    const sasl = this.options.sasl;
    if (!sasl) return [];
    return [{ name: KAFKA_SUPER_USER, password: sasl.adminPassword }, ...sasl.users].flatMap((user) => [
      '--add-scram',
      `SCRAM-SHA-512=[name=${user.name},password=${user.password}]`,
    ]);
  }

  private formatStorage(log: ProgressLog): void {
    if (existsSync(join(this.dataDir, 'meta.properties'))) {
      if (!this.options.sasl || existsSync(this.credentialsFile)) return;
      // Formatted without SCRAM users (before the broker authenticated): kept aside, not deleted, and formatted anew.
      const aside = join(this.options.homeDir, `data-without-authentication-${Date.now()}`);
      renameSync(this.dataDir, aside);
      log(`the broker's data predates authentication; moved to ${aside}, the topics are created again`);
    }
    mkdirSync(this.dataDir, { recursive: true });
    // Kafka cluster ids are 16 random bytes in URL-safe base64 without padding.
    // One in 64 starts with '-', which the format tool takes for an option; Kafka's own Uuid draws again too.
    let clusterId = randomBytes(16).toString('base64url');
    while (clusterId.startsWith('-')) clusterId = randomBytes(16).toString('base64url');
    const result = run('java', [
      `-Dlog4j2.configurationFile=${LOG4J_CONFIG}`,
      `-Dkafka.logs.dir=${this.logsDir}`,
      '-cp',
      join(kafkaLibsDir, '*'),
      'kafka.tools.StorageTool',
      'format',
      '-t',
      clusterId,
      '-c',
      this.configFile,
      ...this.scramUsers(),
      '--ignore-formatted',
    ]);
    if (!result.ok) throw new Error(`formatting Kafka storage failed:\n${result.output}`);
    // The users exist only in this storage: their passwords are kept beside it, for this checkout only.
    if (this.options.sasl) writeFileSync(this.credentialsFile, JSON.stringify(this.options.sasl), { mode: 0o600 });
  }

  private logTail(): string {
    const lines: string[] = [];
    for (const file of ['stdout.log', 'server.log']) {
      const path = join(this.logsDir, file);
      if (existsSync(path)) lines.push(...readFileSync(path, 'utf8').trim().split('\n').slice(-15));
    }
    return lines.join('\n');
  }
}

/** Whether a Kafka cluster answers on these brokers within a few seconds. */
export async function probeKafka(brokers: string[], timeoutMs = 3_000, security: KafkaSecurity = {}): Promise<boolean> {
  const admin = infraAdmin('partner-portal-infra-probe', brokers, security, {
    connectionTimeout: timeoutMs,
    requestTimeout: timeoutMs,
    retry: { retries: 0 },
  });
  try {
    await admin.connect();
    await admin.describeCluster();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

function brokerCredentialsFile(homeDir: string): string {
  return join(homeDir, 'credentials.json');
}

const localBrokerHome = join(localDir, 'kafka', 'broker');

/**
 * The SCRAM users of the local broker: the super user and one per principal of the platform, with the passwords
 * its storage was formatted with, or new random ones for a storage still to be formatted.
 */
export function localKafkaSasl(homeDir = localBrokerHome): KafkaBrokerSasl {
  const file = brokerCredentialsFile(homeDir);
  const principals = Object.values(KafkaPrincipals);
  if (existsSync(file)) {
    const sasl = JSON.parse(readFileSync(file, 'utf8')) as KafkaBrokerSasl;
    const missing = principals.filter((name) => !sasl.users.some((u) => u.name === name));
    if (missing.length > 0) {
      throw new PrerequisiteError(
        `the local broker's storage has no Kafka user for ${missing.join(', ')} (it predates them): ` +
          `run npm run infra:down, delete ${homeDir}, and start again`,
      );
    }
    return sasl;
  }
  const secret = () => randomBytes(24).toString('base64url');
  return { adminPassword: secret(), users: principals.map((name) => ({ name, password: secret() })) };
}

/**
 * The project's local broker: ports from KAFKA_PORT / KAFKA_CONTROLLER_PORT (9092 / 9093). It authenticates
 * (SASL/SCRAM-SHA-512) with a user per service and one for connectors, whose ACLs `upLocalInfra` creates.
 */
export function localKafkaBroker(): KafkaBroker {
  return new KafkaBroker({
    port: Number(process.env.KAFKA_PORT ?? 9092),
    controllerPort: Number(process.env.KAFKA_CONTROLLER_PORT ?? 9093),
    homeDir: localBrokerHome,
    sasl: localKafkaSasl(),
  });
}

/**
 * How a principal connects to the local broker, for tools run beside `npm start` (the simulator): nothing when
 * that broker has not been formatted yet.
 */
export function localKafkaSecurity(principal: KafkaPrincipal): KafkaSecurity | undefined {
  if (!existsSync(brokerCredentialsFile(localBrokerHome))) return undefined;
  return localKafkaBroker().userSecurity(principal);
}

/** Whether the jars of the pinned version are present. */
export function kafkaJarsPresent(): boolean {
  return mavenJarsPresent(kafkaJars());
}
