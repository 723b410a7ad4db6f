import { IsUUID } from 'class-validator';
import { TenantParams } from '@partner-portal/internal-api';

/** Path of one cart line. */
export class CartLineParams extends TenantParams {
  @IsUUID()
  lineId!: string;
}
