import { spawnSync } from 'node:child_process';
import { kafkaSecurityEnv, readKafkaSecurity, type KafkaSecurity } from '@partner-portal/contracts';
import { ensureKafkaJars, PrerequisiteError, silent, upLocalInfra, type ProgressLog } from '@partner-portal/infra';
import { startContainerInfra } from './container-infra';

/** Where the tests' Kafka and PostgreSQL are. */
export interface TestInfra {
  kafkaBrokers: string[];
  /** How the tests connect: the local broker's super user, since every test file has topics of its own. */
  kafkaSecurity: KafkaSecurity;
  /** A server where tests may create and drop databases. */
  postgresAdminUrl: string;
  source: 'environment' | 'local' | 'testcontainers';
  /** Stops what this resolution started only for the test run (containers). */
  release(): Promise<void>;
}

const ENV_BROKERS = 'PP_TEST_KAFKA_BROKERS';
const ENV_POSTGRES = 'PP_TEST_POSTGRES_ADMIN_URL';
const ENV_SOURCE = 'PP_TEST_INFRA_SOURCE';

function dockerAvailable(): boolean {
  const result = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { encoding: 'utf8', timeout: 10_000 });
  return result.status === 0 && result.stdout.trim().length > 0;
}

/**
 * Finds Kafka and PostgreSQL for a test run, in this order: `KAFKA_BROKERS` plus `DATABASE_URL` (an admin
 * connection) from the environment; the project's local infrastructure, started when it is not running; and,
 * when the local prerequisites (Java, Maven, PostgreSQL) are missing but Docker runs, testcontainers.
 */
export async function resolveTestInfra(log: ProgressLog = silent): Promise<TestInfra> {
  const release = async () => undefined;
  if (process.env.KAFKA_BROKERS && process.env.DATABASE_URL) {
    return {
      kafkaBrokers: process.env.KAFKA_BROKERS.split(',').map((b) => b.trim()),
      kafkaSecurity: readKafkaSecurity(),
      postgresAdminUrl: process.env.DATABASE_URL,
      source: 'environment',
      release,
    };
  }
  try {
    const local = await upLocalInfra(log);
    // The tests' own brokers run from this checkout's jars, also when the shared broker came from elsewhere: fetched
    // once here, not by two test workers racing on one folder.
    if (ensureKafkaJars(log)) log('Kafka jars fetched for the tests’ own brokers');
    return {
      kafkaBrokers: local.kafkaBrokers,
      kafkaSecurity: local.kafkaAdminSecurity,
      postgresAdminUrl: local.postgresAdminUrl,
      source: 'local',
      release,
    };
  } catch (error) {
    if (!(error instanceof PrerequisiteError) || !dockerAvailable()) throw error;
    log(`local infrastructure unavailable (${error.message}); using testcontainers`);
    return startContainerInfra();
  }
}

/**
 * Hands the resolved infrastructure to the test workers (jest global setup runs in another process). The Kafka
 * credentials go into the KAFKA_SASL_* variables, which every Kafka client of the platform reads, so the services
 * and clients a test starts connect without being told.
 */
export function publishTestInfra(infra: TestInfra): void {
  Object.assign(process.env, kafkaSecurityEnv(infra.kafkaSecurity));
  process.env[ENV_BROKERS] = infra.kafkaBrokers.join(',');
  process.env[ENV_POSTGRES] = infra.postgresAdminUrl;
  process.env[ENV_SOURCE] = infra.source;
}

/** The infrastructure the global setup resolved, as seen from a test file. */
export function testInfra(): Pick<TestInfra, 'kafkaBrokers' | 'postgresAdminUrl' | 'source'> {
  const brokers = process.env[ENV_BROKERS];
  const postgres = process.env[ENV_POSTGRES];
  if (!brokers || !postgres) {
    throw new Error('integration tests need the jest global setup of tools/testing (run them with npm test or jest)');
  }
  return {
    kafkaBrokers: brokers.split(','),
    postgresAdminUrl: postgres,
    source: (process.env[ENV_SOURCE] as TestInfra['source']) ?? 'local',
  };
}

/** The KAFKA_SASL_* variables of the test run, for a process a test starts with an environment of its own. */
export function testKafkaSecurityEnv(): Record<string, string> {
  return kafkaSecurityEnv(readKafkaSecurity());
}
