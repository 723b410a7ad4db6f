import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { databaseUrl, deleteTopicsWithPrefix, dropDatabase, ensureTopics } from '@partner-portal/infra';
import type { TopicSpec } from '@partner-portal/contracts';
import { testInfra } from './test-infra';

/** A database and a set of topics that belong to one test file, so that files can run in any order. */
export interface IsolatedEnvironment {
  kafkaBrokers: string[];
  /** Connection URL of the file's own database. */
  databaseUrl: string;
  databaseName: string;
  /** Prefix of the file's own topics, e.g. `t-relay-3f9a1c.`; pass it as the services' topic prefix. */
  topicPrefix: string;
  /** Drops the database and deletes the topics. */
  dispose(): Promise<void>;
}

function slug(label: string): string {
  return label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 30);
}

/** A fresh, empty database on the test server. */
export async function createTestDatabase(label: string): Promise<{ name: string; url: string }> {
  const { postgresAdminUrl } = testInfra();
  const name = `t_${slug(label)}_${randomBytes(4).toString('hex')}`;
  const client = new Client({ connectionString: postgresAdminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  return { name, url: databaseUrl(postgresAdminUrl, name) };
}

/**
 * Creates a database and the platform topics (with their `.dlq` twins) under a random prefix for one test file.
 * Call `dispose` in `afterAll`.
 */
export async function isolatedEnvironment(
  label: string,
  topics?: TopicSpec[],
  /** Another broker than the shared one: a test's own, which it may kill or freeze. */
  brokers?: string[],
): Promise<IsolatedEnvironment> {
  const { postgresAdminUrl } = testInfra();
  const kafkaBrokers = brokers ?? testInfra().kafkaBrokers;
  const topicPrefix = `t-${slug(label).replace(/_/g, '-')}-${randomBytes(3).toString('hex')}.`;
  const [database] = await Promise.all([
    createTestDatabase(label),
    ensureTopics(kafkaBrokers, { prefix: topicPrefix, specs: topics }),
  ]);
  return {
    kafkaBrokers,
    databaseUrl: database.url,
    databaseName: database.name,
    topicPrefix,
    async dispose() {
      await Promise.allSettled([
        dropDatabase(database.name, postgresAdminUrl),
        deleteTopicsWithPrefix(kafkaBrokers, topicPrefix),
      ]);
    },
  };
}

/** Drops a database made by `createTestDatabase`. */
export async function dropTestDatabase(name: string): Promise<void> {
  await dropDatabase(name, testInfra().postgresAdminUrl);
}
