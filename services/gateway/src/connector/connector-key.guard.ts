import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { GatewayRequest } from '../observability/gateway-request';

/**
 * Connector routes act for the tenant of the request's connector key, which `connectorKeyFirst` verified before the
 * body was read (app.setup.ts mounts it on `/api/connector`). This guard makes a route that is not under that path
 * fail closed instead of running without a tenant.
 */
@Injectable()
export class ConnectorKeyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<GatewayRequest>();
    if (!request.connector) throw new Error('a connector route outside /api/connector: its key was never checked');
    return true;
  }
}
