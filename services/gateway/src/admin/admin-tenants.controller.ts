import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AdministeredTenantsResponse, pageOf, pageWindow, PageQuery } from '@partner-portal/api-contracts';
import { PrincipalResolver } from '../auth/principal-resolver';
import type { SignedInUser } from '../auth/signed-in-user';
import { Documented } from '../docs/documented';
import { SignedIn } from '../observability/gateway-request';

/** Where an administrator starts: the tenants it administers. */
@ApiTags('Admin: licenses')
@ApiBearerAuth('oidc')
@Controller('api/admin/tenants')
export class AdminTenantsController {
  constructor(private readonly resolver: PrincipalResolver) {}

  @Get()
  @Documented('The tenants the signed-in person administers', {
    type: AdministeredTenantsResponse,
    returns: 'A page of tenant ids (page, pageSize up to 200, total)',
    problems: [400],
  })
  async tenants(
    @SignedIn() caller: { user: SignedInUser; requestId: string },
    @Query() query: PageQuery,
  ): Promise<AdministeredTenantsResponse> {
    // The list comes with the person (its claims and the tenants' lists), whole; it pages like every list.
    const tenants = (await this.resolver.resolve(caller.user, caller.requestId)).administratorOf;
    const { limit, offset } = pageWindow(query);
    return pageOf(tenants.slice(offset, offset + limit), query, tenants.length);
  }
}
