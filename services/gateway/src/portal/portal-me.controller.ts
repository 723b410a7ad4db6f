import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { MeResponse } from '@partner-portal/api-contracts';
import { PrincipalResolver } from '../auth/principal-resolver';
import type { SignedInUser } from '../auth/signed-in-user';
import { Documented } from '../docs/documented';
import { SignedIn } from '../observability/gateway-request';

/** Who the signed-in person is to the portal. */
@ApiTags('Portal: me')
@ApiBearerAuth('oidc')
@Controller('api/portal/me')
export class PortalMeController {
  constructor(private readonly resolver: PrincipalResolver) {}

  @Get()
  @Documented('The signed-in person, the tenants it administers and its active memberships', {
    type: MeResponse,
    returns: 'subject, email, name, portalUserId, administratorOf, memberships (pass one as X-Portal-Membership)',
  })
  async me(@SignedIn() { user, requestId }: { user: SignedInUser; requestId: string }): Promise<MeResponse> {
    const identity = await this.resolver.resolve(user, requestId);
    return { subject: user.subject, email: user.email ?? null, name: user.name ?? null, ...identity };
  }
}
