import type { EventEnvelope } from '@partner-portal/contracts';
import { DocumentLifecycles, DEFAULT_QUIRKS, type StreamQuirks } from './document-lifecycles';
import { tenantCompanies } from './erp-tenant';
import { buildModel, type SeedSize } from './master-data';
import { Progress } from './progress';
import type { EventSink } from './publishers';

/** How a stream runs. */
export interface StreamOptions {
  tenantId: string;
  seed: number;
  size?: SeedSize;
  /** Events per second. */
  rate: number;
  /** Stop after this many seconds, or after `events` events, whichever comes first. */
  durationSeconds?: number;
  events?: number;
  quirks?: StreamQuirks;
  /** Distinguishes this run's document numbers from another run's. */
  runPrefix?: string;
  log?: (line: string) => void;
  /** Called with each batch once it is acknowledged (benchmarks time their events from here). */
  onSent?: (events: EventEnvelope<object>[], sentAt: number) => void;
  signal?: AbortSignal;
}

const TICK_MS = 50;

/**
 * Streams document life cycles of the tenant's production company at a steady rate: every 50 ms the events due
 * are sent as one batch. A batch that fails is sent again on the next tick (nothing is dropped), and counted.
 */
export async function stream(
  sink: EventSink,
  options: StreamOptions,
): Promise<{ sent: number; errors: number; seconds: number }> {
  const [production] = tenantCompanies(options.tenantId);
  const lifecycles = new DocumentLifecycles(
    production,
    buildModel(options.seed, options.size),
    options.seed + 1,
    options.quirks ?? DEFAULT_QUIRKS,
    options.runPrefix,
  );
  const progress = new Progress('stream', options.log);
  const started = Date.now();
  const limit = options.events ?? Number.POSITIVE_INFINITY;
  const until = options.durationSeconds ? started + options.durationSeconds * 1_000 : Number.POSITIVE_INFINITY;
  let generated = 0;
  let pending: EventEnvelope<object>[] = [];
  while (!options.signal?.aborted && (generated < limit || pending.length > 0) && Date.now() < until) {
    const due = Math.min(limit, Math.floor(((Date.now() - started) / 1_000 + TICK_MS / 1_000) * options.rate));
    while (generated < due) {
      const events = lifecycles.next();
      pending.push(...events);
      generated += events.length;
    }
    if (pending.length > 0) {
      try {
        await sink.send(pending);
        options.onSent?.(pending, Date.now());
        progress.count(pending.length);
        pending = [];
      } catch (error) {
        progress.count(0, 1);
        options.log?.(`[stream] send failed, retrying on the next tick: ${(error as Error).message}`);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, TICK_MS));
  }
  progress.print();
  return { sent: progress.sent, errors: progress.errors, seconds: (Date.now() - started) / 1_000 };
}
