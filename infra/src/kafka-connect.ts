import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KafkaSecurity } from '@partner-portal/contracts';
import { ensureMavenJars, javaServerArgs, pomProperty, writeJavaProperties, type MavenJars } from './jvm';
import { kafkaVersion } from './kafka-broker';
import { infraDir, localDir } from './paths';
import { delay, freePort, requireJava, silent, type ProgressLog } from './process-tools';

const POM = join(infraDir, 'kafka-connect', 'pom.xml');
// Connect logs like the broker: server.log under the worker's own logs folder.
const LOG4J_CONFIG = join(infraDir, 'kafka', 'log4j2.properties');

/** Where the Kafka Connect runtime and Debezium's JDBC sink live: one folder, one classpath. */
export const kafkaConnectLibsDir = join(localDir, 'kafka-connect', 'libs');

/** The Debezium version of the JDBC sink, as chosen in infra/kafka-connect/pom.xml. */
export function debeziumVersion(): string {
  return pomProperty(POM, 'debezium.version');
}

// Connect runs at the broker's version, which infra/kafka/pom.xml alone chooses.
const kafkaConnectJars = (): MavenJars => ({
  label: `Kafka Connect ${kafkaVersion()} with Debezium's JDBC sink ${debeziumVersion()}`,
  pom: POM,
  libsDir: kafkaConnectLibsDir,
  markers: [`connect-runtime-${kafkaVersion()}.jar`, `debezium-connector-jdbc-${debeziumVersion()}.jar`],
  properties: { 'kafka.version': kafkaVersion() },
});

/**
 * Copies `org.apache.kafka:connect-runtime` and `io.debezium:debezium-connector-jdbc` with their runtime
 * dependencies from Maven Central into `.local/kafka-connect/libs`, once per pair of versions. Returns whether
 * anything was fetched.
 */
export function ensureKafkaConnectJars(log: ProgressLog = silent): boolean {
  return ensureMavenJars(kafkaConnectJars(), log);
}

const JAAS_MODULES = {
  'scram-sha-512': ['SCRAM-SHA-512', 'org.apache.kafka.common.security.scram.ScramLoginModule'],
  'scram-sha-256': ['SCRAM-SHA-256', 'org.apache.kafka.common.security.scram.ScramLoginModule'],
  plain: ['PLAIN', 'org.apache.kafka.common.security.plain.PlainLoginModule'],
} as const;

/**
 * The Java client settings that authenticate and encrypt as the platform's kafkajs clients do with the same
 * settings (`readKafkaSecurity()`); nothing for a broker without either.
 */
export function javaClientSecurity(security: KafkaSecurity): Record<string, string> {
  const { sasl, ssl } = security;
  const properties: Record<string, string> = {};
  if (sasl || ssl) properties['security.protocol'] = `${sasl ? 'SASL_' : ''}${ssl ? 'SSL' : 'PLAINTEXT'}`;
  if (sasl) {
    const [mechanism, loginModule] = JAAS_MODULES[sasl.mechanism];
    const quoted = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
    properties['sasl.mechanism'] = mechanism;
    properties['sasl.jaas.config'] =
      `${loginModule} required username=${quoted(sasl.username)} password=${quoted(sasl.password)};`;
  }
  if (typeof ssl === 'object') {
    properties['ssl.truststore.type'] = 'PEM';
    properties['ssl.truststore.certificates'] = ssl.ca.join('\n');
  }
  return properties;
}

/** A Connect worker in standalone mode and the connectors it runs. */
export interface ConnectStandaloneOptions {
  /** Folder of its configuration, offsets file and logs. */
  homeDir: string;
  brokers: string[];
  /** How the worker and its connectors' consumers connect (the same for both). */
  security: KafkaSecurity;
  /** Further worker settings, e.g. `consumer.max.poll.records`. */
  worker?: Record<string, string>;
  /** Each connector's settings, `name` and `connector.class` included. */
  connectors: Array<Record<string, string> & { name: string }>;
  /** Maximum heap. Default 1024 MB. */
  heapMb?: number;
}

/** A running worker. */
export interface ConnectStandalone {
  /** Its REST API, on a free port of 127.0.0.1. */
  restUrl: string;
  pid: number;
  /** The stack trace of the connector or of a task of it that failed; undefined while they run. */
  failure(connector: string): Promise<string | undefined>;
  /** SIGTERM (Connect stops its tasks and commits their offsets), then SIGKILL after 30 s. */
  stop(): Promise<void>;
  logTail(): string;
}

interface ConnectorStatus {
  connector: { state: string; trace?: string };
  tasks: Array<{ id: number; state: string; trace?: string }>;
}

/**
 * Starts `org.apache.kafka.connect.cli.ConnectStandalone` with `java` from the jars in `.local/kafka-connect/libs`
 * (fetched when missing) and waits until every connector and every one of its tasks runs. A connector or task that
 * fails to start throws with its stack trace.
 */
export async function startConnectStandalone(
  options: ConnectStandaloneOptions,
  log: ProgressLog = silent,
): Promise<ConnectStandalone> {
  ensureKafkaConnectJars(log);
  requireJava(17);
  const logsDir = join(options.homeDir, 'logs');
  mkdirSync(logsDir, { recursive: true });
  const restUrl = `http://127.0.0.1:${await freePort()}`;
  const clientSecurity = javaClientSecurity(options.security);
  const workerFile = join(options.homeDir, 'worker.properties');
  writeJavaProperties(workerFile, 'Written by infra/src/kafka-connect.ts on every start.', {
    'bootstrap.servers': options.brokers.join(','),
    ...clientSecurity,
    // A sink's consumers take their settings from the worker's `consumer.` ones, not from the worker's own.
    ...prefixed('consumer.', clientSecurity),
    ...prefixed('admin.', clientSecurity),
    // A worker must name converters; connectors name the ones their topics need.
    'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
    'value.converter': 'org.apache.kafka.connect.storage.StringConverter',
    // Every plugin on the classpath declares itself in a ServiceLoader manifest: no scan of the jars (seconds).
    'plugin.discovery': 'service_load',
    listeners: restUrl,
    'offset.storage.file.filename': join(options.homeDir, 'offsets'),
    ...options.worker,
  });
  const connectorFiles = options.connectors.map((connector) => {
    const file = join(options.homeDir, `${connector.name}.properties`);
    writeJavaProperties(file, 'Written by infra/src/kafka-connect.ts on every start.', connector);
    return file;
  });
  const out = openSync(join(logsDir, 'stdout.log'), 'a');
  const child = spawn(
    'java',
    javaServerArgs({
      heapMb: options.heapMb ?? 1024,
      log4jConfig: LOG4J_CONFIG,
      logsDir,
      libsDir: kafkaConnectLibsDir,
      mainClass: 'org.apache.kafka.connect.cli.ConnectStandalone',
      args: [workerFile, ...connectorFiles],
    }),
    { stdio: ['ignore', out, out] },
  );
  closeSync(out);
  const pid = child.pid;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;
  const logTail = () =>
    ['stdout.log', 'server.log']
      .map((file) => join(logsDir, file))
      .filter((path) => existsSync(path))
      .flatMap((path) => readFileSync(path, 'utf8').trim().split('\n').slice(-20))
      .join('\n');
  if (pid === undefined) throw new Error(`could not start java: ${logTail()}`);
  const stop = async () => {
    if (!running()) return;
    child.kill('SIGTERM');
    const killed = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(killed);
  };
  const failureIn = (name: string, status: ConnectorStatus | undefined) => {
    if (!running()) return `Kafka Connect exited. Last log lines:\n${logTail()}`;
    const failed = status && [status.connector, ...status.tasks].find((s) => s.state === 'FAILED');
    return failed ? `connector ${name} failed:\n${failed.trace ?? logTail()}` : undefined;
  };
  const failure = async (name: string) => failureIn(name, await connectorStatus(restUrl, name));
  try {
    const until = Date.now() + 180_000;
    for (const { name } of options.connectors) {
      for (;;) {
        const status = await connectorStatus(restUrl, name);
        const failed = failureIn(name, status);
        if (failed) throw new Error(failed);
        const tasks = status?.tasks ?? [];
        if (status?.connector.state === 'RUNNING' && tasks.length > 0 && tasks.every((t) => t.state === 'RUNNING')) {
          break;
        }
        if (Date.now() > until) throw new Error(`connector ${name} did not start. Last log lines:\n${logTail()}`);
        await delay(250);
      }
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { restUrl, pid, failure, stop, logTail };
}

function prefixed(prefix: string, properties: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(properties).map(([name, value]) => [`${prefix}${name}`, value]));
}

/** A connector's state from the worker's REST API; undefined while the worker or the connector is not up yet. */
async function connectorStatus(restUrl: string, name: string): Promise<ConnectorStatus | undefined> {
  try {
    const response = await fetch(`${restUrl}/connectors/${encodeURIComponent(name)}/status`);
    return response.ok ? ((await response.json()) as ConnectorStatus) : undefined;
  } catch {
    return undefined;
  }
}
