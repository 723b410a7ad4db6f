import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { Request } from 'express';
import { InvalidInputException } from '@partner-portal/internal-api';

/**
 * One rule for query parameters on every route: a route that declares none refuses any (400 naming each), as a
 * route with a query DTO refuses the ones it does not know, instead of ignoring them silently.
 */
@Injectable()
export class DeclaredQueryGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request>();
    const names = Object.keys(request.query ?? {});
    if (names.length === 0) return true;
    const args: Record<string, unknown> =
      Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), context.getHandler().name) ?? {};
    const readsQuery = Object.keys(args).some((key) => key.split(':')[0] === String(RouteParamtypes.QUERY));
    if (readsQuery) return true;
    throw new InvalidInputException(names.map((field) => ({ field, reason: `property ${field} should not exist` })));
  }
}
