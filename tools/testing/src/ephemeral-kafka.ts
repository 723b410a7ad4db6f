import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import {
  createKafkaAcls,
  ensureTopics,
  freePort,
  KAFKA_SUPER_USER,
  KafkaBroker,
  localDir,
  type KafkaBrokerSasl,
} from '@partner-portal/infra';
import { readKafkaSecurity, type KafkaAcl, type KafkaSecurity, type TopicSpec } from '@partner-portal/contracts';

/** A broker of a test's own, which the test may stop and restart (the shared broker must stay up). */
export interface EphemeralKafka {
  brokers: string[];
  /** How the super user connects (topics, ACLs); nothing on a broker without authentication. */
  adminSecurity: KafkaSecurity;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** `kill -9`: the broker dies at once, as in a power cut; `start` brings it back on its data. */
  crash(): Promise<void>;
  /** `SIGSTOP`: the process freezes with its connections open; `thaw` (`SIGCONT`) resumes it. */
  freeze(): Promise<void>;
  thaw(): Promise<void>;
  /** Stops the broker and deletes its data. */
  destroy(): Promise<void>;
}

/** An ephemeral broker that authenticates: its SCRAM users and what they may do. */
export interface EphemeralKafkaSecurity {
  sasl: KafkaBrokerSasl;
  acls: KafkaAcl[];
}

/**
 * Starts a second single-node Kafka from the same jars on free ports, with its own data folder under
 * `.local/test-brokers`, and creates the given topics. Needs Java, like the local infrastructure. With `security`,
 * the broker authenticates (SCRAM-SHA-512) and enforces the ACLs, which are created after the topics. Without, it
 * is like the shared broker: its super user is the one the test run connects as (none, where that one is open), so
 * the clients and services a test starts reach either broker alike.
 */
export async function startEphemeralKafka(
  topics: TopicSpec[] = [],
  security?: EphemeralKafkaSecurity,
): Promise<EphemeralKafka> {
  const broker = new KafkaBroker({
    port: await freePort(),
    controllerPort: await freePort(),
    homeDir: join(localDir, 'test-brokers', randomBytes(4).toString('hex')),
    heapMb: 512,
    sasl: security?.sasl ?? testRunSasl(),
  });
  await broker.start();
  const brokers = [broker.bootstrap];
  const adminSecurity = broker.adminSecurity;
  try {
    if (topics.length) await ensureTopics(brokers, { specs: topics, security: adminSecurity });
    if (security) await createKafkaAcls(brokers, adminSecurity, security.acls);
  } catch (error) {
    // The test gets no handle to stop it with: do not leave the broker running.
    await broker.stop();
    broker.wipe();
    throw error;
  }
  return {
    brokers,
    adminSecurity,
    stop: async () => void (await broker.stop()),
    start: async () => void (await broker.start()),
    crash: () => broker.signal('SIGKILL'),
    freeze: () => broker.signal('SIGSTOP'),
    thaw: () => broker.signal('SIGCONT'),
    destroy: async () => {
      await broker.stop();
      broker.wipe();
    },
  };
}

/** The shared broker's super user, as the test run connects (KAFKA_SASL_*), for a broker of the test's own. */
function testRunSasl(): KafkaBrokerSasl | undefined {
  const { sasl } = readKafkaSecurity();
  return sasl?.username === KAFKA_SUPER_USER ? { adminPassword: sasl.password, users: [] } : undefined;
}
