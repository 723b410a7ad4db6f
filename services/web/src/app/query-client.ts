import { QueryClient } from '@tanstack/react-query';
import { ApiProblem } from '../api/problem';

/** Server state: refusals (4xx) are answers, not retried; failures of the platform (5xx, network) twice. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        retry: (count, error) =>
          count < 2 && error instanceof ApiProblem && (error.status === 0 || error.status >= 500),
      },
      mutations: { retry: false },
    },
  });
}

declare module '@tanstack/react-query' {
  interface Register {
    // Every query and mutation function goes through `call`, which throws ApiProblem.
    defaultError: ApiProblem;
  }
}
