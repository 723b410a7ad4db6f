import { IsInt, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IsCurrencyCode, IsDecimalString, IsErpCode } from '../common/field-rules';
import { defineEvent, tenantKey } from '../event-definition';
import { Topics } from '../topics';

/** A tenant bought partner user licenses; the pool grew. */
export class LicensesPurchasedV1 {
  @IsUUID()
  purchaseId!: string;

  /** The purchase's order number, e.g. `LIC-000012`. */
  @IsErpCode()
  orderNo!: string;

  /** Licenses bought. */
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  quantity!: number;

  /** Price per license, decimal string. */
  @IsDecimalString()
  unitPrice!: string;

  @IsCurrencyCode()
  currencyCode!: string;

  /** Identity subject of the administrator who checked out. */
  @IsString()
  @MaxLength(255)
  purchasedBy!: string;

  /** Licenses purchased in total after this purchase (the pool size). */
  @IsInt()
  @Min(0)
  purchasedTotal!: number;
}

export const LicensesPurchased = defineEvent({
  type: 'LicensesPurchased',
  version: 1,
  topic: Topics.LicensingEvents,
  payload: LicensesPurchasedV1,
  key: tenantKey,
});
