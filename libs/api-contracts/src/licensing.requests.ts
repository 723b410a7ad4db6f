import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { PageQuery } from './paging';

/** Most licenses one cart line holds. */
export const CART_LINE_MAX_QUANTITY = 1_000;

/** Licenses to add to the cart, or the new quantity of a line: 1 to 1,000. */
export class CartLineRequest {
  @IsInt()
  @Min(1)
  @Max(CART_LINE_MAX_QUANTITY)
  quantity!: number;
}

/** Body of a cancellation: how many purchased licenses to give up. */
export class CancellationRequest {
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  quantity!: number;
}

/** Body of the server module switch. */
export class SetModuleRequest {
  /** false stops new reservations (invitations are rejected with `module_inactive`); held licenses stay. */
  @IsBoolean()
  active!: boolean;
}

/** Kinds of ledger lines. */
export const LEDGER_KINDS = ['purchase', 'reservation', 'consumption', 'release', 'cancellation'] as const;

/** Filters of the ledger. */
export class LedgerQuery extends PageQuery {
  @IsOptional()
  @IsIn(LEDGER_KINDS)
  kind?: (typeof LEDGER_KINDS)[number];
}
