import {
  decodeEvent,
  formatFieldErrors,
  Topics,
  type EventDefinition,
  type EventEnvelope,
} from '@partner-portal/contracts';

/** Topics an ERP connector publishes to. */
export const CONNECTOR_TOPICS: ReadonlySet<string> = new Set([Topics.ErpMasterdata, Topics.ErpDocuments]);

/** An event of the batch that may be published. */
export interface AcceptedEvent {
  definition: EventDefinition;
  event: EventEnvelope<object>;
}

/** An event of the batch that may not, and why. */
export interface RejectedEvent {
  index: number;
  eventId?: string;
  type?: string;
  reason: string;
}

/**
 * Checks a connector's batch event by event against the contract: a valid envelope and payload of a catalogued
 * type, on a topic connectors publish to, for the tenant the key belongs to. The batch is published only when
 * every event passes, so that a connector can simply send the same batch again after fixing it.
 */
export function checkConnectorBatch(
  tenantId: string,
  events: readonly unknown[],
): { accepted: AcceptedEvent[]; rejected: RejectedEvent[] } {
  const accepted: AcceptedEvent[] = [];
  const rejected: RejectedEvent[] = [];
  events.forEach((raw, index) => {
    const said = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
    const known = {
      index,
      ...(typeof said.eventId === 'string' ? { eventId: said.eventId } : {}),
      ...(typeof said.type === 'string' ? { type: said.type } : {}),
    };
    const decoded = decodeEvent(raw);
    if (decoded.kind === 'invalid') return void rejected.push({ ...known, reason: formatFieldErrors(decoded.errors) });
    if (decoded.kind === 'unknown-type') {
      return void rejected.push({ ...known, reason: `type: ${decoded.type} is not an event of the catalogue` });
    }
    if (!CONNECTOR_TOPICS.has(decoded.definition.topic)) {
      return void rejected.push({
        ...known,
        reason: `type: ${decoded.definition.type} belongs to ${decoded.definition.topic}, which connectors do not publish to`,
      });
    }
    if (decoded.event.tenantId !== tenantId) {
      return void rejected.push({ ...known, reason: 'tenantId: this connector key publishes for its own tenant only' });
    }
    accepted.push({ definition: decoded.definition, event: decoded.event });
  });
  return { accepted, rejected };
}
