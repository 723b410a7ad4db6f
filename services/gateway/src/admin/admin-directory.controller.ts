import { Body, Controller, Delete, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  AdministratorIdentity,
  AdministratorResponse,
  ChangeRoleRequest,
  CompanyResponse,
  ContactPage,
  EnvironmentResponse,
  ListPartnersQuery,
  ListPortalUsersQuery,
  PageQuery,
  PartnerPage,
  PortalUserPage,
  PortalUserResponse,
} from '@partner-portal/api-contracts';
import { Documented } from '../docs/documented';
import { CurrentCaller, type Caller } from '../observability/gateway-request';
import { ErpCodeParam, PartnerTypeParam, pathOf, UuidParam } from '../upstream/path-params';
import { UpstreamClient } from '../upstream/upstream.client';
import { AdminArea } from './admin-area';

/** What the ERP connectors mirrored (environments, companies, partners, contacts), portal users, administrators. */
@ApiTags('Admin: partners and portal users')
@AdminArea()
@Controller('api/admin/tenants/:tenantId')
export class AdminDirectoryController {
  constructor(private readonly upstream: UpstreamClient) {}

  private identity(response: Response, caller: Caller, method: string, path: string, extra = {}) {
    const tenantPath = pathOf`/internal/tenants/${caller.principal.tenantId}`;
    return this.upstream.forward(response, caller, 'partner-identity', method, `${tenantPath}${path}`, extra);
  }

  @Get('environments')
  @Documented('Environments (production, sandboxes) with their company count', {
    type: EnvironmentResponse,
    isArray: true,
    returns: 'The environments',
    problems: [404],
  })
  environments(@CurrentCaller() caller: Caller, @Res({ passthrough: true }) response: Response) {
    return this.identity(response, caller, 'GET', '/environments');
  }

  @Get('environments/:environment/companies')
  @Documented('Companies of an environment', {
    type: CompanyResponse,
    isArray: true,
    returns: 'The companies',
    problems: [400, 404],
  })
  companies(
    @CurrentCaller() caller: Caller,
    @Param('environment', ErpCodeParam) environment: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.identity(response, caller, 'GET', pathOf`/environments/${environment}/companies`);
  }

  @Get('environments/:environment/companies/:companyId/partners')
  @Documented('Customers, vendors and 3PL customers of a company', {
    type: PartnerPage,
    returns: 'A page of partners',
    problems: [400, 404],
  })
  partners(
    @CurrentCaller() caller: Caller,
    @Param('environment', ErpCodeParam) environment: string,
    @Param('companyId', ErpCodeParam) companyId: string,
    @Query() query: ListPartnersQuery,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.identity(
      response,
      caller,
      'GET',
      pathOf`/environments/${environment}/companies/${companyId}/partners`,
      {
        query,
      },
    );
  }

  @Get('environments/:environment/companies/:companyId/partners/:partnerType/:partnerNo/contacts')
  @Documented("A partner's contacts, each with its portal status", {
    type: ContactPage,
    returns:
      'A page of contacts (page, pageSize up to 200), each with portalStatus: not_invited, invited, portal_user or deactivated',
    problems: [400, 404],
  })
  contacts(
    @CurrentCaller() caller: Caller,
    @Param('environment', ErpCodeParam) environment: string,
    @Param('companyId', ErpCodeParam) companyId: string,
    @Param('partnerType', PartnerTypeParam) partnerType: string,
    @Param('partnerNo', ErpCodeParam) partnerNo: string,
    @Query() query: PageQuery,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.identity(
      response,
      caller,
      'GET',
      pathOf`/environments/${environment}/companies/${companyId}/partners/${partnerType}/${partnerNo}/contacts`,
      { query },
    );
  }

  @Get('portal-users')
  @Documented('Portal users of the tenant', {
    type: PortalUserPage,
    returns: 'A page of portal users',
    problems: [400, 404],
  })
  portalUsers(
    @CurrentCaller() caller: Caller,
    @Query() query: ListPortalUsersQuery,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.identity(response, caller, 'GET', '/portal-users', { query });
  }

  @Get('portal-users/:membershipId')
  @Documented('One portal user', { type: PortalUserResponse, returns: 'The portal user', problems: [400, 404] })
  portalUser(
    @CurrentCaller() caller: Caller,
    @Param('membershipId', UuidParam) membershipId: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.identity(response, caller, 'GET', pathOf`/portal-users/${membershipId}`);
  }

  @Patch('portal-users/:membershipId/role')
  @Documented("Change a portal user's role", {
    type: PortalUserResponse,
    returns: 'The portal user',
    problems: [400, 404, 409],
  })
  changeRole(
    @CurrentCaller() caller: Caller,
    @Param('membershipId', UuidParam) membershipId: string,
    @Body() body: ChangeRoleRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.identity(response, caller, 'PATCH', pathOf`/portal-users/${membershipId}/role`, { body });
  }

  @Post('portal-users/:membershipId/deactivate')
  @Documented('Deactivate a portal user (its license goes back)', {
    type: PortalUserResponse,
    returns: 'The portal user',
    problems: [400, 404, 409],
  })
  deactivate(
    @CurrentCaller() caller: Caller,
    @Param('membershipId', UuidParam) membershipId: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.identity(response, caller, 'POST', pathOf`/portal-users/${membershipId}/deactivate`);
  }

  @Post('portal-users/:membershipId/reactivate')
  @Documented('Reactivate a portal user', {
    type: PortalUserResponse,
    returns: 'The portal user',
    problems: [400, 404, 409],
  })
  reactivate(
    @CurrentCaller() caller: Caller,
    @Param('membershipId', UuidParam) membershipId: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.identity(response, caller, 'POST', pathOf`/portal-users/${membershipId}/reactivate`);
  }

  @Get('administrators')
  @Documented("The tenant's administrator list", {
    type: AdministratorResponse,
    isArray: true,
    returns: 'Identities on the list',
    problems: [404],
  })
  administrators(@CurrentCaller() caller: Caller, @Res({ passthrough: true }) response: Response) {
    return this.identity(response, caller, 'GET', '/administrators');
  }

  @Post('administrators')
  @Documented('Add an identity to the administrator list', { status: 204, returns: 'Added', problems: [400, 404] })
  addAdministrator(
    @CurrentCaller() caller: Caller,
    @Body() body: AdministratorIdentity,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.identity(response, caller, 'POST', '/administrators', { body });
  }

  @Delete('administrators')
  @Documented('Remove an identity from the administrator list', {
    status: 204,
    returns: 'Removed',
    problems: [400, 404],
  })
  removeAdministrator(
    @CurrentCaller() caller: Caller,
    @Query() query: AdministratorIdentity,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.identity(response, caller, 'DELETE', '/administrators', { query });
  }
}
