import { Body, Controller, Get, Param, Put, UseGuards } from '@nestjs/common';
import {
  CurrentPrincipal,
  requireAdministratorOf,
  TenantParams,
  type Principal,
  TenantAdministratorGuard,
} from '@partner-portal/internal-api';
import { PoolService } from './pool.service';
import { SetModuleRequest } from '@partner-portal/api-contracts';

/** Module status and pool of a tenant, for its administrators. */
@UseGuards(TenantAdministratorGuard)
@Controller('internal/tenants/:tenantId')
export class PoolController {
  constructor(private readonly pool: PoolService) {}

  @Get('overview')
  overview(@CurrentPrincipal() principal: Principal, @Param() { tenantId }: TenantParams) {
    requireAdministratorOf(principal, tenantId);
    return this.pool.overview(tenantId);
  }

  @Put('module')
  setModule(
    @CurrentPrincipal() principal: Principal,
    @Param() { tenantId }: TenantParams,
    @Body() body: SetModuleRequest,
  ) {
    requireAdministratorOf(principal, tenantId);
    return this.pool.setServerModule(tenantId, body.active);
  }
}
