import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiResponse } from '@nestjs/swagger';

const PROBLEM_MEANING: Record<number, string> = {
  400: 'Refused input: `errors` names each field and the reason',
  401: 'No valid bearer token (or connector key)',
  403: 'Not allowed for this role or membership',
  404: 'Not found, or outside what the caller may see',
  409: 'Conflicts with the current state (the problem says with what)',
  410: 'Gone: the invitation was accepted, revoked or expired',
  413: 'The body is too large',
  422: 'Understood but cannot be done (the problem says why)',
  423: 'Locked after too many wrong codes',
  429: 'Too many requests: wait for `Retry-After` seconds',
  503: 'A service behind the gateway cannot be reached now',
};

/** How a route answers, for the OpenAPI document. */
export interface RouteDoc {
  /** Success status; 200 unless said. */
  status?: number;
  /** What the success answer holds. */
  returns: string;
  /** Problems besides the ones every route can give (401, 429, 503). */
  problems?: number[];
  /** Anonymous routes cannot answer 401. */
  anonymous?: boolean;
}

const problem = (status: number) =>
  ApiResponse({
    status,
    description: PROBLEM_MEANING[status],
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  });

/** Summary, success answer and every problem a route can answer, as one decorator. */
export function Documented(summary: string, doc: RouteDoc) {
  const statuses = new Set([...(doc.problems ?? []), ...(doc.anonymous ? [] : [401]), 429, 503]);
  return applyDecorators(
    ApiOperation({ summary }),
    ApiResponse({ status: doc.status ?? 200, description: doc.returns }),
    ...[...statuses].sort().map(problem),
  );
}

/** The `Idempotency-Key` header of a create route. */
export const IdempotencyKeyHeader = (what: string) =>
  ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: `One key per ${what}: a retry with the same key answers the first result and creates nothing more`,
  });
