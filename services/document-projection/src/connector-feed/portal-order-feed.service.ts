import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  PortalOrderFeedQuery,
  PortalOrderFeedResponse,
  PortalOrdersAcknowledgedResponse,
} from '@partner-portal/api-contracts';
import type { EventEnvelope } from '@partner-portal/contracts';
import { ChannelListener } from '@partner-portal/messaging';
import { ConnectorWebhooksService } from '../connector-webhooks/connector-webhooks.service';
import { acknowledge, readFrom, type FeedPosition } from './portal-order-feed-rules';

/** Notified (with the tenant) when an order joins a feed, at the commit of its transaction. */
const FEED_CHANNEL = 'portal_order_feed';

/** A waiting read looks again at least this often, should a notification be lost (a dropped LISTEN connection). */
const FALLBACK_POLL_MS = 5_000;

/**
 * Each tenant's portal orders as a feed for ERP connectors that speak only HTTP: the `PortalOrderSubmitted`
 * envelope written beside the outbox row in the order's own transaction, at the position of the order's number.
 * Numbers are drawn from a per-tenant counter row that stays locked until the order commits, so a tenant's orders
 * commit in position order and a reader never skips one that commits late.
 */
@Injectable()
export class PortalOrderFeedService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PortalOrderFeedService.name);
  private readonly listener: ChannelListener;
  private readonly waiting = new Set<() => void>();

  constructor(private readonly dataSource: DataSource) {
    this.listener = new ChannelListener(dataSource, FEED_CHANNEL, () => this.wake());
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.listener
      .open()
      .catch((error: Error) =>
        this.logger.warn({ message: 'feed reads poll only: LISTEN failed', error: error.message }),
      );
  }

  async onApplicationShutdown(): Promise<void> {
    this.wake();
    await this.listener.close();
  }

  /** Puts a submitted order into its tenant's feed, and on the way to its webhooks, in the transaction that submits it. */
  static async append(manager: EntityManager, position: number, event: EventEnvelope<object>): Promise<void> {
    await manager.query(`INSERT INTO portal_order_feed (tenant_id, seq, event) VALUES ($1, $2, $3)`, [
      event.tenantId,
      position,
      JSON.stringify(event),
    ]);
    await ConnectorWebhooksService.enqueue(manager, event.tenantId, position, event.eventId);
    await manager.query(`SELECT pg_notify($1, $2)`, [FEED_CHANNEL, event.tenantId]);
  }

  /** The next orders after the read's start; with none, waits up to `waitSeconds` for one. */
  async read(tenantId: string, query: PortalOrderFeedQuery): Promise<PortalOrderFeedResponse> {
    const until = Date.now() + query.waitSeconds * 1_000;
    for (;;) {
      const position = await this.position(tenantId);
      const from = readFrom(position, query.after);
      const rows: Array<{ seq: string; event: Record<string, unknown> }> = await this.dataSource.query(
        `SELECT seq, event FROM portal_order_feed WHERE tenant_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
        [tenantId, from, query.limit],
      );
      const left = until - Date.now();
      if (rows.length > 0 || left <= 0) {
        return {
          orders: rows.map((r) => ({ cursor: String(r.seq), event: r.event })),
          nextCursor: rows.length > 0 ? String(rows[rows.length - 1].seq) : String(from),
          acknowledgedCursor: String(position.acknowledged),
        };
      }
      await this.nextOrder(Math.min(left, FALLBACK_POLL_MS));
    }
  }

  /** Records that the tenant's connector has handled every order up to `cursor`. */
  async acknowledge(tenantId: string, cursor: string): Promise<PortalOrdersAcknowledgedResponse> {
    return this.dataSource.transaction(async (manager) => {
      // One acknowledgement of a tenant at a time: the rule sees the position it moves.
      await manager.query(
        `INSERT INTO portal_order_feed_cursor (tenant_id, acknowledged_seq) VALUES ($1, 0) ON CONFLICT DO NOTHING`,
        [tenantId],
      );
      const position = await this.position(tenantId, manager, 'FOR UPDATE');
      const acknowledged = acknowledge(position, cursor);
      await manager.query(
        `UPDATE portal_order_feed_cursor SET acknowledged_seq = $2, acknowledged_at = now() WHERE tenant_id = $1`,
        [tenantId, acknowledged],
      );
      return { acknowledgedCursor: String(acknowledged) };
    });
  }

  private async position(
    tenantId: string,
    manager: EntityManager = this.dataSource.manager,
    lock: '' | 'FOR UPDATE' = '',
  ): Promise<FeedPosition> {
    const [cursor] = await manager.query(
      `SELECT acknowledged_seq FROM portal_order_feed_cursor WHERE tenant_id = $1 ${lock}`,
      [tenantId],
    );
    const [newest] = await manager.query(`SELECT max(seq) AS seq FROM portal_order_feed WHERE tenant_id = $1`, [
      tenantId,
    ]);
    return { acknowledged: Number(cursor?.acknowledged_seq ?? 0), newest: Number(newest?.seq ?? 0) };
  }

  private wake(): void {
    for (const waiter of [...this.waiting]) waiter();
  }

  private nextOrder(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiting.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiting.add(done);
    });
  }
}
