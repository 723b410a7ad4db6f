import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { DataSource } from 'typeorm';
import { ChannelListener } from '@partner-portal/messaging';
import { DocumentProjectionConfig } from '../config/document-projection.config';
import {
  afterAttempt,
  isPrivateAddress,
  signatureHeader,
  WEBHOOK_ATTEMPT_TIMEOUT_MS,
  type AttemptOutcome,
} from './webhook-delivery-rules';

/** Deliveries one instance attempts at once. */
const BATCH = 10;

/** The channel a new delivery notifies (`ConnectorWebhooksService.enqueue`). */
export const WEBHOOK_DELIVERY_CHANNEL = 'connector_webhook_delivery';

/** How often an idle dispatcher looks for due deliveries when it cannot LISTEN, or after a failed round. */
const IDLE_POLL_MS = 1_000;

/** Longest sleep of an idle dispatcher that LISTENs: new deliveries wake it, retries when they fall due. */
const IDLE_MAX_MS = 60_000;

/**
 * A claimed delivery is not picked again for this long, so an instance that dies mid-attempt only delays it; the
 * attempt that comes back later than that finds its claim gone and records nothing.
 */
const CLAIM_SECONDS = 60;

interface ClaimedDelivery {
  id: string;
  seq: string;
  tenant_id: string;
  attempts: number;
  created_at: Date;
  url: string;
  secret: string;
  event: { eventId: string; type: string };
}

/**
 * POSTs each pending delivery to its webhook, signed, and records what the endpoint answered; failed ones are tried
 * again on the schedule of `afterAttempt` for a day. Several instances share the work: each claims its deliveries
 * with `SKIP LOCKED`.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookDispatcher.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private sleeping = false;
  /** Counts notifications, so that a round learns of one that came while it ran. */
  private wakes = 0;
  private readonly listener: ChannelListener;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: DocumentProjectionConfig,
  ) {
    this.listener = new ChannelListener(dataSource, WEBHOOK_DELIVERY_CHANNEL, () => this.wake());
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.listener
      .open()
      .catch((error: Error) =>
        this.logger.warn({ message: 'webhook deliveries polled only: LISTEN failed', error: error.message }),
      );
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await this.listener.close();
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.sleeping = true;
    this.timer = setTimeout(() => {
      this.sleeping = false;
      const wakes = this.wakes;
      this.running = this.round()
        .then((attempted) => (attempted === BATCH || this.wakes !== wakes ? 0 : this.idleDelay()))
        .catch((error: Error) => {
          this.logger.warn({ message: 'webhook deliveries could not be attempted', error: error.message });
          return IDLE_POLL_MS;
        })
        .then((delay) => this.schedule(delay));
    }, delayMs);
  }

  private wake(): void {
    this.wakes += 1;
    if (!this.sleeping) return;
    clearTimeout(this.timer);
    this.schedule(0);
  }

  /** Until the next pending delivery falls due (a retry, or a claim that ran out), at most IDLE_MAX_MS. */
  private async idleDelay(): Promise<number> {
    if (!this.listener.listening) return IDLE_POLL_MS;
    const [{ ms }]: Array<{ ms: number | null }> = await this.dataSource.query(
      `SELECT ceil(extract(epoch FROM min(next_attempt_at) - now()) * 1000)::int AS ms
         FROM connector_webhook_delivery WHERE status = 'pending'`,
    );
    return ms === null ? IDLE_MAX_MS : Math.min(IDLE_MAX_MS, Math.max(0, ms) + 1);
  }

  /** Attempts the due deliveries it could claim; answers how many. */
  private async round(): Promise<number> {
    const claimed: ClaimedDelivery[] = await this.dataSource.query(
      `WITH due AS (
         SELECT id FROM connector_webhook_delivery
          WHERE status = 'pending' AND next_attempt_at <= now()
          ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED),
       claimed AS (
         UPDATE connector_webhook_delivery d
            SET attempts = d.attempts + 1, last_attempt_at = now(),
                next_attempt_at = now() + make_interval(secs => $2)
           FROM due WHERE d.id = due.id
         RETURNING d.id, d.webhook_id, d.tenant_id, d.seq, d.attempts, d.created_at)
       SELECT c.id, c.seq, c.tenant_id, c.attempts, c.created_at, w.url, w.secret, f.event
         FROM claimed c
         JOIN connector_webhook w ON w.id = c.webhook_id
         JOIN portal_order_feed f ON f.tenant_id = c.tenant_id AND f.seq = c.seq`,
      [BATCH, CLAIM_SECONDS],
    );
    await Promise.all(claimed.map((delivery) => this.attempt(delivery)));
    return claimed.length;
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    const body = JSON.stringify({ cursor: String(delivery.seq), event: delivery.event });
    const outcome = await this.post(delivery, body);
    const decision = afterAttempt({ createdAt: delivery.created_at, attempts: delivery.attempts }, outcome, new Date());
    await this.dataSource.query(
      `UPDATE connector_webhook_delivery
          SET status = $3, last_response_status = $4,
              last_error = $5, next_attempt_at = $6, delivered_at = CASE WHEN $3 = 'delivered' THEN now() END
        WHERE id = $1 AND attempts = $2 AND status = 'pending'`,
      [
        delivery.id,
        delivery.attempts,
        decision.status,
        outcome.status,
        decision.status === 'delivered' ? null : decision.error,
        decision.status === 'pending' ? decision.nextAttemptAt : null,
      ],
    );
    if (decision.status === 'failed') {
      this.logger.warn({
        message: 'webhook delivery given up',
        deliveryId: delivery.id,
        tenantId: delivery.tenant_id,
        error: decision.error,
      });
    }
  }

  /** One signed POST; never throws: what went wrong is the outcome. */
  private post(delivery: ClaimedDelivery, body: string): Promise<AttemptOutcome> {
    const url = new URL(delivery.url);
    const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    const trusted = this.config.webhookTrustedHosts.includes(host);
    if (!trusted && isIP(host) && isPrivateAddress(host)) {
      return Promise.resolve({ status: null, error: `${host} is an address of the platform's own network` });
    }
    const options: RequestOptions = {
      method: 'POST',
      timeout: WEBHOOK_ATTEMPT_TIMEOUT_MS,
      lookup: trusted ? undefined : publicAddressesOnly,
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'user-agent': 'partner-portal-webhooks/1',
        'portal-signature': signatureHeader(delivery.secret, Math.floor(Date.now() / 1_000), body),
        'portal-event-id': delivery.event.eventId,
        'portal-event-type': delivery.event.type,
        'portal-delivery-id': delivery.id,
        'portal-delivery-attempt': String(delivery.attempts),
      },
    };
    return new Promise((resolve) => {
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const request = send(url, options, (response) => {
        // The answer's body is the endpoint's business; only its status counts.
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode ?? null }));
        response.on('error', (error) => resolve({ status: response.statusCode ?? null, error: error.message }));
      });
      request.on('timeout', () =>
        request.destroy(new Error(`no answer within ${WEBHOOK_ATTEMPT_TIMEOUT_MS / 1_000} s`)),
      );
      request.on('error', (error) =>
        resolve({ status: null, error: `the endpoint could not be reached: ${error.message}` }),
      );
      request.end(body);
    });
  }
}

/**
 * Resolves a webhook's host name and refuses it when any address is the platform's own network: checked at
 * connection time, so a name that resolves elsewhere after registration (DNS rebinding) reaches nothing inside.
 */
const publicAddressesOnly: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    const inside = addresses.find((a) => isPrivateAddress(a.address));
    if (inside) {
      return callback(
        new Error(`${hostname} resolves to ${inside.address}, an address of the platform's own network`),
        '',
        0,
      );
    }
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
};
