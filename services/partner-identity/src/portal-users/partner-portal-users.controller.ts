import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  CurrentPrincipal,
  RequestId,
  type Principal,
  MembershipParams,
  PageQuery,
  requirePartnerUser,
} from '@partner-portal/internal-api';
import { ChangeRoleRequest } from '@partner-portal/api-contracts';
import { PortalUsersService, type Actor } from './portal-users.service';

function actorOf(principal: Principal): Extract<Actor, { kind: 'partner' }> {
  const user = requirePartnerUser(principal);
  return { kind: 'partner', tenantId: user.tenantId, subject: user.subject, membershipId: user.membershipId };
}

/**
 * Partner self-management: a customer representative manages the portal users of its own partner, never those of
 * another partner (404) and never its partner's last representative away (409).
 */
@Controller('internal/partner/portal-users')
export class PartnerPortalUsersController {
  constructor(private readonly portalUsers: PortalUsersService) {}

  @Get()
  list(@CurrentPrincipal() principal: Principal, @Query() { page, pageSize }: PageQuery) {
    return this.portalUsers.listForPartner(actorOf(principal), page, pageSize);
  }

  @Get(':membershipId')
  get(@CurrentPrincipal() principal: Principal, @Param() { membershipId }: MembershipParams) {
    return this.portalUsers.get(actorOf(principal), membershipId);
  }

  @Patch(':membershipId/role')
  changeRole(
    @CurrentPrincipal() principal: Principal,
    @Param() { membershipId }: MembershipParams,
    @Body() body: ChangeRoleRequest,
    @RequestId() correlationId: string,
  ) {
    return this.portalUsers.change(
      actorOf(principal),
      membershipId,
      { kind: 'role', role: body.role },
      { correlationId },
    );
  }

  @Post(':membershipId/deactivate')
  @HttpCode(200)
  deactivate(
    @CurrentPrincipal() principal: Principal,
    @Param() { membershipId }: MembershipParams,
    @RequestId() correlationId: string,
  ) {
    return this.portalUsers.change(actorOf(principal), membershipId, { kind: 'deactivate' }, { correlationId });
  }

  @Post(':membershipId/reactivate')
  @HttpCode(200)
  reactivate(
    @CurrentPrincipal() principal: Principal,
    @Param() { membershipId }: MembershipParams,
    @RequestId() correlationId: string,
  ) {
    return this.portalUsers.change(actorOf(principal), membershipId, { kind: 'reactivate' }, { correlationId });
  }
}
