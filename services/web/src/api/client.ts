import createClient, { type Middleware } from 'openapi-fetch';
import { accessToken } from '../app/auth';
import { chosenMembership } from './membership';
import { ApiProblem, toApiProblem, unreachable } from './problem';
import type { paths } from './schema';

/** The gateway's API, typed from its OpenAPI document (src/api/schema.d.ts, generated: `npm run generate:api`). */
export const api = createClient<paths>({ baseUrl: window.location.origin });

let onUnauthorized: () => void = () => undefined;
/** What to do when the gateway refuses the token (the session ended). */
export function whenUnauthorized(handler: () => void): void {
  onUnauthorized = handler;
}

/** Routes that act through a membership; the others act as the person or the tenant's administrator. */
const MEMBER_ROUTES =
  /^\/api\/portal\/(documents|stock|orders|users|contacts|items|invitations$|invitations\/[0-9a-f-]{36})/;

const signedIn: Middleware = {
  onRequest({ request }) {
    const token = accessToken();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    const membership = chosenMembership();
    if (membership && MEMBER_ROUTES.test(new URL(request.url).pathname)) {
      request.headers.set('x-portal-membership', membership);
    }
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && request.headers.has('authorization')) onUnauthorized();
    return response;
  },
};
api.use(signedIn);

/**
 * Awaits an openapi-fetch call and gives its data, or throws an ApiProblem: what TanStack Query's query and
 * mutation functions use, so every error reaching a page is a problem document with a status.
 */
export async function call<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await request;
  } catch (error) {
    if (error instanceof ApiProblem) throw error;
    throw unreachable();
  }
  if (!result.response.ok) throw toApiProblem(result.response, result.error);
  return result.data as T;
}
