import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

/** A position in a tenant's feed of portal orders: the decimal number of the last order handled. */
const FEED_CURSOR = /^(0|[1-9][0-9]{0,15})$/;
const CURSOR_MESSAGE = '$property must be a cursor this API gave (a whole number)';

/** Most orders one read of the feed answers, and the longest it waits for one. */
export const PORTAL_ORDER_FEED_LIMIT_MAX = 100;
export const PORTAL_ORDER_FEED_WAIT_MAX_S = 25;

/** Where a connector reads the feed of portal orders from, how many, and how long it will wait for one. */
export class PortalOrderFeedQuery {
  /** The cursor of the last order already read; absent: from the last acknowledged one (or the start). */
  @IsOptional()
  @Matches(FEED_CURSOR, { message: CURSOR_MESSAGE })
  after?: string;

  /** At most this many orders (1 to 100, default 20). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(PORTAL_ORDER_FEED_LIMIT_MAX)
  limit = 20;

  /** With nothing new, hold the answer up to this many seconds until an order arrives (0 to 25, default 0). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(PORTAL_ORDER_FEED_WAIT_MAX_S)
  waitSeconds = 0;
}

/** The connector has durably handled every order up to and including this cursor. */
export class AcknowledgePortalOrdersRequest {
  @Matches(FEED_CURSOR, { message: CURSOR_MESSAGE })
  cursor!: string;
}
