import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { LicensesPurchased } from '@partner-portal/contracts';
import {
  pageOf,
  Refusal,
  type PoolResponse,
  type PurchasePage,
  type PurchaseResponse,
} from '@partner-portal/api-contracts';
import { selectListPage } from '@partner-portal/internal-api';
import { Outbox } from '@partner-portal/messaging';
import { CartService } from '../cart/cart.service';
import { recordLedger } from '../ledger/ledger';
import {
  available,
  cancellationRefused,
  cancelLicenses,
  checkOut,
  ledgerEntryOf,
  orderNumber,
} from '../pool/license-rules';
import { PoolRepository } from '../pool/pool.repository';

/** A purchase of licenses: the API contract's shape. */
export type PurchaseView = PurchaseResponse;

const PURCHASE_COLUMNS = `id AS "purchaseId", order_no AS "orderNo", quantity, unit_price AS "unitPrice",
  currency_code AS "currencyCode", amount, purchased_by AS "purchasedBy", purchased_at AS "purchasedAt"`;

/** A purchase as `PURCHASE_COLUMNS` reads it: the contract's fields, the time still a `Date`. */
type PurchaseRow = Omit<PurchaseView, 'purchasedAt'> & { purchasedAt: Date | string };

/** A row of `PURCHASE_COLUMNS` as the API shows it, field by field (nothing reaches the API outside the contract). */
function toView(row: PurchaseRow): PurchaseView {
  return {
    purchaseId: row.purchaseId,
    orderNo: row.orderNo,
    quantity: row.quantity,
    unitPrice: row.unitPrice,
    currencyCode: row.currencyCode,
    amount: row.amount,
    purchasedBy: row.purchasedBy,
    purchasedAt: new Date(row.purchasedAt).toISOString(),
  };
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
   * Buys what the calling administrator's cart holds, once per idempotency key: the same key again answers the first
   * purchase (`replayed: true`) and buys nothing. One transaction raises the pool, writes the purchase, the ledger
   * line and `LicensesPurchased`, and empties that administrator's cart (another administrator's cart stays).
   */
  async checkout(
    tenantId: string,
    idempotencyKey: string,
    purchasedBy: string,
    correlationId: string,
  ): Promise<{ purchase: PurchaseView; replayed: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      // Checkouts of a tenant serialize (keys are unique per tenant, so a concurrent retry of the same key finds the
      // purchase instead of a unique violation); then the administrator's cart lock keeps their cart still meanwhile.
      // Cart changes take only the cart lock, so the order of the two locks never deadlocks.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('checkout:' || $1))`, [tenantId]);
      await this.cart.lockCart(manager, tenantId, purchasedBy);
      const earlier = await this.findByKey(manager, tenantId, idempotencyKey);
      const cart = await this.cart.viewWith(manager, tenantId, purchasedBy);
      const decision = checkOut({
        administrator: purchasedBy,
        earlier,
        lines: cart.lines,
        currencyCode: cart.currencyCode,
      });
      if (decision instanceof Refusal) throw decision;
      if (decision.type === 'replay') return { purchase: decision.purchase, replayed: true };

      const pools = new PoolRepository(manager);
      await pools.get(tenantId);
      const after = await pools.addPurchased(tenantId, decision.quantity);
      const purchase: PurchaseView = {
        purchaseId: randomUUID(),
        orderNo: orderNumber(after.purchaseSeq),
        quantity: decision.quantity,
        unitPrice: decision.unitPrice,
        currencyCode: decision.currencyCode,
        amount: decision.amount,
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
      await this.cart.empty(manager, tenantId, purchasedBy);
      await recordLedger(manager, {
        tenantId,
        ...ledgerEntryOf(decision.pool),
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

  /** The tenant's purchases, newest first; an order number is unique in a tenant, so the order is total. */
  async purchases(tenantId: string, page: number, pageSize: number): Promise<PurchasePage> {
    const { rows, total } = await selectListPage<PurchaseRow>(
      this.dataSource,
      {
        columns: PURCHASE_COLUMNS,
        from: 'purchase',
        where: 'tenant_id = $1',
        orderBy: 'purchased_at DESC, order_no DESC',
        params: [tenantId],
      },
      { page, pageSize },
    );
    return pageOf(rows.map(toView), { page, pageSize }, total);
  }

  /** Lowers the purchased count; refused (409, with the numbers) below what is reserved plus consumed. */
  async cancel(tenantId: string, quantity: number, actor: string, requestId: string): Promise<PoolResponse> {
    return this.dataSource.transaction(async (manager) => {
      const pools = new PoolRepository(manager);
      const decision = cancelLicenses(await pools.get(tenantId), quantity);
      if (decision instanceof Refusal) throw decision;
      const after = await pools.apply(tenantId, decision.pool);
      // The guard caught a reservation or consumption that came in since the read: refused with the numbers now.
      if (!after) throw cancellationRefused(quantity, await pools.get(tenantId));
      await recordLedger(manager, {
        tenantId,
        ...ledgerEntryOf(decision.pool),
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
