/** Where a rebuild stands: replaying into fresh tables, holding live consumption for the switch, or ended. */
export type RebuildPhase = 'replaying' | 'cutover' | 'done' | 'failed';

/** What happens to a rebuild: its replay reached the topic's end, the fresh tables took the old ones' place, or it failed. */
export type RebuildStep = 'caught_up' | 'switched' | 'failed';

/** A rebuild as the database keeps it; `leaseHeld` is whether its lease is current by the database's clock. */
export interface RebuildRecord {
  phase: RebuildPhase;
  leaseHeld: boolean;
  startedAt: Date;
  finishedAt: Date | null;
  eventsReplayed: number;
  error: string | null;
}

/** Where the latest rebuild stands, as operators see it. */
export interface RebuildStatus {
  state: 'idle' | RebuildPhase;
  startedAt?: string;
  finishedAt?: string;
  eventsReplayed: number;
  error?: string;
}

/** Why a rebuild whose lease lapsed ended. */
export const LEASE_LAPSED = 'lease expired: the instance running the rebuild stopped';

export function isRunning(phase: RebuildPhase): boolean {
  return phase === 'replaying' || phase === 'cutover';
}

/** The phase a step moves a rebuild to, or undefined when the step does not apply in its phase. */
export function nextPhase(phase: RebuildPhase, step: RebuildStep): RebuildPhase | undefined {
  if (step === 'failed') return isRunning(phase) ? 'failed' : undefined;
  if (step === 'caught_up') return phase === 'replaying' ? 'cutover' : undefined;
  return phase === 'cutover' ? 'done' : undefined;
}

/**
 * Whether live consumption may write the read model, given the rebuilds in cutover: it holds while one of them has a
 * current lease (so that no instance writes to the old tables an event the fresh ones miss), and goes on once the
 * lease lapsed (the rebuild is then failed and the old tables stay).
 */
export function liveConsumption(cutovers: readonly Pick<RebuildRecord, 'leaseHeld'>[]): 'apply' | 'hold' {
  return cutovers.some((r) => r.leaseHeld) ? 'hold' : 'apply';
}

/** The status of the latest rebuild (none: idle); a running one whose lease lapsed has failed. */
export function statusOf(record: RebuildRecord | undefined): RebuildStatus {
  if (!record) return { state: 'idle', eventsReplayed: 0 };
  const lapsed = isRunning(record.phase) && !record.leaseHeld;
  const error = lapsed ? LEASE_LAPSED : record.error;
  return {
    state: lapsed ? 'failed' : record.phase,
    startedAt: record.startedAt.toISOString(),
    ...(record.finishedAt ? { finishedAt: record.finishedAt.toISOString() } : {}),
    eventsReplayed: record.eventsReplayed,
    ...(error ? { error } : {}),
  };
}

/** A partition's offsets: `low` the earliest kept, `high` the next to be written. */
export interface PartitionEnd {
  partition: number;
  low: string;
  high: string;
}

/**
 * Whether a consumer group has applied every partition up to `ends`: its committed offset (the next it would read,
 * -1 before its first commit) has reached the end, or the partition holds nothing to read.
 */
export function caughtUp(
  ends: readonly PartitionEnd[],
  committed: readonly { partition: number; offset: string }[],
): boolean {
  const next = new Map(committed.map((c) => [c.partition, BigInt(c.offset)]));
  return ends.every(
    ({ partition, low, high }) => BigInt(low) >= BigInt(high) || (next.get(partition) ?? -1n) >= BigInt(high),
  );
}
