import { Body, Controller, Get, Param, Put, UseGuards } from '@nestjs/common';
import { TenantParams, TenantAdministratorGuard } from '@partner-portal/internal-api';
import { PoolService } from './pool.service';
import { SetModuleRequest } from '@partner-portal/api-contracts';

/** Module status and pool of a tenant, for its administrators. */
@UseGuards(TenantAdministratorGuard)
@Controller('internal/tenants/:tenantId')
export class PoolController {
  constructor(private readonly pool: PoolService) {}

  @Get('overview')
  overview(@Param() { tenantId }: TenantParams) {
    return this.pool.overview(tenantId);
  }

  @Put('module')
  setModule(@Param() { tenantId }: TenantParams, @Body() body: SetModuleRequest) {
    return this.pool.setServerModule(tenantId, body.active);
  }
}
