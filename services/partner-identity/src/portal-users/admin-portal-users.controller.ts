import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import {
  CurrentAdministrator,
  RequestId,
  type AdministratorPrincipal,
  TenantMembershipParams,
  TenantParams,
  TenantAdministratorGuard,
} from '@partner-portal/internal-api';
import { ChangeRoleRequest, ListPortalUsersQuery } from '@partner-portal/api-contracts';
import { PortalUsersService, type Actor } from './portal-users.service';

/** The administrator the guard admitted, as the actor of a change. */
function adminActor(admin: AdministratorPrincipal): Actor {
  return { kind: 'admin', tenantId: admin.tenantId, subject: admin.subject };
}

/** Administrators manage the portal users of their tenant; the guard admits only them. */
@UseGuards(TenantAdministratorGuard)
@Controller('internal/tenants/:tenantId/portal-users')
export class AdminPortalUsersController {
  constructor(private readonly portalUsers: PortalUsersService) {}

  @Get()
  list(@Param() { tenantId }: TenantParams, @Query() query: ListPortalUsersQuery) {
    const { page, pageSize, ...filter } = query;
    return this.portalUsers.list(tenantId, { ...filter, page, pageSize });
  }

  @Get(':membershipId')
  get(@CurrentAdministrator() admin: AdministratorPrincipal, @Param() params: TenantMembershipParams) {
    return this.portalUsers.get(adminActor(admin), params.membershipId);
  }

  @Patch(':membershipId/role')
  changeRole(
    @CurrentAdministrator() admin: AdministratorPrincipal,
    @Param() params: TenantMembershipParams,
    @Body() body: ChangeRoleRequest,
    @RequestId() correlationId: string,
  ) {
    const change = { kind: 'role', role: body.role } as const;
    return this.portalUsers.change(adminActor(admin), params.membershipId, change, { correlationId });
  }

  @Post(':membershipId/deactivate')
  @HttpCode(200)
  deactivate(
    @CurrentAdministrator() admin: AdministratorPrincipal,
    @Param() params: TenantMembershipParams,
    @RequestId() correlationId: string,
  ) {
    const actor = adminActor(admin);
    return this.portalUsers.change(actor, params.membershipId, { kind: 'deactivate' }, { correlationId });
  }

  @Post(':membershipId/reactivate')
  @HttpCode(200)
  reactivate(
    @CurrentAdministrator() admin: AdministratorPrincipal,
    @Param() params: TenantMembershipParams,
    @RequestId() correlationId: string,
  ) {
    const actor = adminActor(admin);
    return this.portalUsers.change(actor, params.membershipId, { kind: 'reactivate' }, { correlationId });
  }
}
