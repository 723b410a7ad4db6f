import { Body, Controller, Get, Header, Headers, HttpCode, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { IsUUID } from 'class-validator';
import type { Response } from 'express';
import {
  AdminOrderListQuery,
  CatalogueQuery,
  OrderListQuery,
  OrderRequest,
  OrderTemplateQuery,
  OrderUploadRequest,
  type CataloguePage,
  type OrderDefaultsResponse,
  type OrderListResponse,
  type OrderResponse,
  type OrderUploadPreviewResponse,
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

/** Path of one portal order. */
class OrderParams {
  @IsUUID()
  portalOrderId!: string;
}

/** Path of one portal order of a tenant. */
class TenantOrderParams extends TenantParams {
  @IsUUID()
  portalOrderId!: string;
}

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

  /** What `upload` would do with the file, by the same code, writing nothing. */
  @Post('upload/preview')
  @HttpCode(200)
  async previewUpload(
    @CurrentPrincipal() principal: Principal,
    @Body() body: OrderUploadRequest,
  ): Promise<OrderUploadPreviewResponse> {
    return this.orders.previewUpload(await this.viewers.viewerFor(principal), body.content);
  }

  @Get('upload/template')
  @Header('content-type', 'text/csv; charset=utf-8')
  async template(
    @CurrentPrincipal() principal: Principal,
    @Query() { delimiter }: OrderTemplateQuery,
  ): Promise<string> {
    return this.orders.template(await this.viewers.viewerFor(principal), delimiter === 'semicolon' ? ';' : ',');
  }

  /** What an order takes from the contact record; 422 naming every missing field. */
  @Get('defaults')
  async defaults(@CurrentPrincipal() principal: Principal): Promise<OrderDefaultsResponse> {
    return this.orders.defaults(await this.viewers.viewerFor(principal));
  }

  /** The items the customer can order, priced from its price list (the wizard's product search). */
  @Get('catalogue')
  async catalogue(@CurrentPrincipal() principal: Principal, @Query() query: CatalogueQuery): Promise<CataloguePage> {
    return this.orders.catalogue(await this.viewers.viewerFor(principal), query);
  }

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query() query: OrderListQuery): Promise<OrderListResponse> {
    return this.orders.list(await this.viewers.viewerFor(principal), query);
  }

  /** After the routes above, whose last segment is not an id. */
  @Get(':portalOrderId')
  async one(@CurrentPrincipal() principal: Principal, @Param() { portalOrderId }: OrderParams): Promise<OrderResponse> {
    return this.orders.one(await this.viewers.viewerFor(principal), portalOrderId);
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
    @Query() query: AdminOrderListQuery,
  ): Promise<OrderListResponse> {
    return this.orders.list(await this.viewers.viewerFor(principal), query);
  }

  @Get(':portalOrderId')
  async one(
    @CurrentPrincipal() principal: Principal,
    @Param() { portalOrderId }: TenantOrderParams,
  ): Promise<OrderResponse> {
    return this.orders.one(await this.viewers.viewerFor(principal), portalOrderId);
  }
}
