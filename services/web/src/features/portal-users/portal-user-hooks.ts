import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { Ok, QueryOf } from '../../api/types';
import { pollWhileReactivating } from '../../ui/membership-standing';
import { licensingKeys } from '../collaborate-exchange/licensing-hooks';

export type PortalUser = Ok<'/api/admin/tenants/{tenantId}/portal-users/{membershipId}', 'get'>;
export type PortalUserQuery = QueryOf<'/api/admin/tenants/{tenantId}/portal-users', 'get'>;
type Role = PortalUser['role'];

export function usePortalUsers(tenantId: string, query: PortalUserQuery) {
  return useQuery({
    queryKey: ['portal-users', tenantId, query],
    queryFn: () =>
      call(api.GET('/api/admin/tenants/{tenantId}/portal-users', { params: { path: { tenantId }, query } })),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => pollWhileReactivating(q.state.data?.items, 10_000),
  });
}

/** Role change, deactivation and reactivation: each refreshes the list and the license counts it moves. */
export function usePortalUserActions(tenantId: string) {
  const client = useQueryClient();
  const settle = () => {
    void client.invalidateQueries({ queryKey: ['portal-users', tenantId] });
    void client.invalidateQueries({ queryKey: licensingKeys.overview(tenantId) });
  };
  const path = (membershipId: string) => ({ params: { path: { tenantId, membershipId } } });
  return {
    changeRole: useMutation({
      mutationFn: ({ membershipId, role }: { membershipId: string; role: Role }) =>
        call(
          api.PATCH('/api/admin/tenants/{tenantId}/portal-users/{membershipId}/role', {
            ...path(membershipId),
            body: { role },
          }),
        ),
      onSuccess: settle,
    }),
    deactivate: useMutation({
      mutationFn: (membershipId: string) =>
        call(api.POST('/api/admin/tenants/{tenantId}/portal-users/{membershipId}/deactivate', path(membershipId))),
      onSuccess: settle,
    }),
    reactivate: useMutation({
      mutationFn: (membershipId: string) =>
        call(api.POST('/api/admin/tenants/{tenantId}/portal-users/{membershipId}/reactivate', path(membershipId))),
      onSuccess: settle,
    }),
  };
}
