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
    const tuples = events.map((event) => {
      const definition = findEventDefinition(event.type, event.version);
      if (!definition) {
        throw new EventContractError([
          { field: 'type', reason: `${event.type} v${event.version} is not in the catalogue` },
        ]);
      }
      assertEventMatches(definition, event);
      params.push(
        event.eventId,
        definition.topic,
        definition.key(event),
        event.type,
        event.version,
        JSON.stringify(event),
      );
      const n = params.length;
      return `($${n - 5}, $${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $${n}::jsonb)`;
    });
    await manager.query(
      `INSERT INTO outbox_message (event_id, topic, message_key, event_type, event_version, envelope) VALUES ${tuples.join(', ')}`,
      params,
    );
    await manager.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
  }
}
