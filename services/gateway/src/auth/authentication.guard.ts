import { Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { PUBLIC_ROUTE } from '@partner-portal/internal-api';
import type { GatewayRequest } from '../observability/gateway-request';
import { OidcTokenVerifier, TokenRefused } from './oidc-token-verifier';
import { ROUTE_ACCESS } from './route-access';

/**
 * Every route needs a valid bearer token of the configured issuer unless it is marked `@Anonymous()`, is a health
 * or metrics route, or is a connector route (which its own guard checks). 401 with `WWW-Authenticate: Bearer` otherwise.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: OidcTokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<string>(ROUTE_ACCESS, [context.getHandler(), context.getClass()]);
    const request = context.switchToHttp().getRequest<GatewayRequest>();
    const header = request.header('authorization');
    if (access === 'connector-key' || this.reflector.get<boolean>(PUBLIC_ROUTE, context.getHandler())) return true;
    if (access === 'anonymous' && !header) return true;
    const response = context.switchToHttp().getResponse<Response>();
    const match = header ? /^Bearer ([A-Za-z0-9._~+/=-]+)$/i.exec(header) : null;
    if (!match) {
      response.setHeader('www-authenticate', 'Bearer');
      throw new UnauthorizedException('sign in: a bearer token is required');
    }
    try {
      request.user = await this.verifier.verify(match[1]);
      return true;
    } catch (error) {
      if (!(error instanceof TokenRefused)) throw error;
      response.setHeader('www-authenticate', `Bearer error="invalid_token", error_description="${error.message}"`);
      throw new UnauthorizedException(error.message);
    }
  }
}
