import { ensureTopics, freePort, kafkaVersion } from '@partner-portal/infra';
import type { TestInfra } from './test-infra';

/**
 * The Docker path: the official apache/kafka image in KRaft mode (same version as the local broker) and
 * PostgreSQL, both removed when the run ends. Kafka's advertised listener must be the port the host sees, so
 * the host port is chosen first and mapped to the same number.
 */
export async function startContainerInfra(): Promise<TestInfra> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const port = await freePort();
  const kafka = await new GenericContainer(`apache/kafka:${kafkaVersion()}`)
    .withExposedPorts({ container: port, host: port })
    .withEnvironment({
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_LISTENERS: `PLAINTEXT://0.0.0.0:${port},CONTROLLER://0.0.0.0:9093`,
      KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://127.0.0.1:${port}`,
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
    })
    .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
    .start();
  const postgres = await new PostgreSqlContainer('postgres:16-alpine').withUsername('postgres').start();
  const brokers = [`127.0.0.1:${port}`];
  await ensureTopics(brokers, { security: {} });
  return {
    kafkaBrokers: brokers,
    // The container's broker is the test run's alone and open.
    kafkaSecurity: {},
    postgresAdminUrl: postgres.getConnectionUri().replace(/\/[^/]*$/, '/postgres'),
    source: 'testcontainers',
    async release() {
      await Promise.allSettled([kafka.stop(), postgres.stop()]);
    },
  };
}
