import { Kafka, logLevel } from 'kafkajs';
import {
  readKafkaSecurity,
  createEvent,
  parseEvent,
  PortalOrderAccepted,
  PortalOrderRejected,
  PortalOrderSubmitted,
  Topics,
  type EventOf,
  type KafkaSecurity,
} from '@partner-portal/contracts';
import { answerFor } from './answering';
import { DocumentLifecycles } from './document-lifecycles';
import { tenantCompanies } from './erp-tenant';
import { buildModel, type SeedSize } from './master-data';
import type { EventSink } from './publishers';
import { uuidFrom } from './random';

/** How the ERP answers portal orders. */
export interface AnswerOptions {
  brokers: string[];
  /** How it signs in to Kafka; by default from KAFKA_SASL_* / KAFKA_SSL*. */
  security?: KafkaSecurity;
  topicPrefix?: string;
  seed: number;
  size?: SeedSize;
  /** How long the ERP takes to answer. */
  delayMs: number;
  log?: (line: string) => void;
}

/** Answers one decoded event when it is a `PortalOrderSubmitted`, through the sink, after the ERP's delay. */
type OrderAnswerer = (decoded: ReturnType<typeof parseEvent>) => Promise<void>;

function orderAnswerer(
  sink: EventSink,
  options: Pick<AnswerOptions, 'seed' | 'size' | 'delayMs'>,
  log: (line: string) => void,
): OrderAnswerer {
  const model = buildModel(options.seed, options.size);
  const documents = new Map<string, DocumentLifecycles>();
  return async (decoded) => {
    if (decoded.kind !== 'event' || decoded.definition !== PortalOrderSubmitted) return;
    const order = decoded.event as EventOf<typeof PortalOrderSubmitted>;
    const { payload } = order;
    await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    const company = tenantCompanies(order.tenantId).find(
      (c) => c.environment === payload.environment && c.companyId === payload.companyId,
    ) ?? { ...tenantCompanies(order.tenantId)[0], environment: payload.environment, companyId: payload.companyId };
    const key = `${order.tenantId}|${payload.environment}|${payload.companyId}`;
    const erp = documents.get(key) ?? new DocumentLifecycles(company, model, options.seed + 2);
    documents.set(key, erp);
    const decision = answerFor(payload);
    const scope = {
      environment: payload.environment,
      environmentType: payload.environmentType,
      companyId: payload.companyId,
      erpVersion: 1,
      portalOrderId: payload.portalOrderId,
      partnerNo: payload.partnerNo,
    };
    // The same ids for the same order: an order delivered again is answered again without a second effect.
    const envelope = {
      eventId: uuidFrom(`${payload.portalOrderId}:answer`),
      tenantId: order.tenantId,
      producer: 'erp-simulator',
      correlationId: order.correlationId,
      causationId: order.eventId,
    };
    if (decision.kind === 'reject') {
      await sink.send([
        createEvent(PortalOrderRejected, { ...envelope, payload: { ...scope, reason: decision.reason } as never }),
      ]);
      log(`[answer] rejected ${payload.portalOrderNo}: ${decision.reason}`);
      return;
    }
    await sink.send([
      createEvent(PortalOrderAccepted, {
        ...envelope,
        payload: { ...scope, erpOrderNo: decision.erpOrderNo } as never,
      }),
      erp.salesOrderForPortalOrder({
        portalOrderId: payload.portalOrderId,
        partnerNo: payload.partnerNo,
        contactNo: payload.contactNo,
        erpOrderNo: decision.erpOrderNo,
        lines: payload.lines,
      }),
    ]);
    log(`[answer] accepted ${payload.portalOrderNo} as ${decision.erpOrderNo}`);
  };
}

/**
 * Consumes `portal.orders` and answers each `PortalOrderSubmitted` after the delay: `PortalOrderAccepted` with an
 * ERP order number and then the ERP's own sales order (carrying the portal order id), or `PortalOrderRejected`
 * with the reason. Runs until `stop()`; a restarted answerer continues where its consumer group left off.
 */
export async function answerPortalOrders(sink: EventSink, options: AnswerOptions): Promise<{ stop(): Promise<void> }> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const answer = orderAnswerer(sink, options, log);
  const kafka = new Kafka({
    clientId: 'erp-simulator-answer',
    brokers: options.brokers,
    logLevel: logLevel.WARN,
    ...(options.security ?? readKafkaSecurity()),
  });
  const consumer = kafka.consumer({
    groupId: `${options.topicPrefix ?? ''}erp-simulator-answer`,
    maxWaitTimeInMs: 100,
  });
  await consumer.connect();
  await consumer.subscribe({ topic: `${options.topicPrefix ?? ''}${Topics.PortalOrders}`, fromBeginning: true });
  await consumer.run({ eachMessage: ({ message }) => answer(parseEvent(message.value)) });
  return {
    async stop() {
      await consumer.disconnect();
    },
  };
}

/** How an HTTP-only connector reaches the portal: the gateway and the tenant's connector key. */
export interface HttpAnswerOptions extends Pick<AnswerOptions, 'seed' | 'size' | 'delayMs' | 'log'> {
  gatewayUrl: string;
  apiKey: string;
  /** How long one read of the feed waits for an order (default 20 s). */
  waitSeconds?: number;
}

/**
 * Answers portal orders as a connector that speaks only HTTP (a Business Central extension): reads the tenant's
 * feed (`GET /api/connector/portal-orders`, long-polling), answers each order through the sink, and acknowledges
 * the batch only after every answer was accepted, so that an order whose answer failed comes again. No Kafka client.
 */
export function answerPortalOrdersOverHttp(sink: EventSink, options: HttpAnswerOptions): { stop(): Promise<void> } {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const answer = orderAnswerer(sink, options, log);
  const headers = { authorization: `ApiKey ${options.apiKey}`, 'content-type': 'application/json' };
  const stopping = new AbortController();
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      stopping.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
    });
  const loop = (async () => {
    while (!stopping.signal.aborted) {
      try {
        const read = await fetch(
          `${options.gatewayUrl}/api/connector/portal-orders?limit=50&waitSeconds=${options.waitSeconds ?? 20}`,
          { headers, signal: stopping.signal },
        );
        if (read.status !== 200) {
          log(`[answer] the feed answered ${read.status}: ${(await read.text()).slice(0, 300)}`);
          await pause(Number(read.headers.get('retry-after') ?? 2) * 1_000);
          continue;
        }
        const feed = (await read.json()) as { orders: Array<{ event: unknown }>; nextCursor: string };
        for (const entry of feed.orders) await answer(parseEvent(JSON.stringify(entry.event)));
        if (feed.orders.length === 0) continue;
        const acknowledged = await fetch(`${options.gatewayUrl}/api/connector/portal-orders/ack`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ cursor: feed.nextCursor }),
          signal: stopping.signal,
        });
        if (acknowledged.status !== 200) log(`[answer] acknowledging answered ${acknowledged.status}`);
      } catch (error) {
        if (stopping.signal.aborted) break;
        log(`[answer] reading the feed failed: ${(error as Error).message}; trying again`);
        await pause(2_000);
      }
    }
  })();
  return {
    async stop() {
      stopping.abort();
      await loop;
    },
  };
}
