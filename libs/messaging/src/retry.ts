/** Bounded exponential backoff with jitter. */
export interface BackoffPolicy {
  /** First delay in ms. */
  initialDelayMs: number;
  /** Longest delay in ms. */
  maxDelayMs: number;
}

/** Default: 100 ms doubling up to 30 s. */
export const DEFAULT_BACKOFF: BackoffPolicy = { initialDelayMs: 100, maxDelayMs: 30_000 };

/** The delay before retry number `attempt` (1-based), with +-20% jitter (`random` in [0, 1), for tests). */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + random() * 0.4));
}

/** Resolves after `ms`, or earlier when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Throw this from a handler to ask for a retry without counting towards dead-lettering. */
export class TransientError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransientError';
  }
}

/**
 * Throw this from a handler when the event can never be applied (it is valid by contract but makes no sense to
 * this consumer): it goes to the dead-letter topic at once instead of after the retries.
 */
export class PermanentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentError';
  }
}

const TRANSIENT_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/**
 * Whether an error is about the infrastructure rather than the message: a lost database or broker connection,
 * a serialization failure or deadlock, a KafkaJS retriable error. Such errors are retried without limit
 * (the message is fine; dead-lettering it would lose it for no reason); all others count towards the limit.
 */
export function isTransientError(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { name?: string; code?: string; retriable?: boolean; message?: string; cause?: unknown };
  if (e instanceof TransientError) return true;
  if (typeof e.code === 'string') {
    if (TRANSIENT_NODE_CODES.has(e.code)) return true;
    // PostgreSQL: connection exceptions (08), serialization failure, deadlock, insufficient resources, shutdown.
    if (/^(08|53|57P)/.test(e.code) || e.code === '40001' || e.code === '40P01') return true;
    // A database closed to new connections (ALLOW_CONNECTIONS false, during maintenance) opens again.
    if (e.code === '55000' && /not currently accepting connections/.test(e.message ?? '')) return true;
  }
  if (e.name?.startsWith('KafkaJS') && (e.retriable || /Connection|Timeout|NumberOfRetriesExceeded/.test(e.name))) {
    return true;
  }
  if (
    e.message &&
    /Connection terminated|connection timeout|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(
      e.message,
    )
  ) {
    return true;
  }
  return e.cause !== undefined && e.cause !== error ? isTransientError(e.cause) : false;
}
