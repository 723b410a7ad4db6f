import {
  platformKafkaAcls,
  readKafkaSecurity,
  type KafkaPrincipal,
  type KafkaSecurity,
} from '@partner-portal/contracts';
import { createKafkaAcls } from './kafka-acls';
import { localKafkaBroker, kafkaVersion, type KafkaBroker } from './kafka-broker';
import { ensureDatabases, postgresAdminUrl, redact } from './postgres';
import { silent, type ProgressLog } from './process-tools';
import { ensureTopics } from './topics';

/** What `upLocalInfra` found or did. */
export interface LocalInfra {
  kafkaBrokers: string[];
  postgresAdminUrl: string;
  kafkaStartedNow: boolean;
  /** How the super user connects: topics, ACLs, and the tests, whose topics carry a prefix of their own. */
  kafkaAdminSecurity: KafkaSecurity;
  /** How a service (or the connectors) connects, as the user its ACLs name. */
  kafkaSecurityOf(principal: KafkaPrincipal): KafkaSecurity;
}

/**
 * Brings the local infrastructure up: the Kafka broker (fetched and started when needed, authenticating with a user
 * per service), the platform topics, each user's ACLs and the service databases. With everything running it only
 * checks. KAFKA_BROKERS points at another broker instead, reached with the KAFKA_SASL_* / KAFKA_SSL* settings.
 */
export async function upLocalInfra(
  log: ProgressLog = silent,
  options: { broker?: KafkaBroker } = {},
): Promise<LocalInfra> {
  const adminUrl = postgresAdminUrl();
  const created = await ensureDatabases(undefined, adminUrl, log);
  log(
    `PostgreSQL ${redact(adminUrl)}: ${created.length ? `created ${created.join(', ')}` : 'service databases present'}`,
  );

  if (process.env.KAFKA_BROKERS && !options.broker) {
    const brokers = process.env.KAFKA_BROKERS.split(',').map((b) => b.trim());
    log(`Kafka: using KAFKA_BROKERS=${brokers.join(',')}`);
    const security = readKafkaSecurity();
    const topics = await ensureTopics(brokers, { security });
    log(`topics: ${topics.created.length} created, ${topics.existing.length} present`);
    return {
      kafkaBrokers: brokers,
      postgresAdminUrl: adminUrl,
      kafkaStartedNow: false,
      kafkaAdminSecurity: security,
      kafkaSecurityOf: () => security,
    };
  }
  const broker = options.broker ?? localKafkaBroker();
  const outcome = await broker.start(log);
  const kafkaStartedNow = outcome === 'started';
  const brokers = [broker.bootstrap];
  log(`Kafka ${kafkaVersion()} on ${broker.bootstrap}: ${kafkaStartedNow ? 'started' : 'already running'}`);
  const security = broker.adminSecurity;
  const topics = await ensureTopics(brokers, { security });
  log(`topics: ${topics.created.length} created, ${topics.existing.length} present`);
  if (security.sasl) {
    await createKafkaAcls(brokers, security, platformKafkaAcls());
    log('Kafka users: one per service and one for connectors, each with its ACLs (SASL/SCRAM-SHA-512)');
  }
  return {
    kafkaBrokers: brokers,
    postgresAdminUrl: adminUrl,
    kafkaStartedNow,
    kafkaAdminSecurity: security,
    kafkaSecurityOf: (principal) => (security.sasl ? broker.userSecurity(principal) : {}),
  };
}
