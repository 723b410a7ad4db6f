import { Body, Controller, Delete, Get, Param, Patch, Post, UseGuards } from '@nestjs/common';
import {
  CurrentAdministrator,
  TenantParams,
  type AdministratorPrincipal,
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
  view(@CurrentAdministrator() admin: AdministratorPrincipal, @Param() { tenantId }: TenantParams) {
    return this.cart.view(tenantId, admin.subject);
  }

  @Post('lines')
  add(
    @CurrentAdministrator() admin: AdministratorPrincipal,
    @Param() { tenantId }: TenantParams,
    @Body() body: CartLineRequest,
  ) {
    return this.cart.addLine(tenantId, body.quantity, admin.subject);
  }

  @Patch('lines/:lineId')
  change(
    @CurrentAdministrator() admin: AdministratorPrincipal,
    @Param() params: CartLineParams,
    @Body() body: CartLineRequest,
  ) {
    return this.cart.changeLine(params.tenantId, admin.subject, params.lineId, body.quantity);
  }

  @Delete('lines/:lineId')
  remove(@CurrentAdministrator() admin: AdministratorPrincipal, @Param() params: CartLineParams) {
    return this.cart.removeLine(params.tenantId, admin.subject, params.lineId);
  }
}
