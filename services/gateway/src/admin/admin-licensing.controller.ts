import { Body, Controller, Delete, Get, Headers, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  CancellationRequest,
  CartLineRequest,
  CartResponse,
  LedgerPage,
  LedgerQuery,
  OverviewResponse,
  PageQuery,
  PoolResponse,
  PurchasePage,
  PurchaseResponse,
  SetModuleRequest,
} from '@partner-portal/api-contracts';
import { AdminArea } from './admin-area';
import { Documented, IdempotencyKeyHeader } from '../docs/documented';
import { CurrentCaller, type Caller } from '../observability/gateway-request';
import { pathOf, UuidParam } from '../upstream/path-params';
import { UpstreamClient } from '../upstream/upstream.client';

/** Collaborate & Exchange: module status, the license pool, the cart, checkout, purchases and the ledger. */
@ApiTags('Admin: licenses')
@AdminArea()
@Controller('api/admin/tenants/:tenantId')
export class AdminLicensingController {
  constructor(private readonly upstream: UpstreamClient) {}

  private licensing(response: Response, caller: Caller, method: string, path: string, extra = {}) {
    const tenantPath = pathOf`/internal/tenants/${caller.principal.tenantId}`;
    return this.upstream.forward(response, caller, 'licensing', method, `${tenantPath}${path}`, extra);
  }

  @Get('overview')
  @Documented('Module status and licenses purchased, reserved, consumed and available', {
    type: OverviewResponse,
    returns: 'Server module switch, ERP extension per environment and company, and the pool counts',
    problems: [404],
  })
  overview(@CurrentCaller() caller: Caller, @Res({ passthrough: true }) response: Response) {
    return this.licensing(response, caller, 'GET', '/overview');
  }

  @Put('module')
  @Documented('Switch the server module on or off', {
    type: OverviewResponse,
    returns: 'The new module status',
    problems: [400, 404],
  })
  setModule(
    @CurrentCaller() caller: Caller,
    @Body() body: SetModuleRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.licensing(response, caller, 'PUT', '/module', { body });
  }

  @Get('cart')
  @Documented("The calling administrator's own cart and its total (each administrator of a tenant has one)", {
    type: CartResponse,
    returns: 'Cart lines, unit price, currency, total',
    problems: [404],
  })
  cart(@CurrentCaller() caller: Caller, @Res({ passthrough: true }) response: Response) {
    return this.licensing(response, caller, 'GET', '/cart');
  }

  @Post('cart/lines')
  @Documented('Add licenses to the cart', {
    type: CartResponse,
    status: 201,
    returns: 'The cart',
    problems: [400, 404],
  })
  addCartLine(
    @CurrentCaller() caller: Caller,
    @Body() body: CartLineRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.licensing(response, caller, 'POST', '/cart/lines', { body });
  }

  @Patch('cart/lines/:lineId')
  @Documented('Change the quantity of a cart line', { type: CartResponse, returns: 'The cart', problems: [400, 404] })
  changeCartLine(
    @CurrentCaller() caller: Caller,
    @Param('lineId', UuidParam) lineId: string,
    @Body() body: CartLineRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.licensing(response, caller, 'PATCH', pathOf`/cart/lines/${lineId}`, { body });
  }

  @Delete('cart/lines/:lineId')
  @Documented('Remove a cart line', { type: CartResponse, returns: 'The cart', problems: [400, 404] })
  removeCartLine(
    @CurrentCaller() caller: Caller,
    @Param('lineId', UuidParam) lineId: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.licensing(response, caller, 'DELETE', pathOf`/cart/lines/${lineId}`);
  }

  @Post('checkout')
  @IdempotencyKeyHeader('checkout')
  @Documented("Buy what the calling administrator's cart holds", {
    type: PurchaseResponse,
    status: 201,
    returns: 'The purchase (200 with the same purchase when the key was used before)',
    replayed: 'The same purchase: the key was used before, nothing more was bought',
    problems: [400, 404, 409, 422],
  })
  checkout(
    @CurrentCaller() caller: Caller,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.licensing(response, caller, 'POST', '/checkout', { headers: { 'idempotency-key': idempotencyKey } });
  }

  @Get('purchases')
  @Documented('Purchases, newest first', { type: PurchasePage, returns: 'A page of purchases', problems: [400, 404] })
  purchases(
    @CurrentCaller() caller: Caller,
    @Query() query: PageQuery,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.licensing(response, caller, 'GET', '/purchases', { query });
  }

  @Post('cancellations')
  @Documented('Give up purchased licenses that are not in use', {
    type: PoolResponse,
    returns: 'The pool after the cancellation',
    problems: [400, 404, 409],
  })
  cancel(
    @CurrentCaller() caller: Caller,
    @Body() body: CancellationRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.licensing(response, caller, 'POST', '/cancellations', { body });
  }

  @Get('ledger')
  @Documented('Every change to the license pool, newest first', {
    type: LedgerPage,
    returns: 'A page of ledger lines',
    problems: [400, 404],
  })
  ledger(@CurrentCaller() caller: Caller, @Query() query: LedgerQuery, @Res({ passthrough: true }) response: Response) {
    return this.licensing(response, caller, 'GET', '/ledger', { query });
  }
}
