import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The ids that tie a log line to what the process was doing: the HTTP request (`requestId`, the gateway's
 * `x-request-id`), the event being handled (`eventId`, `type`, and its `correlationId`, which is the request id of the
 * request that caused it), and the tenant. Every line written while a context is active carries its fields.
 */
export interface LogContext {
  requestId?: string;
  correlationId?: string;
  tenantId?: string;
  eventId?: string;
  /** The event's type, while one is handled. */
  type?: string;
}

const storage = new AsyncLocalStorage<LogContext>();

/** The context of the code running now (the request or event it serves), or undefined outside any. */
export function currentLogContext(): LogContext | undefined {
  return storage.getStore();
}

/** Runs `work` with `fields` added to the current context (for its whole async run, then the context is as before). */
export function withLogContext<T>(fields: LogContext, work: () => T): T {
  return storage.run({ ...storage.getStore(), ...definedOnly(fields) }, work);
}

/**
 * Adds fields to the active context in place, for what the code learns midway (the gateway learns the tenant only once
 * the caller is authenticated); no effect outside a context, so that nothing leaks into unrelated work.
 */
export function addToLogContext(fields: LogContext): void {
  const store = storage.getStore();
  if (store) Object.assign(store, definedOnly(fields));
}

function definedOnly(fields: LogContext): LogContext {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined && value !== ''));
}
