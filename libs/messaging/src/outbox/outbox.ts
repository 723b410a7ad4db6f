import type { EntityManager } from 'typeorm';
import {
  assertEventMatches,
  createEvent,
  findEventDefinition,
  EventContractError,
  type EventDefinition,
  type EventEnvelope,
  type NewEvent,
} from '@partner-portal/contracts';
import { eventTrace, SpanKind, startSpan, traceHeaders } from '@partner-portal/logging';

/** The PostgreSQL channel the relay listens on; appended rows notify it when their transaction commits. */
export const OUTBOX_CHANNEL = 'outbox_message';

/** Writes events to the outbox table inside the caller's transaction. */
export class Outbox {
  /** @param producer the service name written into every envelope this outbox creates */
  constructor(readonly producer: string) {}

  /** Builds an envelope of `definition` with this service as producer. */
  create<P extends object>(definition: EventDefinition<P>, input: Omit<NewEvent<P>, 'producer'>): EventEnvelope<P> {
    return createEvent(definition, { ...input, producer: this.producer });
  }

  /**
   * Appends events in the transaction `manager` belongs to, so that they exist if and only if the state change
   * commits. Every event is checked against its contract first: a producer bug fails the transaction instead of
   * reaching consumers.
   */
  async append(manager: EntityManager, events: readonly EventEnvelope<object>[]): Promise<void> {
    if (events.length === 0) return;
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('Outbox.append must run inside a transaction (dataSource.transaction(manager => ...))');
    }
    const params: unknown[] = [];
    const tuples: string[] = [];
    const checked = events.map((event) => {
      const definition = findEventDefinition(event.type, event.version);
      if (!definition) {
        throw new EventContractError([
          { field: 'type', reason: `${event.type} v${event.version} is not in the catalogue` },
        ]);
      }
      assertEventMatches(definition, event);
      return { event, definition };
    });
    for (const { event, definition } of checked) {
      const traceContext = createdInTrace(event, definition.topic);
      params.push(
        event.eventId,
        definition.topic,
        definition.key(event),
        event.type,
        event.version,
        JSON.stringify(event),
        traceContext ? JSON.stringify(traceContext) : null,
      );
      const n = params.length;
      tuples.push(`($${n - 6}, $${n - 5}, $${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}::jsonb, $${n}::jsonb)`);
    }
    await manager.query(
      `INSERT INTO outbox_message (event_id, topic, message_key, event_type, event_version, envelope, trace_context)
       VALUES ${tuples.join(', ')}`,
      params,
    );
    await manager.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
  }
}

/**
 * The trace an event continues, as the headers the relay will send it with: a producer span `create <topic>`, a child
 * of the trace of the event that caused it when a batch holds several (`eventTrace`), else of the work in hand.
 * Undefined outside any trace.
 */
function createdInTrace(event: EventEnvelope<object>, topic: string): Record<string, string> | undefined {
  const { span, context } = startSpan(`create ${topic}`, {
    kind: SpanKind.PRODUCER,
    parent: eventTrace(event.causationId),
    attributes: {
      'messaging.system': 'kafka',
      'messaging.operation.type': 'create',
      'messaging.destination.name': topic,
      'messaging.message.id': event.eventId,
      'portal.event.type': `${event.type} v${event.version}`,
      'portal.tenant.id': event.tenantId,
    },
  });
  span.end();
  const headers = traceHeaders(context);
  return Object.keys(headers).length > 0 ? headers : undefined;
}
