import { Body, Controller, Get, Param, Put, UseGuards } from '@nestjs/common';
import { TenantSettingsRequest } from '@partner-portal/api-contracts';
import { DataSource } from 'typeorm';
import { TenantAdministratorGuard, TenantParams } from '@partner-portal/internal-api';
import { TenantSettingsService } from './tenant-settings';

/** A tenant's invitation settings, for its administrators. */
@UseGuards(TenantAdministratorGuard)
@Controller('internal/tenants/:tenantId/invitation-settings')
export class TenantSettingsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: TenantSettingsService,
  ) {}

  @Get()
  get(@Param() { tenantId }: TenantParams) {
    return this.settings.get(this.dataSource.manager, tenantId);
  }

  @Put()
  set(@Param() { tenantId }: TenantParams, @Body() body: TenantSettingsRequest) {
    return this.settings.set(this.dataSource.manager, tenantId, body);
  }
}
