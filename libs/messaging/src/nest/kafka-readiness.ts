import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Admin } from 'kafkajs';
import { createKafka } from '../kafka/kafka-connection';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options';

/** How long a successful answer of the broker counts, so that frequent probes do not load it. */
const FRESH_FOR_MS = 2_000;

/** Readiness check of the service's Kafka cluster (structurally a `ReadinessCheck` of the internal API). */
@Injectable()
export class KafkaReadiness implements OnApplicationShutdown {
  readonly name = 'kafka';
  private admin?: Admin;
  private okUntil = 0;

  constructor(@Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions) {}

  async check(): Promise<void> {
    if (Date.now() < this.okUntil) return;
    if (!this.admin) {
      this.admin = createKafka(
        { ...this.options.kafka, clientId: `${this.options.serviceName}-health` },
        { retry: { retries: 0 }, connectionTimeout: 1_000, requestTimeout: 2_000 },
      ).admin();
    }
    try {
      await this.admin.connect();
      await this.admin.describeCluster();
      this.okUntil = Date.now() + FRESH_FOR_MS;
    } catch (error) {
      await this.admin.disconnect().catch(() => undefined);
      this.admin = undefined;
      throw error;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.admin?.disconnect();
  }
}
