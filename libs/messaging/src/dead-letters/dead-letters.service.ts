import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createKafka } from '../kafka/kafka-connection';
import { DEAD_LETTERS, forgetAtScrape, observeAtScrape } from '../metrics/messaging-metrics';
import { jsonLogger } from '../logger';
import { backoffDelay, sleep } from '../retry';
import { InboxTransport } from '../nest/inbox.transport';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../nest/messaging.options';
import { DeadLetterIndex } from './dead-letter-index';
import { DeadLetterOffice } from './dead-letter-office';

/**
 * The service's dead letters in Nest: `office` lists and replays them; the index of its consumer group's dead-letter
 * topics runs from bootstrap to shutdown. It starts in the background once the inbox runs (it needs the inbox's
 * topics) and keeps retrying while Kafka is away, so it never holds up or fails the service's start.
 */
@Injectable()
export class DeadLettersService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly office: DeadLetterOffice;
  private index?: DeadLetterIndex;
  private readonly stopping = new AbortController();
  private running?: Promise<void>;
  private readonly logger;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly dataSource: DataSource,
    private readonly transport: InboxTransport,
  ) {
    this.logger = jsonLogger(`${options.serviceName}.dead-letters`);
    this.office = new DeadLetterOffice(
      dataSource,
      options.inbox?.groupId ?? options.serviceName,
      () => transport.inbox,
      this.logger,
    );
  }

  onApplicationBootstrap(): void {
    const group = this.options.inbox?.groupId;
    if (!group) return;
    observeAtScrape(DEAD_LETTERS, this.options.serviceName, async () => {
      const rows: Array<{ topic: string; dead: number; replayed: number }> = await this.dataSource.query(
        `SELECT original_topic AS topic, count(*) FILTER (WHERE replayed_at IS NULL)::int AS dead,
                count(*) FILTER (WHERE replayed_at IS NOT NULL)::int AS replayed
           FROM dead_letter WHERE consumer_group = $1 GROUP BY original_topic`,
        [group],
      );
      return rows.flatMap(({ topic, dead, replayed }) => [
        { labels: { group, topic, status: 'dead' }, value: dead },
        { labels: { group, topic, status: 'replayed' }, value: replayed },
      ]);
    });
    this.running = this.keepIndexing();
  }

  async beforeApplicationShutdown(): Promise<void> {
    forgetAtScrape(DEAD_LETTERS, this.options.serviceName);
    this.stopping.abort();
    // An attempt in hand cannot be cancelled (kafkajs retries inside it for ~20 s): it stops its index when it ends.
    if (this.running) await Promise.race([this.running, sleep(1_000)]);
    await this.index?.stop();
  }

  private async keepIndexing(): Promise<void> {
    const signal = this.stopping.signal;
    const consumerGroup = this.options.inbox?.groupId;
    if (!consumerGroup) return;
    for (let attempt = 1; !signal.aborted;) {
      const inbox = this.transport.inbox;
      if (!inbox) {
        await sleep(500, signal);
        continue;
      }
      if (inbox.subscribedTopics.length === 0) return;
      const index = new DeadLetterIndex(
        createKafka({ ...this.options.kafka, clientId: `${this.options.serviceName}-dead-letters` }),
        this.dataSource,
        this.logger,
        {
          consumerGroup,
          topics: inbox.subscribedTopics,
          topicPrefix: this.options.kafka.topicPrefix,
        },
      );
      try {
        await index.start();
        if (signal.aborted) await index.stop();
        else this.index = index;
        return;
      } catch (error) {
        await index.stop().catch(() => undefined);
        const retryInMs = backoffDelay(attempt, { initialDelayMs: 500, maxDelayMs: 30_000 });
        this.logger.warn('dead-letter index could not start; retrying', { error: `${error}`, retryInMs });
        attempt += 1;
        await sleep(retryInMs, signal);
      }
    }
  }
}
