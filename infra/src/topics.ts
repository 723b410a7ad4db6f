import type { Admin } from 'kafkajs';
import { platformTopicSpecs, readKafkaSecurity, type KafkaSecurity, type TopicSpec } from '@partner-portal/contracts';
import { infraAdmin } from './kafka-admin';

/** Dead-letter topics keep their messages for 30 days, long enough to notice and replay them. */
export const DLQ_RETENTION_MS = String(30 * 24 * 3_600_000);

/**
 * Creates the platform topics (and their `.dlq` twins) that do not exist yet, under an optional name prefix,
 * and adds partitions where an existing topic has fewer than documented. Idempotent.
 */
export async function ensureTopics(
  brokers: string[],
  options: { prefix?: string; specs?: TopicSpec[]; security?: KafkaSecurity } = {},
): Promise<{ created: string[]; existing: string[] }> {
  const prefix = options.prefix ?? '';
  const specs = (options.specs ?? platformTopicSpecs()).map((s) => ({ ...s, name: `${prefix}${s.name}` }));
  // A broker that just started, or is busy deleting other topics, may take seconds to report new partitions.
  const admin = infraAdmin('partner-portal-topics', brokers, options.security ?? readKafkaSecurity(), {
    retry: { retries: 20, initialRetryTime: 100, maxRetryTime: 2_000 },
  });
  await admin.connect();
  try {
    const present = new Set(await admin.listTopics());
    const missing = specs.filter((s) => !present.has(s.name));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: false,
        topics: missing.map((s) => ({
          topic: s.name,
          numPartitions: s.partitions,
          replicationFactor: 1,
          configEntries: s.name.endsWith('.dlq') ? [{ name: 'retention.ms', value: DLQ_RETENTION_MS }] : [],
        })),
      });
    }
    await waitForLeaders(
      admin,
      missing.map((s) => s.name),
    );
    const existing = specs.filter((s) => present.has(s.name));
    if (existing.length > 0) {
      const metadata = await admin.fetchTopicMetadata({ topics: existing.map((s) => s.name) });
      const grow = existing.filter(
        (s) => (metadata.topics.find((t) => t.name === s.name)?.partitions.length ?? 0) < s.partitions,
      );
      if (grow.length > 0) {
        await admin.createPartitions({ topicPartitions: grow.map((s) => ({ topic: s.name, count: s.partitions })) });
      }
    }
    return { created: missing.map((s) => s.name), existing: existing.map((s) => s.name) };
  } finally {
    await admin.disconnect();
  }
}

/**
 * Waits until every partition of the topics has a leader. kafkajs's own `waitForLeaders` gives up when a KRaft
 * broker has not yet put a just-created topic into its metadata cache (UNKNOWN_TOPIC_OR_PARTITION), so poll here.
 */
async function waitForLeaders(admin: Admin, topics: string[], timeoutMs = 30_000): Promise<void> {
  if (topics.length === 0) return;
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
      if (metadata.length === topics.length && metadata.every((t) => t.partitions.every((p) => p.leader >= 0))) return;
    } catch (error) {
      if (Date.now() > until) throw error;
    }
    if (Date.now() > until) throw new Error(`topics have no leaders after ${timeoutMs} ms: ${topics.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Deletes every topic whose name starts with `prefix` (test clean-up). */
export async function deleteTopicsWithPrefix(
  brokers: string[],
  prefix: string,
  security: KafkaSecurity = readKafkaSecurity(),
): Promise<void> {
  if (!prefix) throw new Error('refusing to delete topics without a prefix');
  const admin = infraAdmin('partner-portal-topics', brokers, security);
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 30_000 });
  } finally {
    await admin.disconnect();
  }
}
