import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import {
  CurrentPrincipal,
  type Principal,
  PageQuery,
  requireAdministratorOf,
  TenantParams,
  TenantAdministratorGuard,
} from '@partner-portal/internal-api';
import { ListPartnersQuery } from '@partner-portal/api-contracts';
import { CompanyParams, EnvironmentParams, PartnerParams } from './browse.params.dto';
import { BrowseService } from './browse.service';

/** Administrators browse the ERP mirror: environments, companies, partners, contacts with their portal status. */
@UseGuards(TenantAdministratorGuard)
@Controller('internal/tenants/:tenantId/environments')
export class BrowseController {
  constructor(private readonly browse: BrowseService) {}

  @Get()
  environments(@CurrentPrincipal() principal: Principal, @Param() { tenantId }: TenantParams) {
    requireAdministratorOf(principal, tenantId);
    return this.browse.environments(tenantId);
  }

  @Get(':environment/companies')
  companies(@CurrentPrincipal() principal: Principal, @Param() { tenantId, environment }: EnvironmentParams) {
    requireAdministratorOf(principal, tenantId);
    return this.browse.companies(tenantId, environment);
  }

  @Get(':environment/companies/:companyId/partners')
  partners(@CurrentPrincipal() principal: Principal, @Param() scope: CompanyParams, @Query() query: ListPartnersQuery) {
    requireAdministratorOf(principal, scope.tenantId);
    return this.browse.partners(scope, query);
  }

  @Get(':environment/companies/:companyId/partners/:partnerType/:partnerNo/contacts')
  contacts(
    @CurrentPrincipal() principal: Principal,
    @Param() scope: PartnerParams,
    @Query() { page, pageSize }: PageQuery,
  ) {
    requireAdministratorOf(principal, scope.tenantId);
    return this.browse.contacts(scope, { page, pageSize });
  }
}
