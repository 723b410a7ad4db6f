import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { PageQuery, TenantParams, TenantAdministratorGuard } from '@partner-portal/internal-api';
import { ListPartnersQuery } from '@partner-portal/api-contracts';
import { CompanyParams, EnvironmentParams, PartnerParams } from './browse.params.dto';
import { BrowseService } from './browse.service';

/**
 * Administrators browse the ERP mirror: environments, companies, partners, contacts with their portal status. The
 * guard admits only administrators of the path's tenant.
 */
@UseGuards(TenantAdministratorGuard)
@Controller('internal/tenants/:tenantId/environments')
export class BrowseController {
  constructor(private readonly browse: BrowseService) {}

  @Get()
  environments(@Param() { tenantId }: TenantParams) {
    return this.browse.environments(tenantId);
  }

  @Get(':environment/companies')
  companies(@Param() { tenantId, environment }: EnvironmentParams) {
    return this.browse.companies(tenantId, environment);
  }

  @Get(':environment/companies/:companyId/partners')
  partners(@Param() scope: CompanyParams, @Query() query: ListPartnersQuery) {
    return this.browse.partners(scope, query);
  }

  @Get(':environment/companies/:companyId/partners/:partnerType/:partnerNo/contacts')
  contacts(@Param() scope: PartnerParams, @Query() { page, pageSize }: PageQuery) {
    return this.browse.contacts(scope, { page, pageSize });
  }
}
