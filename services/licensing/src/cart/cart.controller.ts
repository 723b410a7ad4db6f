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

/** The calling administrator's license cart (each administrator of a tenant has their own). */
@UseGuards(TenantAdministratorGuard)
@Controller('internal/tenants/:tenantId/cart')
export class CartController {
  constructor(private readonly cart: CartService) {}

  @Get()
  view(@CurrentPrincipal() principal: Principal, @Param() { tenantId }: TenantParams) {
    const admin = requireAdministratorOf(principal, tenantId);
    return this.cart.view(tenantId, admin.subject);
  }

  @Post('lines')
  add(@CurrentPrincipal() principal: Principal, @Param() { tenantId }: TenantParams, @Body() body: CartLineRequest) {
    const admin = requireAdministratorOf(principal, tenantId);
    return this.cart.addLine(tenantId, body.quantity, admin.subject);
  }

  @Patch('lines/:lineId')
  change(@CurrentPrincipal() principal: Principal, @Param() params: CartLineParams, @Body() body: CartLineRequest) {
    const admin = requireAdministratorOf(principal, params.tenantId);
    return this.cart.changeLine(params.tenantId, admin.subject, params.lineId, body.quantity);
  }

  @Delete('lines/:lineId')
  remove(@CurrentPrincipal() principal: Principal, @Param() params: CartLineParams) {
    const admin = requireAdministratorOf(principal, params.tenantId);
    return this.cart.removeLine(params.tenantId, admin.subject, params.lineId);
  }
}
