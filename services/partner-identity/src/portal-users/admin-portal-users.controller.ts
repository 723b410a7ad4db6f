import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import {
  CurrentPrincipal,
  RequestId,
  type Principal,
  requireAdministratorOf,
  TenantMembershipParams,
  TenantParams,
  TenantAdministratorGuard,
} from '@partner-portal/internal-api';
import { ChangeRoleRequest, ListPortalUsersQuery } from '@partner-portal/api-contracts';
import { PortalUsersService, type Actor } from './portal-users.service';

function adminActor(principal: Principal, tenantId: string): Actor {
  const admin = requireAdministratorOf(principal, tenantId);
  return { kind: 'admin', tenantId: admin.tenantId, subject: admin.subject };
}

/** Administrators manage the portal users of their tenant. */
@UseGuards(TenantAdministratorGuard)
@Controller('internal/tenants/:tenantId/portal-users')
export class AdminPortalUsersController {
  constructor(private readonly portalUsers: PortalUsersService) {}

  @Get()
  list(
    @CurrentPrincipal() principal: Principal,
    @Param() { tenantId }: TenantParams,
    @Query() query: ListPortalUsersQuery,
  ) {
    requireAdministratorOf(principal, tenantId);
    const { page, pageSize, ...filter } = query;
    return this.portalUsers.list(tenantId, { ...filter, page, pageSize });
  }

  @Get(':membershipId')
  get(@CurrentPrincipal() principal: Principal, @Param() params: TenantMembershipParams) {
    return this.portalUsers.get(adminActor(principal, params.tenantId), params.membershipId);
  }

  @Patch(':membershipId/role')
  changeRole(
    @CurrentPrincipal() principal: Principal,
    @Param() params: TenantMembershipParams,
    @Body() body: ChangeRoleRequest,
    @RequestId() correlationId: string,
  ) {
    const change = { kind: 'role', role: body.role } as const;
    return this.portalUsers.change(adminActor(principal, params.tenantId), params.membershipId, change, {
      correlationId,
    });
  }

  @Post(':membershipId/deactivate')
  @HttpCode(200)
  deactivate(
    @CurrentPrincipal() principal: Principal,
    @Param() params: TenantMembershipParams,
    @RequestId() correlationId: string,
  ) {
    const actor = adminActor(principal, params.tenantId);
    return this.portalUsers.change(actor, params.membershipId, { kind: 'deactivate' }, { correlationId });
  }

  @Post(':membershipId/reactivate')
  @HttpCode(200)
  reactivate(
    @CurrentPrincipal() principal: Principal,
    @Param() params: TenantMembershipParams,
    @RequestId() correlationId: string,
  ) {
    const actor = adminActor(principal, params.tenantId);
    return this.portalUsers.change(actor, params.membershipId, { kind: 'reactivate' }, { correlationId });
  }
}
