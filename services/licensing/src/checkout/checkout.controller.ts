import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import {
  CurrentAdministrator,
  InvalidInputException,
  PageQuery,
  RequestId,
  TenantParams,
  type AdministratorPrincipal,
  TenantAdministratorGuard,
} from '@partner-portal/internal-api';
import { CancellationRequest } from '@partner-portal/api-contracts';
import { CheckoutService } from './checkout.service';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** Checkout, purchases and cancellations of a tenant's licenses. */
@UseGuards(TenantAdministratorGuard)
@Controller('internal/tenants/:tenantId')
export class CheckoutController {
  constructor(private readonly checkouts: CheckoutService) {}

  /** 201 with the purchase; 200 with the same purchase when the Idempotency-Key was used before. */
  @Post('checkout')
  async checkout(
    @CurrentAdministrator() admin: AdministratorPrincipal,
    @Param() { tenantId }: TenantParams,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @RequestId() correlationId: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    if (!idempotencyKey || !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new InvalidInputException([
        { field: 'Idempotency-Key', reason: 'header is required: 1 to 200 visible ASCII characters, one per checkout' },
      ]);
    }
    const { purchase, replayed } = await this.checkouts.checkout(
      tenantId,
      idempotencyKey,
      admin.subject,
      correlationId,
    );
    response.status(replayed ? 200 : 201);
    return purchase;
  }

  @Get('purchases')
  purchases(@Param() { tenantId }: TenantParams, @Query() { page, pageSize }: PageQuery) {
    return this.checkouts.purchases(tenantId, page, pageSize);
  }

  @Post('cancellations')
  @HttpCode(200)
  cancel(
    @CurrentAdministrator() admin: AdministratorPrincipal,
    @Param() { tenantId }: TenantParams,
    @Body() body: CancellationRequest,
    @RequestId() requestId: string,
  ) {
    return this.checkouts.cancel(tenantId, body.quantity, admin.subject, requestId);
  }
}
