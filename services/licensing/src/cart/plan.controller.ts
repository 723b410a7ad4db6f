import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IsCurrencyCode, IsDecimalString } from '@partner-portal/contracts';
import { TenantParams } from '@partner-portal/internal-api';
import { PlanService } from './plan.service';

/** Body of a tenant plan. */
export class PlanRequest {
  /** Price of one license, a decimal string such as "12.50". */
  @IsDecimalString()
  unitPrice!: string;

  @IsCurrencyCode()
  currencyCode!: string;
}

/**
 * Operator route (OPERATOR_API_TOKEN only, not exposed by the gateway): a tenant's own price per license, which
 * carts and checkouts use instead of the configured default.
 */
@Controller('internal/operator/tenants/:tenantId/plan')
export class PlanController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly plans: PlanService,
  ) {}

  @Get()
  get(@Param() { tenantId }: TenantParams) {
    return this.plans.planOf(this.dataSource.manager, tenantId);
  }

  @Put()
  async set(@Param() { tenantId }: TenantParams, @Body() body: PlanRequest) {
    await this.plans.setPlan(this.dataSource.manager, tenantId, body.unitPrice, body.currencyCode);
    return this.plans.planOf(this.dataSource.manager, tenantId);
  }
}
