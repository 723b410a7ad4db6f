import { localKafkaBroker, kafkaVersion } from './kafka-broker';
import { ensureDatabases, postgresAdminUrl, redact } from './postgres';
import { silent, type ProgressLog } from './process-tools';
import { ensureTopics } from './topics';

/** What `upLocalInfra` found or did. */
export interface LocalInfra {
  kafkaBrokers: string[];
  postgresAdminUrl: string;
  kafkaStartedNow: boolean;
}

/**
 * Brings the local infrastructure up: the Kafka broker (fetched and started when needed), the platform topics and
 * the service databases. With everything running it only checks. KAFKA_BROKERS points at another broker instead.
 */
export async function upLocalInfra(log: ProgressLog = silent): Promise<LocalInfra> {
  const adminUrl = postgresAdminUrl();
  const created = await ensureDatabases(undefined, adminUrl, log);
  log(
    `PostgreSQL ${redact(adminUrl)}: ${created.length ? `created ${created.join(', ')}` : 'service databases present'}`,
  );

  let kafkaStartedNow = false;
  let brokers: string[];
  if (process.env.KAFKA_BROKERS) {
    brokers = process.env.KAFKA_BROKERS.split(',').map((b) => b.trim());
    log(`Kafka: using KAFKA_BROKERS=${brokers.join(',')}`);
  } else {
    const broker = localKafkaBroker();
    const outcome = await broker.start(log);
    kafkaStartedNow = outcome === 'started';
    brokers = [broker.bootstrap];
    log(`Kafka ${kafkaVersion()} on ${broker.bootstrap}: ${kafkaStartedNow ? 'started' : 'already running'}`);
  }
  const topics = await ensureTopics(brokers);
  log(`topics: ${topics.created.length} created, ${topics.existing.length} present`);
  return { kafkaBrokers: brokers, postgresAdminUrl: adminUrl, kafkaStartedNow };
}
