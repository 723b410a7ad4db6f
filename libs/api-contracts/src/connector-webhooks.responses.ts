import { IsIn, IsInt, IsString, IsUUID, Min } from 'class-validator';
import { IsUtcTimestamp } from '@partner-portal/contracts';
import { WEBHOOK_DELIVERY_STATUSES, type WebhookDeliveryStatus } from './connector-webhooks.requests';
import { NestedArray, Nullable, PageResponse } from './response-rules';

/** A registered webhook as administrators see it: never its secret, except once when the platform drew it. */
export class ConnectorWebhookResponse {
  @IsUUID()
  id!: string;

  @IsString()
  url!: string;

  @IsString()
  label!: string;

  /** The identity subject of the administrator who registered it. */
  @IsString()
  createdBy!: string;

  @IsUtcTimestamp()
  createdAt!: string;

  /** Set when it was removed: it receives nothing more, and its pending deliveries were cancelled. */
  @Nullable()
  @IsUtcTimestamp()
  removedAt!: string | null;
}

/** A webhook just registered: `secret` is shown this once. */
export class RegisteredConnectorWebhookResponse extends ConnectorWebhookResponse {
  /** The signing secret: the one sent, or the one the platform drew (`whsec_...`). */
  @IsString()
  secret!: string;
}

/** The tenant's webhooks, newest first. */
export class ConnectorWebhookListResponse extends PageResponse {
  @NestedArray(() => ConnectorWebhookResponse)
  items!: ConnectorWebhookResponse[];
}

/** One portal order's delivery to one webhook, with what its last attempt met. */
export class WebhookDeliveryResponse {
  @IsUUID()
  id!: string;

  @IsUUID()
  webhookId!: string;

  /** The order's position in the tenant's feed, as `GET /api/connector/portal-orders` gives it. */
  @IsString()
  cursor!: string;

  /** The `PortalOrderSubmitted` event's id: what a receiver deduplicates by. */
  @IsUUID()
  eventId!: string;

  /** `pending` (will be tried at `nextAttemptAt`), `delivered`, `failed` (gave up after 24 hours), `cancelled`. */
  @IsIn(WEBHOOK_DELIVERY_STATUSES)
  status!: WebhookDeliveryStatus;

  @IsInt()
  @Min(0)
  attempts!: number;

  @IsUtcTimestamp()
  createdAt!: string;

  @Nullable()
  @IsUtcTimestamp()
  lastAttemptAt!: string | null;

  /** The HTTP status the endpoint answered last; null when it answered none (refused, timed out). */
  @Nullable()
  @IsInt()
  lastResponseStatus!: number | null;

  /** Why the last attempt failed, in a sentence; null after a success. */
  @Nullable()
  @IsString()
  lastError!: string | null;

  @Nullable()
  @IsUtcTimestamp()
  nextAttemptAt!: string | null;

  @Nullable()
  @IsUtcTimestamp()
  deliveredAt!: string | null;

  /** The delivery this one repeats, when an administrator asked to redeliver. */
  @Nullable()
  @IsUUID()
  redeliveryOf!: string | null;
}

/** A page of a webhook's delivery log, newest first. */
export class WebhookDeliveryListResponse extends PageResponse {
  @NestedArray(() => WebhookDeliveryResponse)
  items!: WebhookDeliveryResponse[];
}
