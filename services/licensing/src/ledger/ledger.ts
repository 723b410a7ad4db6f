import type { EntityManager } from 'typeorm';
import type { LedgerKind, PoolCounts } from '../pool/license-rules';

/** One change to a pool: what, by how much, the counts after it, and why (event id or request) and who. */
export interface LedgerLine {
  tenantId: string;
  kind: LedgerKind;
  delta: Partial<PoolCounts>;
  after: PoolCounts;
  holderKey?: string;
  invitationId?: string;
  /** The event id or request id (or idempotency key) that caused it. */
  cause: string;
  /** The identity subject, or the producing service for saga events. */
  actor: string;
}

/** Writes a ledger line in the transaction of the change it records. */
export async function recordLedger(manager: EntityManager, line: LedgerLine): Promise<void> {
  await manager.query(
    `INSERT INTO ledger_entry (tenant_id, kind, purchased_delta, reserved_delta, consumed_delta, purchased, reserved,
                               consumed, holder_key, invitation_id, cause, actor)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      line.tenantId,
      line.kind,
      line.delta.purchased ?? 0,
      line.delta.reserved ?? 0,
      line.delta.consumed ?? 0,
      line.after.purchased,
      line.after.reserved,
      line.after.consumed,
      line.holderKey ?? null,
      line.invitationId ?? null,
      line.cause,
      line.actor,
    ],
  );
}
