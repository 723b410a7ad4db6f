import { Body, Controller, Get, Param, Put, UseGuards } from '@nestjs/common';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { TenantAdministratorGuard, TenantParams } from '@partner-portal/internal-api';
import { TenantSettingsService } from './tenant-settings';

/** Body of the invitation settings; omitted fields keep their value. */
export class TenantSettingsRequest {
  /** How long an invitation stays valid, 1 hour to 90 days (default 14 days). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2160)
  invitationTtlHours?: number;

  /** Whether the signed-in e-mail must equal the invited one. */
  @IsOptional()
  @IsBoolean()
  requireEmailMatch?: boolean;

  /** Whether a contact the ERP marks as portal contact is invited automatically. */
  @IsOptional()
  @IsBoolean()
  autoInvite?: boolean;
}

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
