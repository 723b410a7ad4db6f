import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PrincipalResolver } from '../auth/principal-resolver';
import { Documented } from '../docs/documented';
import { CurrentCaller, type Caller } from '../observability/gateway-request';

/** Where an administrator starts: the tenants it administers. */
@ApiTags('Admin: licenses')
@ApiBearerAuth('oidc')
@Controller('api/admin/tenants')
export class AdminTenantsController {
  constructor(private readonly resolver: PrincipalResolver) {}

  @Get()
  @Documented('The tenants the signed-in person administers', { returns: '{ items: [tenantId] }' })
  async tenants(@CurrentCaller() caller: Caller) {
    return { items: (await this.resolver.resolve(caller.user, caller.requestId)).administratorOf };
  }
}
