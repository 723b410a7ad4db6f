import { createRequire } from 'node:module';

/** The part of kafkajs's per-connection request queue that the fix below replaces. */
export interface RequestQueue {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  scheduleCheckPendingRequests(): void;
}

const PATCHED_VERSION = '2.2.4';

/**
 * kafkajs 2.2.4 (its last release, 2023) re-arms a timer of `throttledUntil - now` (negative, so 1 ms) after every look
 * at an idle connection's queue: each producer, consumer and admin connection wakes its process 1,000 times a second
 * forever (tulios/kafkajs#1556, #1704; Node 24's TimeoutNegativeWarning is the same timer). It cost each idle service
 * 2-3% of a core (bench/src/idle-cost.ts). Not arming it when nothing waits and nothing is throttled is what the open
 * upstream fixes do (#1667): a request that has to wait arms it itself, and an answer looks at the queue anyway.
 * Applied only to the version it was written against.
 */
export function stopIdleRequestQueueTimers(): boolean {
  const load = createRequire(__filename);
  if ((load('kafkajs/package.json') as { version: string }).version !== PATCHED_VERSION) return false;
  const { prototype } = load('kafkajs/src/network/requestQueue/index.js') as { prototype: RequestQueue };
  if (Object.hasOwn(prototype.scheduleCheckPendingRequests, 'idleFix')) return true;
  const original = prototype.scheduleCheckPendingRequests;
  const scheduleCheckPendingRequests = function (this: RequestQueue): void {
    if (this.pending.length === 0 && this.throttledUntil <= Date.now()) return;
    original.call(this);
  };
  prototype.scheduleCheckPendingRequests = Object.assign(scheduleCheckPendingRequests, { idleFix: true });
  return true;
}
