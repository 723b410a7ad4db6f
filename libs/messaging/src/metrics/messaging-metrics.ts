import { Counter, Gauge, Histogram, register } from 'prom-client';

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

/** One sample of a gauge read at scrape time. */
export interface ScrapedSample {
  labels: Record<string, string>;
  value: number;
}

/** A gauge whose value is read from a source (a database) at each scrape. */
export interface ScrapedGauge {
  name: string;
  help: string;
  labelNames: readonly string[];
}

const scrapeSources = new Map<string, Map<string, () => Promise<ScrapedSample[]>>>();

/**
 * Registers one source of a gauge read at scrape time (a service's count of its own rows), so that the gauge is
 * never stale and costs nothing between scrapes. Several sources (services sharing a process in tests) add up
 * their samples; `source` names one, to forget it on shutdown.
 */
export function observeAtScrape(gauge: ScrapedGauge, source: string, read: () => Promise<ScrapedSample[]>): void {
  let sources = scrapeSources.get(gauge.name);
  if (!sources) {
    sources = new Map();
    scrapeSources.set(gauge.name, sources);
  }
  sources.set(source, read);
  const reads = sources;
  single(
    gauge.name,
    () =>
      new Gauge({
        name: gauge.name,
        help: gauge.help,
        labelNames: [...gauge.labelNames],
        async collect() {
          this.reset();
          for (const next of reads.values()) {
            try {
              for (const sample of await next()) this.set(sample.labels, sample.value);
            } catch {
              // A database outage shows on /health/ready; the scrape still answers.
            }
          }
        },
      }),
  );
}

/** Stops reading a source of a scraped gauge (on shutdown). */
export function forgetAtScrape(gauge: ScrapedGauge, source: string): void {
  scrapeSources.get(gauge.name)?.delete(source);
}

/** Outbox rows waiting to be published, and parked ones, by service. */
export const OUTBOX_BACKLOG: ScrapedGauge = {
  name: 'outbox_backlog',
  help: 'Outbox rows waiting to be published (state=pending) or parked after repeated refusals (state=dead)',
  labelNames: ['service', 'state'],
};

/** The dead letters a service's consumer group set aside, by the topic they came from, not yet replayed or replayed. */
export const DEAD_LETTERS: ScrapedGauge = {
  name: 'dead_letters',
  help: 'Dead letters of the consumer group by original topic: status=dead (not replayed yet) or status=replayed',
  labelNames: ['group', 'topic', 'status'],
};

/**
 * How long after Kafka took an event the inbox applied it (the message's broker timestamp to the commit of its
 * handler): for document-projection, how stale a partner's documents are.
 */
export const inboxLag = () =>
  single(
    'inbox_event_lag_seconds',
    () =>
      new Histogram({
        name: 'inbox_event_lag_seconds',
        help: 'Seconds from the message being appended to its topic to the inbox applying it, by consumer group',
        labelNames: ['group', 'topic'],
        buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900],
      }),
  );
