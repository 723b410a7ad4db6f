import { Inject, Injectable, Optional, type OnApplicationShutdown } from '@nestjs/common';
import type { Admin } from 'kafkajs';
import { createKafka } from '../kafka/kafka-connection';
import { InboxTransport } from './inbox.transport';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options';
import { OutboxRelayService } from './outbox-relay.service';

/** How long a successful answer of the broker counts, so that frequent probes do not load it. */
const FRESH_FOR_MS = 2_000;

/** A dependency that is there but cannot take work yet; readiness shows its message as is. */
export class KafkaNotReadyError extends Error {
  override readonly name = 'NotReadyError';
}

/**
 * Readiness check of the service's Kafka (structurally a `ReadinessCheck` of the internal API): the broker answers,
 * the inbox consumer (where the service has one) has joined its group, and the outbox producer has connected. Until
 * then it fails naming each reason, e.g. `broker not answering (...); consumer group licensing not joined yet`.
 */
@Injectable()
export class KafkaReadiness implements OnApplicationShutdown {
  readonly name = 'kafka';
  private admin?: Admin;
  private okUntil = 0;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    // Absent where a service only probes the broker (the gateway).
    @Optional() private readonly inbox?: InboxTransport,
    @Optional() private readonly relay?: OutboxRelayService,
  ) {}

  async check(): Promise<void> {
    const reasons: string[] = [];
    const broker = await this.probeBroker();
    if (broker) reasons.push(`broker not answering (${broker})`);
    for (const reason of [this.inbox?.inbox?.notReadyReason, this.relay?.notReadyReason]) {
      if (reason) reasons.push(reason);
    }
    if (reasons.length > 0) throw new KafkaNotReadyError(reasons.join('; '));
  }

  /** Undefined when the broker answers, else why not. */
  private async probeBroker(): Promise<string | undefined> {
    if (Date.now() < this.okUntil) return undefined;
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
      return undefined;
    } catch (error) {
      await this.admin.disconnect().catch(() => undefined);
      this.admin = undefined;
      return (error as Error).message;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.admin?.disconnect();
  }
}
