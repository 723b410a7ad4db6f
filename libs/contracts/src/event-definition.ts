import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from './envelope';
import type { TopicName } from './topics';

/** What the catalogue knows about one version of one event type. */
export interface EventDefinition<P extends object = object> {
  /** Name in the catalogue, e.g. `ContactInvited`. */
  readonly type: string;
  /** Payload version. */
  readonly version: number;
  /** Topic it is published to. */
  readonly topic: TopicName;
  /** Validation class of the payload; its instance type is the payload type. */
  readonly payload: new () => P;
  /** Kafka message key, which decides the partition and so the ordering. */
  key(event: EventEnvelope<P>): string;
}

/** Declares one event version; the payload type is the payload class's instance type. */
export function defineEvent<P extends object>(
  definition: Omit<EventDefinition<P>, 'key'> & { key(event: EventEnvelope<NoInfer<P>>): string },
): EventDefinition<P> {
  return Object.freeze(definition);
}

/** The payload type of a definition. */
export type PayloadOf<D> = D extends EventDefinition<infer P> ? P : never;

/** The envelope type of a definition. */
export type EventOf<D> = EventEnvelope<PayloadOf<D>>;

/** Plain data accepted where a payload class is expected (nested classes become plain objects). */
export type PlainPayload<P> = P extends object ? { [K in keyof P]: PlainPayload<P[K]> } : P;

/** What a producer supplies to build an envelope; the rest is generated. */
export interface NewEvent<P> {
  tenantId: string;
  producer: string;
  correlationId: string;
  causationId?: string;
  payload: PlainPayload<P>;
  /** Defaults to a fresh UUID; set it to make an event's id deterministic (e.g. derived from a request). */
  eventId?: string;
  /** Defaults to now. */
  occurredAt?: Date;
}

/** Builds the envelope of a new event of the given definition. */
export function createEvent<P extends object>(definition: EventDefinition<P>, input: NewEvent<P>): EventEnvelope<P> {
  const envelope: EventEnvelope<P> = {
    eventId: input.eventId ?? randomUUID(),
    type: definition.type,
    version: definition.version,
    occurredAt: (input.occurredAt ?? new Date()).toISOString(),
    tenantId: input.tenantId,
    producer: input.producer,
    correlationId: input.correlationId,
    payload: input.payload as P,
  };
  if (input.causationId) envelope.causationId = input.causationId;
  return envelope;
}

/** Key for events ordered per tenant. */
export function tenantKey(event: EventEnvelope<object>): string {
  return event.tenantId;
}

interface CompanyScoped {
  environment: string;
  companyId: string;
}

/** Key `tenantId|environment|companyId` (company, item, price list and extension events). */
export function companyKey(event: EventEnvelope<CompanyScoped>): string {
  const { environment, companyId } = event.payload;
  return `${event.tenantId}|${environment}|${companyId}`;
}

/** Key `tenantId|environment|companyId|partnerNo` (everything about one partner stays in order). */
export function partnerKey(event: EventEnvelope<CompanyScoped & { partnerNo: string }>): string {
  const { environment, companyId, partnerNo } = event.payload;
  return `${event.tenantId}|${environment}|${companyId}|${partnerNo}`;
}
