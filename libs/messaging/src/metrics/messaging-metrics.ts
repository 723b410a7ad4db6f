import { Counter, Gauge, register } from 'prom-client';

/** A metric of the process-wide registry, created once even when several services share a process (tests). */
function single<T>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

/** Messages of a partition not yet consumed, as of the consumer's last fetch. */
export const consumerLag = () =>
  single(
    'kafka_consumer_lag',
    () =>
      new Gauge({
        name: 'kafka_consumer_lag',
        help: 'Messages behind the end of the partition at the last fetched batch',
        labelNames: ['group', 'topic', 'partition'],
      }),
  );

/** Events handled by an inbox, by outcome. */
export const inboxEvents = () =>
  single(
    'inbox_events_total',
    () =>
      new Counter({
        name: 'inbox_events_total',
        help: 'Events taken by the inbox consumer: processed, duplicate, skipped (unknown type) or dead_lettered',
        labelNames: ['group', 'outcome'],
      }),
  );

/** Messages sent to a dead-letter topic. */
export const deadLetters = () =>
  single(
    'dlq_messages_total',
    () =>
      new Counter({
        name: 'dlq_messages_total',
        help: 'Messages sent to a <topic>.dlq topic by this process',
        labelNames: ['group', 'topic'],
      }),
  );

const backlogSources = new Map<string, () => Promise<{ pending: number; dead: number }>>();

/**
 * Registers how a service counts its outbox rows; the gauges ask at scrape time, so they are never stale and cost
 * nothing between scrapes.
 */
export function observeOutboxBacklog(service: string, count: () => Promise<{ pending: number; dead: number }>): void {
  backlogSources.set(service, count);
  single(
    'outbox_backlog',
    () =>
      new Gauge({
        name: 'outbox_backlog',
        help: 'Outbox rows waiting to be published (state=pending) or parked after repeated refusals (state=dead)',
        labelNames: ['service', 'state'],
        async collect() {
          this.reset();
          for (const [name, source] of backlogSources) {
            try {
              const { pending, dead } = await source();
              this.set({ service: name, state: 'pending' }, pending);
              this.set({ service: name, state: 'dead' }, dead);
            } catch {
              // A database outage shows on /health/ready; the scrape still answers.
            }
          }
        },
      }),
  );
}

/** Stops counting a service's outbox (on shutdown). */
export function forgetOutboxBacklog(service: string): void {
  backlogSources.delete(service);
}
