import {
  createParamDecorator,
  Injectable,
  NotFoundException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { Request } from 'express';
import { IsUUID } from 'class-validator';
import { IsTenantId } from '@partner-portal/contracts';
import {
  CONNECTOR_TENANT_HEADER,
  PRINCIPAL_HEADER as PRINCIPAL_HEADER_NAME,
  readPrincipal,
  type Principal,
} from './principal';

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

/** A principal that `TenantAdministratorGuard` admitted: an administrator of the route's tenant. */
export type AdministratorPrincipal = Principal & { kind: 'admin' };

/**
 * Refuses anyone but an administrator of `tenantId`. A tenant one does not administer answers 404, like one that
 * does not exist, so that tenants cannot be discovered. This is `TenantAdministratorGuard`'s check; a route behind
 * the guard takes the administrator from `@CurrentAdministrator()` instead of checking again.
 */
export function requireAdministratorOf(principal: Principal, tenantId: string): AdministratorPrincipal {
  if (principal.kind !== 'admin' || principal.tenantId !== tenantId) {
    throw new NotFoundException(`tenant ${tenantId} not found`);
  }
  return principal as AdministratorPrincipal;
}

/** Refuses anyone but a partner user acting through a membership. */
export function requirePartnerUser(principal: Principal): Principal & { kind: 'partner'; membershipId: string } {
  if (principal.kind !== 'partner' || !principal.membershipId)
    throw new NotFoundException('no partner membership in this request');
  return principal as Principal & { kind: 'partner'; membershipId: string };
}

/** Where the guard leaves the administrator it admitted, for `@CurrentAdministrator()`. */
const ADMITTED = Symbol('admitted administrator');

type AdmittingRequest = Request & { [ADMITTED]?: AdministratorPrincipal };

/**
 * Guards a controller whose routes start with `:tenantId`: only an administrator of that tenant passes, anyone else
 * gets 404 before any input is even validated, so that a tenant cannot be probed through error messages. The one
 * place a service checks that its caller administers the tenant: the routes behind it read the admitted
 * administrator with `@CurrentAdministrator()` and do not check again. (The gateway's AdministratorGuard decides the
 * same for the person; this guard checks the principal the gateway passes, at the service's own door.)
 */
@Injectable()
export class TenantAdministratorGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AdmittingRequest>();
    request[ADMITTED] = requireAdministratorOf(readPrincipal(request), String(request.params.tenantId));
    return true;
  }
}

/**
 * The administrator `TenantAdministratorGuard` admitted to this route. On a route without the guard it fails as a
 * programming error (500), never admitting anyone.
 */
export const CurrentAdministrator = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AdministratorPrincipal => {
    const admitted = context.switchToHttp().getRequest<AdmittingRequest>()[ADMITTED];
    if (!admitted) throw new Error('@CurrentAdministrator() needs TenantAdministratorGuard on the route');
    return admitted;
  },
);

/**
 * Like `TenantAdministratorGuard`, and besides lets the tenant's own ERP connector read: a GET whose
 * `x-portal-connector-tenant` header (set by the gateway for a verified connector key, never a principal) names the
 * route's tenant. Anyone else gets the same 404.
 */
@Injectable()
export class TenantAdministratorOrConnectorReaderGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AdmittingRequest>();
    const tenantId = String(request.params.tenantId);
    const connectorTenant = request.header(CONNECTOR_TENANT_HEADER);
    if (connectorTenant !== undefined && !request.header(PRINCIPAL_HEADER_NAME)) {
      if (request.method === 'GET' && connectorTenant === tenantId) return true;
      throw new NotFoundException(`tenant ${tenantId} not found`);
    }
    request[ADMITTED] = requireAdministratorOf(readPrincipal(request), tenantId);
    return true;
  }
}

/**
 * Routes only the tenant's ERP connector calls (its feed of portal orders): the gateway's `x-portal-connector-tenant`
 * header must name the route's tenant, and no person's principal may come with it. Anyone else gets 404.
 */
@Injectable()
export class TenantConnectorGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const tenantId = String(request.params.tenantId);
    if (request.header(PRINCIPAL_HEADER_NAME) || request.header(CONNECTOR_TENANT_HEADER) !== tenantId) {
      throw new NotFoundException(`tenant ${tenantId} not found`);
    }
    return true;
  }
}
