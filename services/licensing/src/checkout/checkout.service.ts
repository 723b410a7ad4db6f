import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { LicensesPurchased } from '@partner-portal/contracts';
import { ProblemException, type Page } from '@partner-portal/internal-api';
import { Outbox } from '@partner-portal/messaging';
import { CartService } from '../cart/cart.service';
import { multiply } from '@partner-portal/contracts';
import { recordLedger } from '../ledger/ledger';
import { assertCancellable, available, CancellationRefused } from '../pool/license-arithmetic';
import { PoolRepository } from '../pool/pool.repository';

/** A purchase of licenses. */
export interface PurchaseView {
  purchaseId: string;
  orderNo: string;
  quantity: number;
  unitPrice: string;
  currencyCode: string;
  amount: string;
  purchasedBy: string;
  purchasedAt: string;
}

const PURCHASE_COLUMNS = `id AS "purchaseId", order_no AS "orderNo", quantity, unit_price AS "unitPrice",
  currency_code AS "currencyCode", amount, purchased_by AS "purchasedBy", purchased_at AS "purchasedAt"`;

function toView(row: PurchaseView & { purchasedAt: Date | string }): PurchaseView {
  return { ...row, purchasedAt: new Date(row.purchasedAt).toISOString() };
}

/** Checkout (idempotent per key), purchases and cancellations. */
@Injectable()
export class CheckoutService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cart: CartService,
    private readonly outbox: Outbox,
  ) {}

  /**
   * Buys what the cart holds, once per idempotency key: the same key again answers the first purchase
   * (`replayed: true`) and buys nothing. One transaction raises the pool, writes the purchase, the ledger line
   * and `LicensesPurchased`, and empties the cart.
   */
  async checkout(
    tenantId: string,
    idempotencyKey: string,
    purchasedBy: string,
    correlationId: string,
  ): Promise<{ purchase: PurchaseView; replayed: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      // The cart lock serializes checkouts of a tenant, so a concurrent retry of the same key finds the purchase.
      await this.cart.lockCart(manager, tenantId);
      const existing = await this.findByKey(manager, tenantId, idempotencyKey);
      if (existing) return { purchase: existing, replayed: true };

      const cart = await this.cart.viewWith(manager, tenantId);
      if (cart.lines.length === 0) {
        throw new ProblemException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          'the cart is empty; add licenses before checking out',
          {
            code: 'cart_empty',
          },
        );
      }
      const unitPrice = cart.lines[0].unitPrice;
      const pools = new PoolRepository(manager);
      await pools.get(tenantId);
      const after = await pools.addPurchased(tenantId, cart.quantity);
      const purchase: PurchaseView = {
        purchaseId: randomUUID(),
        orderNo: `LIC-${String(after.purchaseSeq).padStart(6, '0')}`,
        quantity: cart.quantity,
        unitPrice,
        currencyCode: cart.currencyCode,
        amount: multiply(unitPrice, cart.quantity),
        purchasedBy,
        purchasedAt: new Date().toISOString(),
      };
      await manager.query(
        `INSERT INTO purchase (id, tenant_id, order_no, idempotency_key, quantity, unit_price, currency_code, amount, purchased_by, purchased_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          purchase.purchaseId,
          tenantId,
          purchase.orderNo,
          idempotencyKey,
          purchase.quantity,
          purchase.unitPrice,
          purchase.currencyCode,
          purchase.amount,
          purchasedBy,
          purchase.purchasedAt,
        ],
      );
      await manager.query(`DELETE FROM cart_line WHERE tenant_id = $1`, [tenantId]);
      await recordLedger(manager, {
        tenantId,
        kind: 'purchase',
        delta: { purchased: purchase.quantity },
        after,
        cause: `checkout:${idempotencyKey}`,
        actor: purchasedBy,
      });
      await this.outbox.append(manager, [
        this.outbox.create(LicensesPurchased, {
          tenantId,
          correlationId,
          payload: {
            purchaseId: purchase.purchaseId,
            orderNo: purchase.orderNo,
            quantity: purchase.quantity,
            unitPrice: purchase.unitPrice,
            currencyCode: purchase.currencyCode,
            purchasedBy,
            purchasedTotal: after.purchased,
          },
        }),
      ]);
      return { purchase, replayed: false };
    });
  }

  async purchases(tenantId: string, page: number, pageSize: number): Promise<Page<PurchaseView>> {
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM purchase WHERE tenant_id = $1`,
      [tenantId],
    );
    const rows = await this.dataSource.query(
      `SELECT ${PURCHASE_COLUMNS} FROM purchase WHERE tenant_id = $1 ORDER BY purchased_at DESC, order_no DESC LIMIT $2 OFFSET $3`,
      [tenantId, pageSize, (page - 1) * pageSize],
    );
    return { items: rows.map(toView), page, pageSize, total };
  }

  /** Lowers the purchased count; refused (409, with the numbers) below what is reserved plus consumed. */
  async cancel(tenantId: string, quantity: number, actor: string, requestId: string) {
    return this.dataSource.transaction(async (manager) => {
      const pools = new PoolRepository(manager);
      const after = await pools.cancel(tenantId, quantity);
      if (!after) {
        const pool = await pools.get(tenantId);
        const refusal = (() => {
          try {
            assertCancellable(pool, quantity);
            return new CancellationRefused(quantity, pool);
          } catch (error) {
            return error as CancellationRefused;
          }
        })();
        throw new ProblemException(HttpStatus.CONFLICT, refusal.message, {
          code: 'cancellation_below_usage',
          requested: quantity,
          purchased: pool.purchased,
          reserved: pool.reserved,
          consumed: pool.consumed,
        });
      }
      await recordLedger(manager, {
        tenantId,
        kind: 'cancellation',
        delta: { purchased: -quantity },
        after,
        cause: `request:${requestId}`,
        actor,
      });
      return {
        purchased: after.purchased,
        reserved: after.reserved,
        consumed: after.consumed,
        available: available(after),
      };
    });
  }

  private async findByKey(manager: EntityManager, tenantId: string, key: string): Promise<PurchaseView | undefined> {
    const [row] = await manager.query(
      `SELECT ${PURCHASE_COLUMNS} FROM purchase WHERE tenant_id = $1 AND idempotency_key = $2`,
      [tenantId, key],
    );
    return row ? toView(row) : undefined;
  }
}
