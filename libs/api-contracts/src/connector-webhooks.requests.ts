import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsText } from '@partner-portal/contracts';
import { PageQuery } from './paging';

/** What a webhook's secret must be: long enough to sign with, printable, no spaces. */
export const WEBHOOK_SECRET_MIN = 24;
export const WEBHOOK_SECRET_MAX = 200;

/** An HTTPS endpoint of the tenant's ERP connector that receives each portal order as it is submitted. */
export class RegisterConnectorWebhookRequest {
  /** Where to POST, e.g. `https://erp.example.com/portal-orders`; https only. */
  @IsString()
  @MaxLength(2_000)
  url!: string;

  /** What the endpoint is, e.g. "Business Central production". */
  @IsText(100)
  label!: string;

  /**
   * The shared secret the deliveries are signed with (HMAC-SHA256, docs/connectors.md, "Webhooks"): 24 to 200
   * printable characters. Absent: the platform draws one and shows it once in the answer.
   */
  @IsOptional()
  @IsString()
  @MinLength(WEBHOOK_SECRET_MIN)
  @MaxLength(WEBHOOK_SECRET_MAX)
  @Matches(/^[\x21-\x7e]+$/, { message: 'secret must be printable ASCII characters without spaces' })
  secret?: string;
}

/** Which deliveries a webhook's log shows. */
export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'cancelled'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** A page of a webhook's delivery log, newest first, optionally of one status. */
export class WebhookDeliveryQuery extends PageQuery {
  @IsOptional()
  @IsIn(WEBHOOK_DELIVERY_STATUSES)
  status?: WebhookDeliveryStatus;
}
