import type { paths } from './schema';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type JsonOf<X> = X extends { content: { 'application/json': infer Body } } ? Body : never;

/** The success body of a route, as the gateway's OpenAPI document describes it (200, else 201). */
export type Ok<P extends keyof paths, M extends Method> =
  NonNullable<paths[P][M & keyof paths[P]]> extends { responses: infer R }
    ? 200 extends keyof R
      ? JsonOf<R[200]>
      : 201 extends keyof R
        ? JsonOf<R[201]>
        : never
    : never;

/** The query parameters of a route. */
export type QueryOf<P extends keyof paths, M extends Method> =
  NonNullable<paths[P][M & keyof paths[P]]> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** The JSON body a route takes. */
export type BodyOf<P extends keyof paths, M extends Method> =
  NonNullable<paths[P][M & keyof paths[P]]> extends { requestBody?: { content: { 'application/json': infer B } } }
    ? B
    : never;
