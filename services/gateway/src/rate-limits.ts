import { Injectable, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail, type ThrottlerModuleOptions } from '@nestjs/throttler';
import type { Response } from 'express';
import { PUBLIC_ROUTE } from '@partner-portal/internal-api';
import type { GatewayConfig } from './config/gateway.config';
import type { GatewayRequest } from './observability/gateway-request';

const TIGHT_LIMIT = 'gateway:tight-limit';

/** Routes where secrets are guessed (invitation links and codes) get the tighter `accept` limit on top. */
export const TightRateLimit = () => SetMetadata(TIGHT_LIMIT, true);

const isTight = (context: ExecutionContext) => Reflect.getMetadata(TIGHT_LIMIT, context.getHandler()) === true;
/** Health and metrics answer probes and scrapers, whatever their rate. */
const isOperational = (context: ExecutionContext) => Reflect.getMetadata(PUBLIC_ROUTE, context.getHandler()) === true;

/**
 * Per signed-in identity (per address for anonymous calls and connectors, whose key is checked after this guard),
 * per minute: `default` on every route, `accept` on the tight ones. Counters live in this instance's memory: with
 * several gateway instances behind a load balancer the effective limit is per instance.
 */
export function rateLimits(config: GatewayConfig): ThrottlerModuleOptions {
  return {
    throttlers: [
      { name: 'default', ttl: 60_000, limit: config.rateLimitPerMinute, skipIf: isOperational },
      { name: 'accept', ttl: 60_000, limit: config.acceptRateLimitPerMinute, skipIf: (c) => !isTight(c) },
    ],
    getTracker: (request) => {
      const r = request as GatewayRequest;
      return r.user ? `user:${r.user.issuer}|${r.user.subject}` : `ip:${r.ip}`;
    },
    errorMessage: 'too many requests; wait before trying again',
  };
}

/** The throttler guard, answering the standard `Retry-After` (seconds) whichever limit was reached. */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    context
      .switchToHttp()
      .getResponse<Response>()
      .setHeader('retry-after', String(Math.max(1, detail.timeToBlockExpire)));
    return super.throwThrottlingException(context, detail);
  }
}
