import { Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import {
  pageOf,
  Refusal,
  type ConnectorWebhookListResponse,
  type ConnectorWebhookResponse,
  type PageRequest,
  type RegisterConnectorWebhookRequest,
  type RegisteredConnectorWebhookResponse,
  type WebhookDeliveryListResponse,
  type WebhookDeliveryQuery,
  type WebhookDeliveryResponse,
  type WebhookDeliveryStatus,
} from '@partner-portal/api-contracts';
import { selectListPage } from '@partner-portal/internal-api';
import { DocumentProjectionConfig } from '../config/document-projection.config';
import { checkWebhookUrl } from './webhook-delivery-rules';
import { WEBHOOK_DELIVERY_CHANNEL } from './webhook-dispatcher';

/** Webhooks one tenant may have receiving at once: enough for production and a test system, and a bound on fan-out. */
export const WEBHOOKS_PER_TENANT_MAX = 5;

interface WebhookRow {
  id: string;
  url: string;
  label: string;
  created_by: string;
  created_at: Date;
  removed_at: Date | null;
}

const WEBHOOK_COLUMNS = 'id, url, label, created_by, created_at, removed_at';

const webhookView = (r: WebhookRow): ConnectorWebhookResponse => ({
  id: r.id,
  url: r.url,
  label: r.label,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
  removedAt: r.removed_at?.toISOString() ?? null,
});

interface DeliveryRow {
  id: string;
  webhook_id: string;
  seq: string;
  event_id: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  created_at: Date;
  last_attempt_at: Date | null;
  last_response_status: number | null;
  last_error: string | null;
  next_attempt_at: Date | null;
  delivered_at: Date | null;
  redelivery_of: string | null;
}

const DELIVERY_COLUMNS = `id, webhook_id, seq, event_id, status, attempts, created_at, last_attempt_at,
  last_response_status, last_error, next_attempt_at, delivered_at, redelivery_of`;

const deliveryView = (r: DeliveryRow): WebhookDeliveryResponse => ({
  id: r.id,
  webhookId: r.webhook_id,
  cursor: String(r.seq),
  eventId: r.event_id,
  status: r.status,
  attempts: r.attempts,
  createdAt: r.created_at.toISOString(),
  lastAttemptAt: r.last_attempt_at?.toISOString() ?? null,
  lastResponseStatus: r.last_response_status,
  lastError: r.last_error,
  nextAttemptAt: r.status === 'pending' ? (r.next_attempt_at?.toISOString() ?? null) : null,
  deliveredAt: r.delivered_at?.toISOString() ?? null,
  redeliveryOf: r.redelivery_of,
});

/** Tenants' webhooks for their ERP connectors, and each one's delivery log. */
@Injectable()
export class ConnectorWebhooksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: DocumentProjectionConfig,
  ) {}

  /**
   * One delivery per receiving webhook of the order's tenant, in the transaction that puts the order into the feed:
   * a webhook registered before the order commits gets it, and none is lost to a crash between the two.
   */
  static async enqueue(manager: EntityManager, tenantId: string, seq: number, eventId: string): Promise<void> {
    const queued: unknown[] = await manager.query(
      `INSERT INTO connector_webhook_delivery (id, webhook_id, tenant_id, seq, event_id, status, next_attempt_at)
       SELECT gen_random_uuid(), id, tenant_id, $2, $3, 'pending', now()
         FROM connector_webhook WHERE tenant_id = $1 AND removed_at IS NULL
       RETURNING 1`,
      [tenantId, seq, eventId],
    );
    // Wakes the dispatchers when the order commits (they look when retries fall due anyway).
    if (queued.length > 0) await manager.query(`SELECT pg_notify($1, '')`, [WEBHOOK_DELIVERY_CHANNEL]);
  }

  async register(
    tenantId: string,
    createdBy: string,
    request: RegisterConnectorWebhookRequest,
  ): Promise<RegisteredConnectorWebhookResponse> {
    const url = checkWebhookUrl(request.url, this.config.webhookTrustedHosts);
    const secret = request.secret ?? `whsec_${randomBytes(32).toString('base64url')}`;
    return this.dataSource.transaction(async (manager) => {
      // One registration of a tenant at a time, so that two at once cannot both pass the limit.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('connector_webhook:' || $1))`, [tenantId]);
      const [{ receiving }] = await manager.query(
        `SELECT count(*)::int AS receiving FROM connector_webhook WHERE tenant_id = $1 AND removed_at IS NULL`,
        [tenantId],
      );
      if (receiving >= WEBHOOKS_PER_TENANT_MAX) {
        throw new Refusal(
          'conflict',
          'too_many_webhooks',
          `a tenant has at most ${WEBHOOKS_PER_TENANT_MAX} webhooks; remove one before registering another`,
        );
      }
      const [row] = await manager.query(
        `INSERT INTO connector_webhook (id, tenant_id, url, label, secret, created_by)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${WEBHOOK_COLUMNS}`,
        [randomUUID(), tenantId, url.href, request.label, secret, createdBy],
      );
      return { ...webhookView(row), secret };
    });
  }

  async list(tenantId: string, request: PageRequest): Promise<ConnectorWebhookListResponse> {
    const { rows, total } = await selectListPage<WebhookRow>(
      this.dataSource,
      {
        columns: WEBHOOK_COLUMNS,
        from: 'connector_webhook',
        where: 'tenant_id = $1',
        orderBy: 'created_at DESC, id',
        params: [tenantId],
      },
      request,
    );
    return pageOf(rows.map(webhookView), request, total);
  }

  /** Stops a webhook: it receives nothing more, and what was still to be delivered to it is cancelled. */
  async remove(tenantId: string, webhookId: string): Promise<ConnectorWebhookResponse> {
    return this.dataSource.transaction(async (manager) => {
      const [rows] = await manager.query(
        `UPDATE connector_webhook SET removed_at = coalesce(removed_at, now())
          WHERE tenant_id = $1 AND id = $2 RETURNING ${WEBHOOK_COLUMNS}`,
        [tenantId, webhookId],
      );
      if (!rows?.[0]) throw webhookNotFound(webhookId);
      await manager.query(
        `UPDATE connector_webhook_delivery SET status = 'cancelled', next_attempt_at = NULL
          WHERE webhook_id = $1 AND status = 'pending'`,
        [webhookId],
      );
      return webhookView(rows[0]);
    });
  }

  /** A page of the webhook's delivery log, newest first. */
  async deliveries(
    tenantId: string,
    webhookId: string,
    query: WebhookDeliveryQuery,
  ): Promise<WebhookDeliveryListResponse> {
    await this.webhookOf(tenantId, webhookId);
    const params: unknown[] = [webhookId];
    if (query.status) params.push(query.status);
    const { rows, total } = await selectListPage<DeliveryRow>(
      this.dataSource,
      {
        columns: DELIVERY_COLUMNS,
        from: 'connector_webhook_delivery',
        where: `webhook_id = $1${query.status ? ' AND status = $2' : ''}`,
        orderBy: 'created_at DESC, id',
        params,
      },
      query,
    );
    return pageOf(rows.map(deliveryView), query, total);
  }

  /**
   * Sends a delivery's order again, now, as a new delivery with its own attempts and day of retries: after the
   * endpoint was fixed, or when the connector lost what it received.
   */
  async redeliver(tenantId: string, webhookId: string, deliveryId: string): Promise<WebhookDeliveryResponse> {
    const webhook = await this.webhookOf(tenantId, webhookId);
    if (webhook.removed_at) {
      throw new Refusal('conflict', 'webhook_removed', `webhook ${webhookId} was removed; it receives nothing more`);
    }
    const [row] = await this.dataSource.query(
      `INSERT INTO connector_webhook_delivery (id, webhook_id, tenant_id, seq, event_id, status, next_attempt_at, redelivery_of)
       SELECT $3, webhook_id, tenant_id, seq, event_id, 'pending', now(), id
         FROM connector_webhook_delivery WHERE webhook_id = $1 AND id = $2
       RETURNING ${DELIVERY_COLUMNS}`,
      [webhookId, deliveryId, randomUUID()],
    );
    if (!row) {
      throw new Refusal('not_found', 'not_found', `delivery ${deliveryId} of webhook ${webhookId} not found`);
    }
    await this.dataSource.query(`SELECT pg_notify($1, '')`, [WEBHOOK_DELIVERY_CHANNEL]);
    return deliveryView(row);
  }

  private async webhookOf(tenantId: string, webhookId: string): Promise<WebhookRow> {
    const [row] = await this.dataSource.query(
      `SELECT ${WEBHOOK_COLUMNS} FROM connector_webhook WHERE tenant_id = $1 AND id = $2`,
      [tenantId, webhookId],
    );
    if (!row) throw webhookNotFound(webhookId);
    return row;
  }
}

function webhookNotFound(webhookId: string): Refusal {
  return new Refusal('not_found', 'not_found', `webhook ${webhookId} not found`);
}
