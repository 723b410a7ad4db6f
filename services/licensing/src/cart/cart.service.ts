import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { CartLineResponse, CartResponse } from '@partner-portal/api-contracts';
import { LicensingConfig } from '../config/licensing.config';
import { multiply, sum } from '@partner-portal/contracts';
import { cartOverMaximum, unknownCartLine } from '../pool/license-rules';
import { PlanService } from './plan.service';

/** A line of the cart, priced with the tenant's current plan: the API contract's shape. */
export type CartLineView = CartLineResponse;

/** The cart and its total: the API contract's shape. */
export type CartView = CartResponse;

/**
 * One cart per administrator of a tenant (the principal's subject, kept in `cart_line.added_by`): two administrators
 * never see, change or buy each other's lines. Priced at checkout time with the tenant's plan.
 */
@Injectable()
export class CartService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly plans: PlanService,
    @Inject(LicensingConfig) private readonly config: LicensingConfig,
  ) {}

  view(tenantId: string, owner: string): Promise<CartView> {
    return this.viewWith(this.dataSource.manager, tenantId, owner);
  }

  async viewWith(manager: EntityManager, tenantId: string, owner: string): Promise<CartView> {
    const plan = await this.plans.planOf(manager, tenantId);
    const rows: Array<{ id: string; quantity: number; added_by: string; added_at: Date }> = await manager.query(
      `SELECT id, quantity, added_by, added_at FROM cart_line WHERE tenant_id = $1 AND added_by = $2 ORDER BY added_at, id`,
      [tenantId, owner],
    );
    const lines = rows.map((r): CartLineView => ({
      lineId: r.id,
      quantity: r.quantity,
      unitPrice: plan.unitPrice,
      currencyCode: plan.currencyCode,
      amount: multiply(plan.unitPrice, r.quantity),
      addedBy: r.added_by,
      addedAt: r.added_at.toISOString(),
    }));
    return {
      lines,
      quantity: lines.reduce((n, l) => n + l.quantity, 0),
      total: sum(lines.map((l) => l.amount)),
      currencyCode: plan.currencyCode,
    };
  }

  async addLine(tenantId: string, quantity: number, owner: string): Promise<CartView> {
    return this.dataSource.transaction(async (manager) => {
      await this.lockCart(manager, tenantId, owner);
      await manager.query(`INSERT INTO cart_line (id, tenant_id, quantity, added_by) VALUES ($1, $2, $3, $4)`, [
        randomUUID(),
        tenantId,
        quantity,
        owner,
      ]);
      return this.checkedView(manager, tenantId, owner);
    });
  }

  /** A line of another administrator is 404, as if it did not exist. */
  async changeLine(tenantId: string, owner: string, lineId: string, quantity: number): Promise<CartView> {
    return this.dataSource.transaction(async (manager) => {
      await this.lockCart(manager, tenantId, owner);
      const [, count] = await manager.query(
        `UPDATE cart_line SET quantity = $4 WHERE tenant_id = $1 AND added_by = $2 AND id = $3`,
        [tenantId, owner, lineId, quantity],
      );
      if (count === 0) throw unknownCartLine(lineId);
      return this.checkedView(manager, tenantId, owner);
    });
  }

  async removeLine(tenantId: string, owner: string, lineId: string): Promise<CartView> {
    return this.dataSource.transaction(async (manager) => {
      await this.lockCart(manager, tenantId, owner);
      const [, count] = await manager.query(
        `DELETE FROM cart_line WHERE tenant_id = $1 AND added_by = $2 AND id = $3`,
        [tenantId, owner, lineId],
      );
      if (count === 0) throw unknownCartLine(lineId);
      return this.viewWith(manager, tenantId, owner);
    });
  }

  /** Empties one administrator's cart (after its checkout), in the caller's transaction. */
  async empty(manager: EntityManager, tenantId: string, owner: string): Promise<void> {
    await manager.query(`DELETE FROM cart_line WHERE tenant_id = $1 AND added_by = $2`, [tenantId, owner]);
  }

  /**
   * Serializes changes to one administrator's cart with its checkout (which takes the same lock); administrators of
   * one tenant do not wait for each other. A hash collision between two carts only makes them wait, never mixes them.
   */
  async lockCart(manager: EntityManager, tenantId: string, owner: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('cart:' || $1), hashtext($2))`, [tenantId, owner]);
  }

  private async checkedView(manager: EntityManager, tenantId: string, owner: string): Promise<CartView> {
    const cart = await this.viewWith(manager, tenantId, owner);
    const refusal = cartOverMaximum(cart.quantity, this.config.checkoutMaxQuantity);
    if (refusal) throw refusal;
    return cart;
  }
}
