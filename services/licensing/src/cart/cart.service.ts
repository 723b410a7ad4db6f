import { randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ProblemException } from '@partner-portal/internal-api';
import { LicensingConfig } from '../config/licensing.config';
import { multiply, sum } from '@partner-portal/contracts';
import { PlanService } from './plan.service';

/** A line of the cart, priced with the tenant's current plan. */
export interface CartLineView {
  lineId: string;
  quantity: number;
  unitPrice: string;
  currencyCode: string;
  amount: string;
  addedBy: string;
  addedAt: string;
}

/** The cart and its total. */
export interface CartView {
  lines: CartLineView[];
  quantity: number;
  total: string;
  currencyCode: string;
}

/** One cart per tenant, shared by its administrators; priced at checkout time with the tenant's plan. */
@Injectable()
export class CartService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly plans: PlanService,
    @Inject(LicensingConfig) private readonly config: LicensingConfig,
  ) {}

  view(tenantId: string): Promise<CartView> {
    return this.viewWith(this.dataSource.manager, tenantId);
  }

  async viewWith(manager: EntityManager, tenantId: string): Promise<CartView> {
    const plan = await this.plans.planOf(manager, tenantId);
    const rows: Array<{ id: string; quantity: number; added_by: string; added_at: Date }> = await manager.query(
      `SELECT id, quantity, added_by, added_at FROM cart_line WHERE tenant_id = $1 ORDER BY added_at, id`,
      [tenantId],
    );
    const lines = rows.map((r) => ({
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

  async addLine(tenantId: string, quantity: number, addedBy: string): Promise<CartView> {
    return this.dataSource.transaction(async (manager) => {
      await this.lockCart(manager, tenantId);
      await manager.query(`INSERT INTO cart_line (id, tenant_id, quantity, added_by) VALUES ($1, $2, $3, $4)`, [
        randomUUID(),
        tenantId,
        quantity,
        addedBy,
      ]);
      return this.checkedView(manager, tenantId);
    });
  }

  async changeLine(tenantId: string, lineId: string, quantity: number): Promise<CartView> {
    return this.dataSource.transaction(async (manager) => {
      await this.lockCart(manager, tenantId);
      const [, count] = await manager.query(`UPDATE cart_line SET quantity = $3 WHERE tenant_id = $1 AND id = $2`, [
        tenantId,
        lineId,
        quantity,
      ]);
      if (count === 0) throw new NotFoundException(`cart line ${lineId} not found`);
      return this.checkedView(manager, tenantId);
    });
  }

  async removeLine(tenantId: string, lineId: string): Promise<CartView> {
    return this.dataSource.transaction(async (manager) => {
      const [, count] = await manager.query(`DELETE FROM cart_line WHERE tenant_id = $1 AND id = $2`, [
        tenantId,
        lineId,
      ]);
      if (count === 0) throw new NotFoundException(`cart line ${lineId} not found`);
      return this.viewWith(manager, tenantId);
    });
  }

  /** Serializes changes to one tenant's cart (and checkouts, which take the same lock). */
  async lockCart(manager: EntityManager, tenantId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('cart:' || $1))`, [tenantId]);
  }

  private async checkedView(manager: EntityManager, tenantId: string): Promise<CartView> {
    const cart = await this.viewWith(manager, tenantId);
    if (cart.quantity > this.config.checkoutMaxQuantity) {
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        `the cart would hold ${cart.quantity} licenses; one checkout buys at most ${this.config.checkoutMaxQuantity}`,
        { code: 'cart_over_maximum', maximum: this.config.checkoutMaxQuantity },
      );
    }
    return cart;
  }
}
