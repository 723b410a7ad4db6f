import { IsBoolean, IsEnum, IsIn, IsInt, IsString, IsUUID, Min } from 'class-validator';
import {
  EnvironmentType,
  IsCurrencyCode,
  IsDecimalString,
  IsUtcTimestamp,
  NestedObject,
} from '@partner-portal/contracts';
import { LEDGER_KINDS } from './licensing.requests';
import { NestedArray, Nullable, PageResponse } from './response-rules';

/** Whether the ERP extension is installed in one environment and company, as the ERP last reported it. */
export class ExtensionStatusResponse {
  @IsString()
  environment!: string;

  @IsEnum(EnvironmentType)
  environmentType!: EnvironmentType;

  @IsString()
  companyId!: string;

  @IsBoolean()
  installed!: boolean;

  /** The extension's version, when the ERP said. */
  @Nullable()
  @IsString()
  extensionVersion!: string | null;
}

/** The server module switch and where the ERP extension is installed. */
export class ModuleStatusResponse {
  /** The administrator's switch for the portal's server module (on unless switched off). */
  @IsBoolean()
  serverModuleActive!: boolean;

  /** Whether the ERP extension is installed in at least one environment and company. */
  @IsBoolean()
  extensionInstalled!: boolean;

  @NestedArray(() => ExtensionStatusResponse)
  extensions!: ExtensionStatusResponse[];
}

/** The counts of a tenant's license pool; `available` = purchased - reserved - consumed. */
export class PoolResponse {
  @IsInt()
  purchased!: number;

  /** Held for invitations that are not accepted yet. */
  @IsInt()
  reserved!: number;

  /** Used by portal users. */
  @IsInt()
  consumed!: number;

  @IsInt()
  available!: number;
}

/** Collaborate & Exchange: the module status and the license pool. */
export class OverviewResponse {
  @NestedObject(() => ModuleStatusResponse)
  module!: ModuleStatusResponse;

  @NestedObject(() => PoolResponse)
  pool!: PoolResponse;
}

/** A line of the cart, priced with the tenant's current plan. */
export class CartLineResponse {
  @IsUUID()
  lineId!: string;

  @IsInt()
  @Min(1)
  quantity!: number;

  /** Price of one license, a decimal string. */
  @IsDecimalString()
  unitPrice!: string;

  @IsCurrencyCode()
  currencyCode!: string;

  /** unitPrice x quantity. */
  @IsDecimalString()
  amount!: string;

  /** The identity subject of the administrator who added the line. */
  @IsString()
  addedBy!: string;

  @IsUtcTimestamp()
  addedAt!: string;
}

/** The calling administrator's cart and its total. */
export class CartResponse {
  @NestedArray(() => CartLineResponse)
  lines!: CartLineResponse[];

  /** Licenses in the cart. */
  @IsInt()
  @Min(0)
  quantity!: number;

  @IsDecimalString()
  total!: string;

  @IsCurrencyCode()
  currencyCode!: string;
}

/** A purchase of licenses (a checkout). */
export class PurchaseResponse {
  @IsUUID()
  purchaseId!: string;

  /** The order number, e.g. `LIC-000042`. */
  @IsString()
  orderNo!: string;

  @IsInt()
  @Min(1)
  quantity!: number;

  @IsDecimalString()
  unitPrice!: string;

  @IsCurrencyCode()
  currencyCode!: string;

  @IsDecimalString()
  amount!: string;

  /** The identity subject of the administrator who checked out. */
  @IsString()
  purchasedBy!: string;

  @IsUtcTimestamp()
  purchasedAt!: string;
}

/** A page of purchases, newest first. */
export class PurchasePage extends PageResponse {
  @NestedArray(() => PurchaseResponse)
  items!: PurchaseResponse[];
}

/** One change to the license pool: what, by how much, the counts after it, and why and who. */
export class LedgerEntryResponse {
  /** Increasing with every change (a decimal number as a string). */
  @IsString()
  entryId!: string;

  @IsIn(LEDGER_KINDS)
  kind!: (typeof LEDGER_KINDS)[number];

  @IsInt()
  purchasedDelta!: number;

  @IsInt()
  reservedDelta!: number;

  @IsInt()
  consumedDelta!: number;

  /** The counts after the change. */
  @IsInt()
  purchased!: number;

  @IsInt()
  reserved!: number;

  @IsInt()
  consumed!: number;

  /** Whose license (the person's e-mail, lower case) for reservations, consumptions and releases. */
  @Nullable()
  @IsString()
  holderKey!: string | null;

  @Nullable()
  @IsUUID()
  invitationId!: string | null;

  /** The event id, request id or idempotency key that caused it. */
  @IsString()
  cause!: string;

  /** The identity subject, or the producing service for saga events. */
  @IsString()
  actor!: string;

  @IsUtcTimestamp()
  occurredAt!: string;
}

/** A page of the ledger, newest first. */
export class LedgerPage extends PageResponse {
  @NestedArray(() => LedgerEntryResponse)
  items!: LedgerEntryResponse[];
}
