import { timingSafeEqual, createHash } from 'node:crypto';
import {
  ForbiddenException,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { PUBLIC_ROUTE } from './public-route';
import type { Request } from 'express';

/** Header carrying the internal service credential (the gateway's or an operator's). */
export const INTERNAL_TOKEN_HEADER = 'x-internal-token';

/** Who calls a service's internal API: the gateway, for people and connectors, or an operator. */
export type InternalCaller = 'gateway' | 'operator';

/**
 * The credentials of each caller of the internal API; each opens only its own caller's routes. Two values of one
 * caller (the current and the previous) let a rotation go without a moment of refusals.
 */
export type InternalApiCredentials = Record<InternalCaller, string | string[]>;

/** Where operators' routes live: operations on the service (dead letters, rebuild, plans) and development tools. */
export const OPERATOR_ROUTE_PREFIXES = ['/internal/operator/', '/internal/dev/'] as const;

/** The caller a route (or a request's path) is for, by where it lives. */
export function callerOfRoute(path: string): InternalCaller {
  // Express matches case-insensitively and tolerates doubled slashes, so the prefix is compared the same way.
  const route = `/${path.split('?')[0]}/`.replace(/\/{2,}/g, '/').toLowerCase();
  return OPERATOR_ROUTE_PREFIXES.some((prefix) => route.startsWith(prefix)) ? 'operator' : 'gateway';
}

const CALLER_NAMES: Record<InternalCaller, string> = { gateway: 'the gateway', operator: 'operators' };
const PRESENTER_NAMES: Record<InternalCaller, string> = { gateway: "the gateway's", operator: "an operator's" };

const digest = (value: string) => createHash('sha256').update(value).digest();

const pathsOf = (value: unknown): string[] => (Array.isArray(value) ? value : [value ?? '']).map(String);

/**
 * Admits on each route only its caller's credential (compared in constant time): the operator's on
 * `/internal/operator/*` and `/internal/dev/*`, the gateway's everywhere else. A missing or unknown credential is a
 * 401; the other caller's is a 403.
 */
@Injectable()
export class InternalApiGuard implements CanActivate {
  private readonly expected: Array<[InternalCaller, Buffer]>;
  private readonly reflector = new Reflector();

  constructor(credentials: InternalApiCredentials) {
    this.expected = Object.entries(credentials).flatMap(([caller, tokens]) =>
      [tokens].flat().map((token): [InternalCaller, Buffer] => [caller as InternalCaller, digest(token)]),
    );
  }

  canActivate(context: ExecutionContext): boolean {
    // Kafka handlers run through the same pipeline; only HTTP callers present credentials.
    if (context.getType() !== 'http') return true;
    if (this.reflector.get<boolean>(PUBLIC_ROUTE, context.getHandler())) return true;
    const caller = this.callerOf(context);
    const presented = context.switchToHttp().getRequest<Request>().header(INTERNAL_TOKEN_HEADER);
    const presenter = presented ? this.presenterOf(presented) : undefined;
    if (presenter === caller) return true;
    if (presenter) {
      throw new ForbiddenException(
        `this route is for ${CALLER_NAMES[caller]}; ${PRESENTER_NAMES[presenter]} credential does not open it`,
      );
    }
    throw new UnauthorizedException(
      caller === 'operator'
        ? 'a valid operator credential is required'
        : 'a valid internal service credential is required',
    );
  }

  /** The route's caller by its declared path (not the request's), so that no spelling of a URL changes it. */
  private callerOf(context: ExecutionContext): InternalCaller {
    const controllerPaths = pathsOf(this.reflector.get(PATH_METADATA, context.getClass()));
    const handlerPaths = pathsOf(this.reflector.get(PATH_METADATA, context.getHandler()));
    const routes = controllerPaths.flatMap((c) => handlerPaths.map((h) => `${c}/${h}`));
    return routes.some((route) => callerOfRoute(route) === 'operator') ? 'operator' : 'gateway';
  }

  /** Whose credential was presented, comparing it with every caller's so that the time taken tells nothing. */
  private presenterOf(presented: string): InternalCaller | undefined {
    const candidate = digest(presented);
    const matches = this.expected.filter(([, expected]) => timingSafeEqual(candidate, expected));
    return matches[0]?.[0];
  }
}
