import { plainToInstance } from 'class-transformer';
import { type ValidationError, validateSync } from 'class-validator';
import { findEventDefinition, isKnownEventType } from './catalogue';
import { compiledCheck } from './compiled-validation';
import { EventEnvelopeV1, type EventEnvelope } from './envelope';
import type { EventDefinition } from './event-definition';

/** One reason a value was refused, naming the field by its path (`payload.lines[0].quantity`). */
export interface FieldError {
  field: string;
  reason: string;
}

/** Thrown when an event does not satisfy its contract. */
export class EventContractError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(`event violates its contract: ${formatFieldErrors(errors)}`);
    this.name = 'EventContractError';
  }
}

/** `field: reason; field: reason`, for logs and dead-letter headers. */
export function formatFieldErrors(errors: readonly FieldError[]): string {
  return errors.map((e) => `${e.field}: ${e.reason}`).join('; ');
}

function joinPath(parent: string, property: string): string {
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}

/** class-validator's error tree as a flat list, each field named by its path under `parent`. */
export function toFieldErrors(errors: ValidationError[], parent = '', out: FieldError[] = []): FieldError[] {
  for (const error of errors) {
    const field = joinPath(parent, error.property);
    for (const reason of Object.values(error.constraints ?? {})) out.push({ field, reason });
    if (error.children?.length) toFieldErrors(error.children, field, out);
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const NUL = '\u0000';
const MAX_DEPTH = 64;

/**
 * What no schema catches and every store refuses or loses, anywhere in parsed JSON: the NUL character (PostgreSQL
 * cannot store it in text), a `__proto__` key (JSON.parse keeps it, class-transformer drops it without a word) and
 * nesting deeper than any contract. Named by path, like any other refused field.
 */
export function unstorableFields(value: unknown, path = ''): FieldError[] {
  const out: FieldError[] = [];
  const walk = (node: unknown, at: string, depth: number): void => {
    if (typeof node === 'string') {
      if (node.includes(NUL))
        out.push({ field: at || '(root)', reason: 'must not contain the NUL character (U+0000)' });
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    if (depth > MAX_DEPTH) {
      out.push({ field: at || '(root)', reason: `is nested deeper than ${MAX_DEPTH} levels` });
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item, index) => walk(item, joinPath(at, String(index)), depth + 1));
      return;
    }
    for (const key of Object.keys(node)) {
      if (key === '__proto__') out.push({ field: joinPath(at, key), reason: 'property __proto__ should not exist' });
      else if (key.includes(NUL))
        out.push({ field: at || '(root)', reason: 'has a property name with the NUL character' });
      else walk((node as Record<string, unknown>)[key], joinPath(at, key), depth + 1);
    }
  };
  walk(value, path, 0);
  return out;
}

/** Validates plain data against a class-validator class; the path prefixes every field name. */
export function validatePlain<T extends object>(
  type: new () => T,
  plain: unknown,
  path = '',
): { value: T; errors: [] } | { value?: undefined; errors: FieldError[] } {
  if (!isPlainObject(plain)) return { errors: [{ field: path || '(root)', reason: 'must be an object' }] };
  const value = plainToInstance(type, plain);
  const errors = toFieldErrors(
    validateSync(value, { forbidUnknownValues: true, validationError: { target: false, value: false } }),
    path,
  );
  return errors.length ? { errors } : { value, errors: [] };
}

/** What a consumer learns from one raw message. */
export type DecodedEvent =
  | { kind: 'event'; definition: EventDefinition; event: EventEnvelope<object> }
  | { kind: 'unknown-type'; type: string; version: number }
  | { kind: 'invalid'; errors: FieldError[] };

/**
 * Validates an envelope and its payload against the catalogue. A type the catalogue does not know is
 * `unknown-type` (consumers skip it); a known type in a version it does not know is invalid, so that the
 * message is kept in the dead-letter topic rather than silently dropped.
 */
export function decodeEvent(raw: unknown): DecodedEvent {
  // Fast path: valid events (nearly all of them) pass a compiled check and stay plain objects.
  if (compiledCheck(EventEnvelopeV1)(raw)) {
    const { type, version, payload } = raw as EventEnvelope<object>;
    const definition = findEventDefinition(type, version);
    if (definition && compiledCheck(definition.payload)(payload)) {
      return { kind: 'event', definition, event: raw as EventEnvelope<object> };
    }
  }
  const envelope = validatePlain(EventEnvelopeV1, raw);
  if (!envelope.value) return { kind: 'invalid', errors: envelope.errors };
  const { type, version } = envelope.value;
  const definition = findEventDefinition(type, version);
  if (!definition) {
    if (!isKnownEventType(type)) return { kind: 'unknown-type', type, version };
    return {
      kind: 'invalid',
      errors: [{ field: 'version', reason: `version ${version} of ${type} is not supported` }],
    };
  }
  const payload = validatePlain(definition.payload, envelope.value.payload, 'payload');
  if (!payload.value) return { kind: 'invalid', errors: payload.errors };
  return { kind: 'event', definition, event: { ...(raw as EventEnvelope<object>), payload: payload.value } };
}

/** Parses a Kafka message value (JSON) and decodes it. */
export function parseEvent(value: Buffer | string | null): DecodedEvent {
  if (value === null) return { kind: 'invalid', errors: [{ field: '(message)', reason: 'has no value' }] };
  const text = value.toString();
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { kind: 'invalid', errors: [{ field: '(message)', reason: `is not JSON: ${(error as Error).message}` }] };
  }
  // Only a message that spells one out can hold a NUL or a `__proto__` key, so valid traffic pays a text search.
  if (text.includes('\\u0000') || text.includes('__proto__')) {
    const unstorable = unstorableFields(raw);
    if (unstorable.length > 0) return { kind: 'invalid', errors: unstorable };
  }
  return decodeEvent(raw);
}

/** Throws `EventContractError` unless `event` is a valid event of `definition`. */
export function assertEventMatches(definition: EventDefinition, event: EventEnvelope<object>): void {
  const decoded = decodeEvent(JSON.parse(JSON.stringify(event)));
  if (decoded.kind === 'invalid') throw new EventContractError(decoded.errors);
  if (decoded.kind === 'unknown-type' || decoded.definition !== definition) {
    throw new EventContractError([
      { field: 'type', reason: `${event.type} v${event.version} is not ${definition.type} v${definition.version}` },
    ]);
  }
}
