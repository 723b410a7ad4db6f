import { Body, Controller, Delete, Get, Param, Patch, Post, UseGuards } from '@nestjs/common';
import {
  CurrentPrincipal,
  requireAdministratorOf,
  TenantParams,
  type Principal,
  TenantAdministratorGuard,
} from '@partner-portal/internal-api';
import { CartLineRequest } from '@partner-portal/api-contracts';
import { CartLineParams } from './cart-line.params.dto';
import { CartService } from './cart.service';

/** The tenant's license cart. */
@UseGuards(TenantAdministratorGuard)
@Controller('internal/tenants/:tenantId/cart')
export class CartController {
  constructor(private readonly cart: CartService) {}

  @Get()
  view(@CurrentPrincipal() principal: Principal, @Param() { tenantId }: TenantParams) {
    requireAdministratorOf(principal, tenantId);
    return this.cart.view(tenantId);
  }

  @Post('lines')
  add(@CurrentPrincipal() principal: Principal, @Param() { tenantId }: TenantParams, @Body() body: CartLineRequest) {
    const admin = requireAdministratorOf(principal, tenantId);
    return this.cart.addLine(tenantId, body.quantity, admin.subject);
  }

  @Patch('lines/:lineId')
  change(@CurrentPrincipal() principal: Principal, @Param() params: CartLineParams, @Body() body: CartLineRequest) {
    requireAdministratorOf(principal, params.tenantId);
    return this.cart.changeLine(params.tenantId, params.lineId, body.quantity);
  }

  @Delete('lines/:lineId')
  remove(@CurrentPrincipal() principal: Principal, @Param() params: CartLineParams) {
    requireAdministratorOf(principal, params.tenantId);
    return this.cart.removeLine(params.tenantId, params.lineId);
  }
}
