import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { z } from 'zod/mini';

/** The highest page the API takes (`PAGE_MAX` of libs/api-contracts); a hand-edited URL beyond it shows page 1. */
const PAGE_MAX = 1_000_000;

/** A list's page in the URL: a whole number from 1, else the first page. */
export const pageParam = z.catch(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(PAGE_MAX)), 1);

/** Values a list keeps in the URL: filters, sort, page. */
type ListParams = Record<string, string | number | undefined>;

/**
 * A list's state kept in the URL, so that a reload or a shared link shows the same list. The schema gives each
 * parameter its type and default (`z.catch(...)`), so a hand-edited URL falls back instead of failing.
 */
export function useListState<S extends z.core.$ZodType<ListParams>>(schema: S) {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => z.parse(schema, Object.fromEntries(params)), [params, schema]);
  const update = useCallback(
    (changes: Partial<z.infer<S>>, options: { keepPage?: boolean; replace?: boolean } = {}) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            if (value === undefined || value === '') next.delete(key);
            else next.set(key, String(value));
          }
          // A new filter or sort starts at the first page.
          if (!options.keepPage && !('page' in changes)) next.delete('page');
          return next;
        },
        { replace: options.replace },
      );
    },
    [setParams],
  );
  return [state, update] as const;
}

/** The query parameters of an API call from list state: empty values left out. */
export function definedParams<T extends ListParams>(state: T): { [K in keyof T]: Exclude<T[K], ''> } {
  return Object.fromEntries(Object.entries(state).filter(([, v]) => v !== undefined && v !== '')) as never;
}
