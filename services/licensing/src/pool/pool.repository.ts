import type { EntityManager } from 'typeorm';
import type { PoolChange, PoolCounts } from './license-rules';

/** A pool row: its counts and whether the server module is on. */
export interface PoolRow extends PoolCounts {
  serverModuleActive: boolean;
}

const COUNTS = `purchased, reserved, consumed, server_module_active AS "serverModuleActive"`;

/** The rows of an UPDATE or DELETE ... RETURNING, which TypeORM's postgres driver answers as `[rows, count]`. */
export function returnedRows<T>(result: [T[], number] | T[]): T[] {
  return Array.isArray(result[0]) ? (result[0] as T[]) : (result as T[]);
}

/**
 * The only writes to `license_pool`. Each is one conditional UPDATE, so concurrent reservations, releases and
 * cancellations serialize on the row and the CHECK constraint backs every condition: the database, not memory,
 * keeps `reserved + consumed <= purchased`.
 */
export class PoolRepository {
  constructor(private readonly manager: EntityManager) {}

  /** The tenant's pool, created empty when it does not exist yet. */
  async get(tenantId: string, lock = false): Promise<PoolRow> {
    await this.manager.query(`INSERT INTO license_pool (tenant_id) VALUES ($1) ON CONFLICT DO NOTHING`, [tenantId]);
    const [row] = await this.manager.query(
      `SELECT ${COUNTS} FROM license_pool WHERE tenant_id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [tenantId],
    );
    return row;
  }

  /**
   * Applies a change the license rules decided, by its conditional UPDATE; undefined when the condition no longer
   * holds (a concurrent writer got there first). A purchase goes through `addPurchased`, which numbers it.
   */
  async apply(tenantId: string, change: Exclude<PoolChange, { type: 'purchase' }>): Promise<PoolRow | undefined> {
    switch (change.type) {
      case 'reserve':
        return this.reserveOne(tenantId);
      case 'consume_available':
        return this.consumeOneAvailable(tenantId);
      case 'consume_reserved':
        return this.consumeReserved(tenantId);
      case 'release':
        return this.release(tenantId, change.from);
      case 'cancel':
        return this.cancel(tenantId, change.quantity);
    }
  }

  /** Takes one available license as reserved; undefined when none is available (or the tenant has no pool yet). */
  async reserveOne(tenantId: string): Promise<PoolRow | undefined> {
    return this.update(tenantId, 'reserved = reserved + 1', 'purchased - reserved - consumed >= 1');
  }

  /** Takes one available license as consumed directly (a reactivated portal user); undefined when none is available. */
  async consumeOneAvailable(tenantId: string): Promise<PoolRow | undefined> {
    await this.get(tenantId);
    return this.update(tenantId, 'consumed = consumed + 1', 'purchased - reserved - consumed >= 1');
  }

  /** Turns one reserved license into a consumed one. */
  async consumeReserved(tenantId: string): Promise<PoolRow | undefined> {
    return this.update(tenantId, 'reserved = reserved - 1, consumed = consumed + 1', 'reserved >= 1');
  }

  /** Gives one reserved or consumed license back. */
  async release(tenantId: string, from: 'reserved' | 'consumed'): Promise<PoolRow | undefined> {
    return this.update(tenantId, `${from} = ${from} - 1`, `${from} >= 1`);
  }

  /** Raises the purchased count and the purchase counter; returns the new counter value for the order number. */
  async addPurchased(tenantId: string, quantity: number): Promise<PoolRow & { purchaseSeq: number }> {
    const [row] = returnedRows<PoolRow & { purchaseSeq: number }>(
      await this.manager.query(
        `UPDATE license_pool SET purchased = purchased + $2, purchase_seq = purchase_seq + 1, updated_at = now()
          WHERE tenant_id = $1 RETURNING ${COUNTS}, purchase_seq AS "purchaseSeq"`,
        [tenantId, quantity],
      ),
    );
    return row;
  }

  /** Lowers the purchased count unless that would uncover a reserved or consumed license. */
  async cancel(tenantId: string, quantity: number): Promise<PoolRow | undefined> {
    const [row] = returnedRows<PoolRow>(
      await this.manager.query(
        `UPDATE license_pool SET purchased = purchased - $2, updated_at = now()
          WHERE tenant_id = $1 AND purchased - $2 >= reserved + consumed RETURNING ${COUNTS}`,
        [tenantId, quantity],
      ),
    );
    return row;
  }

  async setServerModule(tenantId: string, active: boolean): Promise<void> {
    await this.get(tenantId);
    await this.manager.query(
      `UPDATE license_pool SET server_module_active = $2, updated_at = now() WHERE tenant_id = $1`,
      [tenantId, active],
    );
  }

  private async update(tenantId: string, set: string, condition: string): Promise<PoolRow | undefined> {
    const [row] = returnedRows<PoolRow>(
      await this.manager.query(
        `UPDATE license_pool SET ${set}, updated_at = now() WHERE tenant_id = $1 AND ${condition} RETURNING ${COUNTS}`,
        [tenantId],
      ),
    );
    return row;
  }
}
