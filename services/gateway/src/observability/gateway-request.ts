import { createParamDecorator, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Principal } from '@partner-portal/internal-api';
import type { MembershipGrant } from '../auth/access-rules';
import type { SignedInUser } from '../auth/signed-in-user';

/** A request as the gateway's middleware and guards have annotated it. */
export interface GatewayRequest extends Request {
  requestId: string;
  /** The verified bearer token's person. */
  user?: SignedInUser;
  /** Whom the services are told is acting (admin of a tenant, or partner user through a membership). */
  principal?: Principal;
  /** The membership a partner user acts through. */
  membership?: MembershipGrant;
  /** The tenant a connector key publishes for. */
  connector?: { tenantId: string; keyId: string };
}

/** Everything a controller needs to know about who asks. */
export interface Caller {
  requestId: string;
  user: SignedInUser;
  principal: Principal;
  membership?: MembershipGrant;
}

/** The verified person of a request; guards after sign-in can count on it, and a route without sign-in gets 401. */
export function signedInUser(request: GatewayRequest): SignedInUser {
  if (!request.user) throw new UnauthorizedException('sign in: a bearer token is required');
  return request.user;
}

/** The tenant and key of a connector's request, which `connectorKeyFirst` verified; 401 on a request without. */
export function connectorOf(request: GatewayRequest): { tenantId: string; keyId: string } {
  if (!request.connector) throw new UnauthorizedException('a connector key is required');
  return request.connector;
}

/** Whom a request acts as, once an authorization guard decided it. */
function actingPrincipal(request: GatewayRequest): Principal {
  if (!request.principal) throw new UnauthorizedException('no principal for this route');
  return request.principal;
}

/** The caller of a request that passed authentication (and, where the route asks for it, authorization). */
export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const request = context.switchToHttp().getRequest<GatewayRequest>();
  return {
    requestId: request.requestId,
    user: signedInUser(request),
    principal: actingPrincipal(request),
    membership: request.membership,
  };
});

/** Who is signed in, for routes that act for the person itself rather than for a tenant or membership. */
export const SignedIn = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const request = context.switchToHttp().getRequest<GatewayRequest>();
  return { requestId: request.requestId, user: signedInUser(request) };
});

/** The request id alone. */
export const CurrentRequestId = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string => context.switchToHttp().getRequest<GatewayRequest>().requestId,
);
