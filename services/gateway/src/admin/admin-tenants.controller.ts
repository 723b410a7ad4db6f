import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AdministeredTenantsResponse } from '@partner-portal/api-contracts';
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
    returns: '{ items: [tenantId] }',
  })
  async tenants(@SignedIn() caller: { user: SignedInUser; requestId: string }): Promise<AdministeredTenantsResponse> {
    return { items: (await this.resolver.resolve(caller.user, caller.requestId)).administratorOf };
  }
}
