import { Injectable, NotFoundException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { signedInUser, type GatewayRequest } from '../observability/gateway-request';
import { administers } from './access-rules';
import { PrincipalResolver } from './principal-resolver';

/**
 * Admin routes carry `:tenantId`; only an administrator of that tenant passes, acting as `admin` of it. Any other
 * person gets 404 before the input is validated, as if the tenant did not exist.
 */
@Injectable()
export class AdministratorGuard implements CanActivate {
  constructor(private readonly resolver: PrincipalResolver) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<GatewayRequest>();
    const tenantId = String(request.params.tenantId);
    const user = signedInUser(request);
    const identity = await this.resolver.resolve(user, request.requestId);
    if (!administers(identity, tenantId)) throw new NotFoundException(`tenant ${tenantId} not found`);
    request.principal = { kind: 'admin', tenantId, issuer: user.issuer, subject: user.subject };
    return true;
  }
}
