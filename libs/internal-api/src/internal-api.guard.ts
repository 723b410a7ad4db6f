import { timingSafeEqual, createHash } from 'node:crypto';
import { Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { PUBLIC_ROUTE } from './public-route';
import type { Request } from 'express';

/** Header carrying the internal service credential. */
export const INTERNAL_TOKEN_HEADER = 'x-internal-token';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Admits only callers presenting the internal API token (the gateway); compared in constant time. */
@Injectable()
export class InternalApiGuard implements CanActivate {
  private readonly expected: Buffer;
  private readonly reflector = new Reflector();

  constructor(token: string) {
    this.expected = digest(token);
  }

  canActivate(context: ExecutionContext): boolean {
    // Kafka handlers run through the same pipeline; only HTTP callers present credentials.
    if (context.getType() !== 'http') return true;
    if (this.reflector.get<boolean>(PUBLIC_ROUTE, context.getHandler())) return true;
    const presented = context.switchToHttp().getRequest<Request>().header(INTERNAL_TOKEN_HEADER);
    if (presented && timingSafeEqual(digest(presented), this.expected)) return true;
    throw new UnauthorizedException('a valid internal service credential is required');
  }
}
