import { IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';
import { IsTenantId, IsUtcTimestamp } from './common/field-rules';

/** The one envelope every message travels in (docs/events.md, "Envelope"). */
export interface EventEnvelope<P = unknown> {
  /** Unique per event; the inbox key. */
  eventId: string;
  /** The event's name in the catalogue, e.g. `ContactInvited`. */
  type: string;
  /** Payload version of that type, starting at 1. */
  version: number;
  /** When it happened at the source, ISO-8601 UTC. */
  occurredAt: string;
  /** The portal customer (one ERP tenant). */
  tenantId: string;
  /** Service name, or the connector's id. */
  producer: string;
  /** Ties together everything one request or ERP change caused. */
  correlationId: string;
  /** The `eventId` that directly caused this one. */
  causationId?: string;
  /** The type's payload. */
  payload: P;
}

/** Runtime validation of the envelope; the payload is validated by its event definition. */
export class EventEnvelopeV1 implements EventEnvelope<Record<string, unknown>> {
  @IsUUID()
  eventId!: string;

  @IsString()
  @Matches(/^[A-Z][A-Za-z0-9]{0,99}$/, { message: '$property must be an event name such as "ContactInvited"' })
  type!: string;

  @IsInt()
  @Min(1)
  version!: number;

  @IsUtcTimestamp()
  occurredAt!: string;

  @IsTenantId()
  tenantId!: string;

  @IsString()
  @Matches(/\S/, { message: '$property must not be blank' })
  @MaxLength(100)
  producer!: string;

  @IsString()
  @Matches(/\S/, { message: '$property must not be blank' })
  @MaxLength(200)
  correlationId!: string;

  @IsOptional()
  @IsUUID()
  causationId?: string;

  @IsObject()
  payload!: Record<string, unknown>;
}

/** Kafka headers that repeat envelope fields, so that tools can route without parsing the value. */
export const EventHeaders = {
  Type: 'type',
  Version: 'version',
  EventId: 'eventId',
  TenantId: 'tenantId',
  CorrelationId: 'correlationId',
} as const;

/**
 * The headers every message of an event carries (docs/events.md, "Kafka headers"): the relay, the connector API and
 * the tools alike.
 */
export function eventHeaders(
  event: Pick<EventEnvelope, 'type' | 'version' | 'eventId' | 'tenantId' | 'correlationId'>,
): Record<string, string> {
  return {
    [EventHeaders.Type]: event.type,
    [EventHeaders.Version]: String(event.version),
    [EventHeaders.EventId]: event.eventId,
    [EventHeaders.TenantId]: event.tenantId,
    [EventHeaders.CorrelationId]: event.correlationId,
  };
}

/** Headers a dead-lettered message carries besides its original ones (docs/events.md, "Dead letters"). */
export const DlqHeaders = {
  Error: 'dlq-error',
  Attempts: 'dlq-attempts',
  OriginalTopic: 'dlq-original-topic',
  OriginalPartition: 'dlq-original-partition',
  OriginalOffset: 'dlq-original-offset',
  ConsumerGroup: 'dlq-consumer-group',
} as const;
