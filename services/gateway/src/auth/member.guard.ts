import { ForbiddenException, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { InvalidInputException } from '@partner-portal/internal-api';
import { signedInUser, type GatewayRequest } from '../observability/gateway-request';
import { chooseMembership } from './access-rules';
import { PrincipalResolver } from './principal-resolver';

/** Header naming the membership a partner user acts through. */
export const MEMBERSHIP_HEADER = 'x-portal-membership';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Portal routes act through one of the person's active memberships: the one `X-Portal-Membership` names, or the
 * only one. A person with none (an unauthorized or deactivated contact) gets 403 and sees nothing.
 */
@Injectable()
export class MemberGuard implements CanActivate {
  constructor(private readonly resolver: PrincipalResolver) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<GatewayRequest>();
    const requested = request.header(MEMBERSHIP_HEADER);
    if (requested !== undefined && !UUID.test(requested)) {
      throw new InvalidInputException([{ field: 'X-Portal-Membership', reason: 'must be a membership id (UUID)' }]);
    }
    const user = signedInUser(request);
    const identity = await this.resolver.resolve(user, request.requestId);
    const choice = chooseMembership(identity, requested);
    switch (choice.kind) {
      case 'none':
        throw new ForbiddenException('you have no active portal access; ask your contact person for an invitation');
      case 'not-held':
        throw new ForbiddenException('you do not hold the membership X-Portal-Membership names');
      case 'ambiguous':
        throw new InvalidInputException([
          {
            field: 'X-Portal-Membership',
            reason: `you hold ${choice.count} memberships: name the one to act through (see GET /api/portal/me)`,
          },
        ]);
      case 'chosen':
        request.membership = choice.grant;
        request.principal = {
          kind: 'partner',
          tenantId: choice.grant.tenantId,
          issuer: user.issuer,
          subject: user.subject,
          membershipId: choice.grant.membershipId,
        };
        return true;
    }
  }
}
