import { Type } from 'class-transformer';
import { IsArray, IsInt, IsObject, IsString, Min, ValidateNested } from 'class-validator';

/** Every event of a connector's batch was acknowledged by Kafka. */
export class ConnectorEventsAcceptedResponse {
  /** How many events were published. */
  @IsInt()
  @Min(1)
  accepted!: number;
}

/** One portal order in the feed: its position and the `PortalOrderSubmitted` envelope, as Kafka carries it. */
export class PortalOrderFeedEntry {
  /** Acknowledge this to say the order and every one before it are handled. */
  @IsString()
  cursor!: string;

  /** The `PortalOrderSubmitted` event (docs/events.md): envelope and payload. */
  @IsObject()
  event!: Record<string, unknown>;
}

/** The next portal orders of the key's tenant, oldest first. */
export class PortalOrderFeedResponse {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => PortalOrderFeedEntry)
  orders!: PortalOrderFeedEntry[];

  /** Pass as `after` to read on: the last order's cursor, or the position read from when none came. */
  @IsString()
  nextCursor!: string;

  /** The last cursor the tenant's connector acknowledged (`0`: none yet). */
  @IsString()
  acknowledgedCursor!: string;
}

/** Where the tenant's connector now stands. */
export class PortalOrdersAcknowledgedResponse {
  /** The highest cursor acknowledged so far (an older acknowledgement never moves it back). */
  @IsString()
  acknowledgedCursor!: string;
}
