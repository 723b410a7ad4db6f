import { Body, Controller, Get, Headers, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import {
  OrderListQuery,
  OrderRequest,
  OrderUploadRequest,
  type OrderListResponse,
  type OrderResponse,
  type UploadedOrdersResponse,
} from '@partner-portal/api-contracts';
import {
  CurrentPrincipal,
  InvalidInputException,
  RequestId,
  TenantAdministratorGuard,
  TenantParams,
  type Principal,
} from '@partner-portal/internal-api';
import { ViewerService } from '../documents/viewer.service';

import { OrdersService } from './orders.service';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,150}$/;

function requireKey(key: string | undefined): string {
  if (!key || !IDEMPOTENCY_KEY.test(key)) {
    throw new InvalidInputException([
      { field: 'Idempotency-Key', reason: 'header is required: 1 to 150 visible ASCII characters, one per order' },
    ]);
  }
  return key;
}

/** Customer users place, upload and list orders. */
@Controller('internal/partner/orders')
export class PartnerOrdersController {
  constructor(
    private readonly orders: OrdersService,
    private readonly viewers: ViewerService,
  ) {}

  /** 201 with the order; 200 with the same order when the Idempotency-Key was used before. */
  @Post()
  async submit(
    @CurrentPrincipal() principal: Principal,
    @Body() body: OrderRequest,
    @Headers('idempotency-key') key: string | undefined,
    @RequestId() correlationId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<OrderResponse> {
    const idempotencyKey = requireKey(key);
    const { order, replayed } = await this.orders.submit(
      await this.viewers.viewerFor(principal),
      body,
      idempotencyKey,
      correlationId,
    );
    response.status(replayed ? 200 : 201);
    return order;
  }

  /** A CSV file of order lines: every order of it, or (with any error) none and every error with its row. */
  @Post('upload')
  async upload(
    @CurrentPrincipal() principal: Principal,
    @Body() body: OrderUploadRequest,
    @Headers('idempotency-key') key: string | undefined,
    @RequestId() correlationId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<UploadedOrdersResponse> {
    const idempotencyKey = requireKey(key);
    const result = await this.orders.upload(
      await this.viewers.viewerFor(principal),
      body.content,
      idempotencyKey,
      correlationId,
    );
    response.status(result.replayed ? 200 : 201);
    return { orders: result.orders };
  }

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query() { limit }: OrderListQuery): Promise<OrderListResponse> {
    return this.orders.list(await this.viewers.viewerFor(principal), limit);
  }
}

/** Every portal order of a tenant, for its administrators. */
@UseGuards(TenantAdministratorGuard)
@Controller('internal/tenants/:tenantId/orders')
export class AdminOrdersController {
  constructor(
    private readonly orders: OrdersService,
    private readonly viewers: ViewerService,
  ) {}

  @Get()
  async list(
    @CurrentPrincipal() principal: Principal,
    @Param() _params: TenantParams,
    @Query() { limit }: OrderListQuery,
  ): Promise<OrderListResponse> {
    return this.orders.list(await this.viewers.viewerFor(principal), limit);
  }
}
