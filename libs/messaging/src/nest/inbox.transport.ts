import { Inject, Injectable } from '@nestjs/common';
import { Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { DataSource } from 'typeorm';
import type { EventEnvelope } from '@partner-portal/contracts';
import { InboxConsumer, type HandlerBinding, type InboxContext } from '../inbox/inbox-consumer';
import { createKafka } from '../kafka/kafka-connection';
import { jsonLogger } from '../logger';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options';
import { definitionOfPattern, INBOX_EXTRAS } from './on-event.decorator';

/**
 * A Nest microservice transport that feeds `@OnEvent` handlers from Kafka through the inbox.
 * Connect it with `app.connectMicroservice({ strategy: app.get(InboxTransport) })`.
 */
@Injectable()
export class InboxTransport extends Server implements CustomTransportStrategy {
  private consumer?: InboxConsumer;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly dataSource: DataSource,
  ) {
    super();
  }

  /** The running consumer, once `listen` has started it. */
  get inbox(): InboxConsumer | undefined {
    return this.consumer;
  }

  async listen(callback: (...optionalParams: unknown[]) => unknown): Promise<void> {
    if (!this.options.inbox) throw new Error(`${this.options.serviceName}: messaging options have no inbox section`);
    const bindings = [...this.messageHandlers.entries()].map(([pattern, handler]) => this.bind(pattern, handler));
    const kafka = createKafka({ ...this.options.kafka, clientId: this.options.serviceName });
    this.consumer = new InboxConsumer(
      kafka,
      this.dataSource,
      bindings,
      jsonLogger(`${this.options.serviceName}.inbox`),
      {
        ...this.options.inbox,
        topicPrefix: this.options.kafka.topicPrefix,
      },
    );
    await this.consumer.start();
    callback();
  }

  async close(): Promise<void> {
    await this.consumer?.stop();
  }

  on(): never {
    throw new Error('InboxTransport has no events to subscribe to');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  private bind(pattern: string, handler: MessageHandler): HandlerBinding {
    const definition = definitionOfPattern(pattern);
    if (!definition) throw new Error(`handler pattern "${pattern}" names no event of the catalogue`);
    const invoke = async (data: unknown, context: InboxContext): Promise<void> => {
      await lastValueFrom(this.transformToObservable(await handler(data, context)), { defaultValue: undefined });
    };
    if (handler.extras?.[INBOX_EXTRAS]?.batch) {
      return { definition, mode: 'batch', handle: (events: EventEnvelope<object>[], c) => invoke(events, c) };
    }
    return { definition, mode: 'single', handle: (event: EventEnvelope<object>, c) => invoke(event, c) };
  }
}
