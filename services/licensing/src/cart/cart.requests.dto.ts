import { IsInt, IsUUID, Max, Min } from 'class-validator';
import { TenantParams } from '@partner-portal/internal-api';
import { CART_LINE_MAX_QUANTITY } from '../config/licensing.config';

/** Licenses to add to the cart, or the new quantity of a line: 1 to 1,000. */
export class CartLineRequest {
  @IsInt()
  @Min(1)
  @Max(CART_LINE_MAX_QUANTITY)
  quantity!: number;
}

/** Path of one cart line. */
export class CartLineParams extends TenantParams {
  @IsUUID()
  lineId!: string;
}
