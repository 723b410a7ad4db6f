import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../api/client';

const tenant = (tenantId: string) => ({ params: { path: { tenantId } } });

/** Keys of the licensing data of a tenant, so one change refreshes what it touches. */
export const licensingKeys = {
  all: (tenantId: string) => ['licensing', tenantId] as const,
  overview: (tenantId: string) => ['licensing', tenantId, 'overview'] as const,
  cart: (tenantId: string) => ['licensing', tenantId, 'cart'] as const,
  purchases: (tenantId: string, page: number) => ['licensing', tenantId, 'purchases', page] as const,
  ledger: (tenantId: string, page: number, kind?: string) => ['licensing', tenantId, 'ledger', page, kind] as const,
};

/** Module status and the pool; kept fresh while invitations move licenses around. */
export function useOverview(tenantId: string) {
  return useQuery({
    queryKey: licensingKeys.overview(tenantId),
    queryFn: () => call(api.GET('/api/admin/tenants/{tenantId}/overview', tenant(tenantId))),
    refetchInterval: 5_000,
  });
}

export function useSetModule(tenantId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (active: boolean) =>
      call(api.PUT('/api/admin/tenants/{tenantId}/module', { ...tenant(tenantId), body: { active } })),
    onSuccess: (overview) => client.setQueryData(licensingKeys.overview(tenantId), overview),
  });
}

/** The signed-in administrator's own cart. */
export function useCart(tenantId: string) {
  return useQuery({
    queryKey: licensingKeys.cart(tenantId),
    queryFn: () => call(api.GET('/api/admin/tenants/{tenantId}/cart', tenant(tenantId))),
  });
}

/** Adds licenses: to the cart's line when there is one (one line with a quantity), else as a new line. */
export function useAddToCart(tenantId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (quantity: number) => {
      const cart = await client.fetchQuery({
        queryKey: licensingKeys.cart(tenantId),
        queryFn: () => call(api.GET('/api/admin/tenants/{tenantId}/cart', tenant(tenantId))),
      });
      const line = cart.lines[0];
      return line
        ? call(
            api.PATCH('/api/admin/tenants/{tenantId}/cart/lines/{lineId}', {
              params: { path: { tenantId, lineId: line.lineId } },
              body: { quantity: line.quantity + quantity },
            }),
          )
        : call(api.POST('/api/admin/tenants/{tenantId}/cart/lines', { ...tenant(tenantId), body: { quantity } }));
    },
    onSuccess: (cart) => client.setQueryData(licensingKeys.cart(tenantId), cart),
  });
}

export function useChangeCartLine(tenantId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ lineId, quantity }: { lineId: string; quantity: number }) =>
      call(
        api.PATCH('/api/admin/tenants/{tenantId}/cart/lines/{lineId}', {
          params: { path: { tenantId, lineId } },
          body: { quantity },
        }),
      ),
    onSuccess: (cart) => client.setQueryData(licensingKeys.cart(tenantId), cart),
  });
}

export function useRemoveCartLine(tenantId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (lineId: string) =>
      call(api.DELETE('/api/admin/tenants/{tenantId}/cart/lines/{lineId}', { params: { path: { tenantId, lineId } } })),
    onSuccess: (cart) => client.setQueryData(licensingKeys.cart(tenantId), cart),
  });
}

/**
 * Checkout with one idempotency key per cart the administrator sees: a double click, or a retry after a lost
 * answer, sends the same key and buys once.
 */
export function useCheckout(tenantId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (idempotencyKey: string) =>
      call(
        api.POST('/api/admin/tenants/{tenantId}/checkout', {
          ...tenant(tenantId),
          params: { path: { tenantId }, header: { 'Idempotency-Key': idempotencyKey } },
        }),
      ),
    onSettled: () => client.invalidateQueries({ queryKey: licensingKeys.all(tenantId) }),
  });
}

export function usePurchases(tenantId: string, page: number, pageSize = 10) {
  return useQuery({
    queryKey: [...licensingKeys.purchases(tenantId, page), pageSize],
    queryFn: () =>
      call(
        api.GET('/api/admin/tenants/{tenantId}/purchases', {
          params: { path: { tenantId }, query: { page, pageSize } },
        }),
      ),
  });
}

export function useLedger(tenantId: string, page: number, kind?: string, pageSize = 20) {
  return useQuery({
    queryKey: [...licensingKeys.ledger(tenantId, page, kind), pageSize],
    queryFn: () =>
      call(
        api.GET('/api/admin/tenants/{tenantId}/ledger', {
          params: { path: { tenantId }, query: { page, pageSize, ...(kind ? { kind: kind as never } : {}) } },
        }),
      ),
  });
}
