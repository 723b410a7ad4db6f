import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiResponse } from '@nestjs/swagger';

const PROBLEM_MEANING: Record<number, string> = {
  400: 'Refused input: `errors` names each field and the reason',
  401: 'No valid bearer token (or connector key)',
  403: 'Not allowed for this role or membership',
  404: 'Not found, or outside what the caller may see',
  409: 'Conflicts with the current state (the problem says with what)',
  410: 'Gone: the invitation was accepted, revoked, expired or rejected, or a newer e-mail replaced its link and code (`code`: already_accepted, revoked, expired, rejected, replaced)',
  413: 'The body is too large',
  422: 'Understood but cannot be done (the problem says why)',
  423: 'Locked after too many wrong codes',
  429: 'Too many requests: wait for `Retry-After` seconds',
  503: 'A service behind the gateway cannot be reached now',
};

/** A response class of `libs/api-contracts` (class-validator rules, described by `describeDto`). */
export type ResponseType = new () => object;

interface RouteDocBase {
  /** What the success answer holds, in words. */
  returns: string;
  /** Problems besides the ones every route can give (401, 429, 503). */
  problems?: number[];
  /** Anonymous routes cannot answer 401. */
  anonymous?: boolean;
}

/**
 * How a route answers, for the OpenAPI document: a 204 has no body; every other success names its response class
 * (`isArray` for a bare JSON array of it), so that no route of the document goes without its answer's schema.
 */
export type RouteDoc = RouteDocBase &
  (
    | { status: 204; type?: never; isArray?: never; replayed?: never }
    | {
        status?: 200 | 201 | 202;
        type: ResponseType;
        isArray?: boolean;
        /** A create route with `Idempotency-Key`: what its 200 says when the key was used before (same body). */
        replayed?: string;
      }
  );

const responseTypes = new Set<ResponseType>();

/** Every response class a route names, so that each is described before the document is built. */
export function documentedResponseTypes(): ResponseType[] {
  return [...responseTypes];
}

const problem = (status: number) =>
  ApiResponse({
    status,
    description: PROBLEM_MEANING[status],
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  });

/** Summary, success answer (with its schema) and every problem a route can answer, as one decorator. */
export function Documented(summary: string, doc: RouteDoc) {
  const statuses = new Set([...(doc.problems ?? []), ...(doc.anonymous ? [] : [401]), 429, 503]);
  if (doc.type) responseTypes.add(doc.type);
  const successes = doc.type
    ? [
        ApiResponse({ status: doc.status ?? 200, description: doc.returns, type: doc.type, isArray: doc.isArray }),
        ...(doc.replayed ? [ApiResponse({ status: 200, description: doc.replayed, type: doc.type })] : []),
      ]
    : [ApiResponse({ status: doc.status, description: doc.returns })];
  return applyDecorators(ApiOperation({ summary }), ...successes, ...[...statuses].sort().map(problem));
}

/** The `Idempotency-Key` header of a create route. */
export const IdempotencyKeyHeader = (what: string) =>
  ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: `One key per ${what}: a retry with the same key answers the first result and creates nothing more`,
  });
