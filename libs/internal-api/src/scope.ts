import { Injectable, NotFoundException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { IsUUID } from 'class-validator';
import { IsTenantId } from '@partner-portal/contracts';
import { readPrincipal, type Principal } from './principal';

// Paging is part of the API contract that the gateway shares; the services keep importing it from here.
export { PageQuery, type Page } from '@partner-portal/api-contracts';

/** Path parameters of tenant routes. */
export class TenantParams {
  @IsTenantId()
  tenantId!: string;
}

/** Path parameter naming one membership. */
export class MembershipParams {
  @IsUUID()
  membershipId!: string;
}

/** Path parameters naming one membership of a tenant. */
export class TenantMembershipParams extends TenantParams {
  @IsUUID()
  membershipId!: string;
}

/**
 * Refuses anyone but an administrator of `tenantId`. A tenant one does not administer answers 404, like one that
 * does not exist, so that tenants cannot be discovered.
 */
export function requireAdministratorOf(principal: Principal, tenantId: string): Principal & { kind: 'admin' } {
  if (principal.kind !== 'admin' || principal.tenantId !== tenantId) {
    throw new NotFoundException(`tenant ${tenantId} not found`);
  }
  return principal as Principal & { kind: 'admin' };
}

/** Refuses anyone but a partner user acting through a membership. */
export function requirePartnerUser(principal: Principal): Principal & { kind: 'partner'; membershipId: string } {
  if (principal.kind !== 'partner' || !principal.membershipId)
    throw new NotFoundException('no partner membership in this request');
  return principal as Principal & { kind: 'partner'; membershipId: string };
}

/**
 * Guards a controller whose routes start with `:tenantId`: only an administrator of that tenant passes, anyone else
 * gets 404 before any input is even validated, so that a tenant cannot be probed through error messages.
 */
@Injectable()
export class TenantAdministratorGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    requireAdministratorOf(readPrincipal(request), String(request.params.tenantId));
    return true;
  }
}
