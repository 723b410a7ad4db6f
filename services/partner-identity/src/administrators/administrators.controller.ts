import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import {
  CurrentPrincipal,
  type Principal,
  requireAdministratorOf,
  TenantParams,
  TenantAdministratorGuard,
} from '@partner-portal/internal-api';
import { AdministratorIdentity } from '@partner-portal/api-contracts';
import { AdministratorsService } from './administrators.service';

/** Administrators keep their tenant's administrator list. */
@UseGuards(TenantAdministratorGuard)
@Controller('internal/tenants/:tenantId/administrators')
export class AdministratorsController {
  constructor(private readonly administrators: AdministratorsService) {}

  @Get()
  list(@CurrentPrincipal() principal: Principal, @Param() { tenantId }: TenantParams) {
    requireAdministratorOf(principal, tenantId);
    return this.administrators.list(tenantId);
  }

  @Post()
  @HttpCode(204)
  async add(
    @CurrentPrincipal() principal: Principal,
    @Param() { tenantId }: TenantParams,
    @Body() body: AdministratorIdentity,
  ) {
    requireAdministratorOf(principal, tenantId);
    await this.administrators.add(tenantId, body.issuer, body.subject);
  }

  @Delete()
  @HttpCode(204)
  async remove(
    @CurrentPrincipal() principal: Principal,
    @Param() { tenantId }: TenantParams,
    @Query() query: AdministratorIdentity,
  ) {
    requireAdministratorOf(principal, tenantId);
    if (!(await this.administrators.remove(tenantId, query.issuer, query.subject))) {
      throw new NotFoundException('that identity is not on the administrator list');
    }
  }
}
