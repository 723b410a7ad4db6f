import type { components } from './schema';

/** An RFC 9457 problem document as the gateway answers every error. */
export type Problem = components['schemas']['Problem'];

/** A refusal or failure of the API, carrying the problem document and the request id for support. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
    readonly requestId?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiProblem';
  }

  get code(): string | undefined {
    return typeof this.problem.code === 'string' ? this.problem.code : undefined;
  }

  /** The reason given for one field (paths as the API names them: `quantity`, `invitations.2.contactNo`). */
  fieldReason(field: string): string | undefined {
    return this.problem.errors?.find((e) => e.field === field)?.reason;
  }
}

/**
 * A refused or failed answer as one ApiProblem: its problem document (the body openapi-fetch already parsed), or,
 * for an answer that is not one (a proxy's page), the status alone.
 */
export function toApiProblem(response: Response, body: unknown): ApiProblem {
  const requestId = response.headers.get('x-request-id') ?? undefined;
  const retryAfter = Number(response.headers.get('retry-after'));
  const problem: Problem =
    body && typeof body === 'object' && 'status' in body
      ? (body as Problem)
      : { type: 'about:blank', title: response.statusText || 'Error', status: response.status };
  return new ApiProblem(response.status, problem, requestId, Number.isFinite(retryAfter) ? retryAfter : undefined);
}

/** What fetch throws when the gateway cannot be reached at all. */
export const unreachable = () =>
  new ApiProblem(0, { type: 'about:blank', title: 'Network error', status: 0, code: 'unreachable' });
