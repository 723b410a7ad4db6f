import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  managesColleagues,
  MeResponse,
  placesOrders,
  seesStock,
  viewsOf,
  type PartnerPerspective,
} from '@partner-portal/api-contracts';
import { PartnerType } from '@partner-portal/contracts';
import { PrincipalResolver } from '../auth/principal-resolver';
import type { SignedInUser } from '../auth/signed-in-user';
import { Documented } from '../docs/documented';
import { SignedIn } from '../observability/gateway-request';

const PERSPECTIVES: PartnerPerspective[] = Object.values(PartnerType).map((partnerType) => ({
  partnerType,
  documentTypes: viewsOf(partnerType),
  seesStock: seesStock(partnerType),
  placesOrders: placesOrders(partnerType),
}));

/** Who the signed-in person is to the portal. */
@ApiTags('Portal: me')
@ApiBearerAuth('oidc')
@Controller('api/portal/me')
export class PortalMeController {
  constructor(private readonly resolver: PrincipalResolver) {}

  @Get()
  @Documented('The signed-in person, the tenants it administers and its active memberships', {
    type: MeResponse,
    returns:
      'subject, email, name, portalUserId, administratorOf, memberships (pass one as X-Portal-Membership), perspectives',
  })
  async me(@SignedIn() { user, requestId }: { user: SignedInUser; requestId: string }): Promise<MeResponse> {
    const identity = await this.resolver.resolve(user, requestId);
    return {
      subject: user.subject,
      email: user.email ?? null,
      name: user.name ?? null,
      ...identity,
      memberships: identity.memberships.map((m) => ({ ...m, managesColleagues: managesColleagues(m.role) })),
      perspectives: PERSPECTIVES,
    };
  }
}
