import 'reflect-metadata';
import { NotFoundException, type ExecutionContext } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { encodePrincipal, PRINCIPAL_HEADER, type Principal } from './principal';
import { CurrentAdministrator, TenantAdministratorGuard } from './scope';

const admin: Principal = { kind: 'admin', tenantId: 'contoso', issuer: 'https://idp.example', subject: 'ada' };

/** A request to a route under `/internal/tenants/:tenantId`, carrying a principal, as an execution context. */
function contextOf(tenantId: string, principal: Principal): ExecutionContext {
  const headers: Record<string, string> = { [PRINCIPAL_HEADER]: encodePrincipal(principal) };
  const request = { params: { tenantId }, header: (name: string) => headers[name.toLowerCase()] };
  return { switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
}

/** What `@CurrentAdministrator()` hands a route, run as Nest runs a parameter decorator. */
function currentAdministrator(context: ExecutionContext): unknown {
  class Route {
    handle(@CurrentAdministrator() admitted: unknown) {
      return admitted;
    }
  }
  const args: Record<string, { factory: (data: unknown, context: ExecutionContext) => unknown }> = Reflect.getMetadata(
    ROUTE_ARGS_METADATA,
    Route,
    'handle',
  );
  return Object.values(args)[0].factory(undefined, context);
}

describe('the tenant administrator guard', () => {
  it("admits an administrator of the path's tenant and hands it to the route", () => {
    const context = contextOf('contoso', admin);

    expect(new TenantAdministratorGuard().canActivate(context)).toBe(true);
    expect(currentAdministrator(context)).toEqual(admin);
  });

  it.each<[string, Principal]>([
    ["another tenant's administrator", { ...admin, tenantId: 'fabrikam' }],
    [
      'a partner user of the tenant',
      { ...admin, kind: 'partner', membershipId: '6f1c3b5e-0a4b-4d8e-9c2a-1b3d5f7a9c0e' },
    ],
  ])('answers %s 404, as if the tenant did not exist', (_who, principal) => {
    expect(() => new TenantAdministratorGuard().canActivate(contextOf('contoso', principal))).toThrow(
      new NotFoundException('tenant contoso not found'),
    );
  });

  it('admits no one to a route that reads the administrator without the guard', () => {
    expect(() => currentAdministrator(contextOf('contoso', admin))).toThrow(/needs TenantAdministratorGuard/);
  });
});
