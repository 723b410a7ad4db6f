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

/**
 * Consumes `portal.orders` and answers each `PortalOrderSubmitted` after the delay: `PortalOrderAccepted` with an
 * ERP order number and then the ERP's own sales order (carrying the portal order id), or `PortalOrderRejected`
 * with the reason. Runs until `stop()`; a restarted answerer continues where its consumer group left off.
 */
export async function answerPortalOrders(sink: EventSink, options: AnswerOptions): Promise<{ stop(): Promise<void> }> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const model = buildModel(options.seed, options.size);
  const documents = new Map<string, DocumentLifecycles>();
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
  await consumer.run({
    eachMessage: async ({ message }) => {
      const decoded = parseEvent(message.value);
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
    },
  });
  return {
    async stop() {
      await consumer.disconnect();
    },
  };
}
