import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { TenantParams, TenantAdministratorGuard } from '@partner-portal/internal-api';
import { AdministratorIdentity } from '@partner-portal/api-contracts';
import { AdministratorsService } from './administrators.service';

/** Administrators keep their tenant's administrator list; the guard admits only them. */
@UseGuards(TenantAdministratorGuard)
@Controller('internal/tenants/:tenantId/administrators')
export class AdministratorsController {
  constructor(private readonly administrators: AdministratorsService) {}

  @Get()
  list(@Param() { tenantId }: TenantParams) {
    return this.administrators.list(tenantId);
  }

  @Post()
  @HttpCode(204)
  async add(@Param() { tenantId }: TenantParams, @Body() body: AdministratorIdentity) {
    await this.administrators.add(tenantId, body.issuer, body.subject);
  }

  @Delete()
  @HttpCode(204)
  async remove(@Param() { tenantId }: TenantParams, @Query() query: AdministratorIdentity) {
    await this.administrators.remove(tenantId, query.issuer, query.subject);
  }
}
